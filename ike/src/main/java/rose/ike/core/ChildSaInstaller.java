package rose.ike.core;

import java.net.InetSocketAddress;

/**
 * The narrow seam between IKE and wherever SAs live. The appliance implements it over the
 * IpsecBackend (ipsec-offload); tests record what they get. Called on the event-loop thread.
 *
 * <p>Make-before-break: a new CHILD_SA's inbound half is installed first; its outbound half
 * later, replacing the outbound half of the SA it rekeys (so traffic never finds no outbound
 * SA); the old SA is removed only after {@link IkeSettings#rekeyRetireDelay()} so packets in
 * flight on it are still accepted.
 */
public interface ChildSaInstaller {
    /** Install the inbound half (we decrypt with {@code sa.inboundSpi()}). */
    void installInbound(NegotiatedChildSa sa);

    /**
     * Install the outbound half; from now on policy traffic leaves through {@code sa}.
     * {@code replaces} is the rekeyed SA whose outbound half this supersedes, or null.
     */
    void installOutbound(NegotiatedChildSa sa, NegotiatedChildSa replaces);

    /** Remove whatever is installed of both directions (delete, expiry, DPD death, IKE SA teardown, retired after rekey). */
    void remove(NegotiatedChildSa sa, String reason);

    /**
     * The peer's public address/port changed (NAT mapping change, RFC 7296 §2.23): {@code sa} is the
     * CHILD_SA with its new endpoints; UDP-encapsulated ESP must now go to {@code sa.remote()}.
     */
    default void natMappingChanged(NegotiatedChildSa sa, InetSocketAddress oldRemote) {}

    /**
     * Mode-config client: the responder gave us {@code attributes} (our address, DNS servers,
     * split networks) for the IKE SA with {@code peerName}; the appliance puts the address on
     * the router and adds the dynamic src-nat rules of the mode-config.
     */
    default void modeConfigReceived(String peerName, rose.ike.message.CfgAttributes attributes) {}
}
