package rose.ike.core;

import java.net.InetSocketAddress;
import java.util.List;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.Integrity;
import rose.ike.message.TrafficSelector;

/**
 * Everything IKE hands over when a CHILD_SA is up: a pair of ESP SAs (inbound and outbound)
 * with their SPIs, algorithms, keys, selectors, mode, encapsulation and lifetimes. The
 * appliance adapts this to the IpsecBackend (userspace SAD or kernel XFRM).
 *
 * <p>Encryption keys include the salt/nonce for AES-GCM, AES-CTR and ChaCha20-Poly1305
 * (RFC 4106 §8.1, RFC 3686 §5.1, RFC 7634 §2), as XFRM expects them.
 *
 * @param local          our IKE endpoint; the outer source of outbound ESP in tunnel mode
 * @param remote         the peer's IKE endpoint
 * @param localSelectors traffic on our side (source of outbound packets)
 * @param encapsulation  UDP when NAT was detected: ESP goes in UDP between {@code local} and {@code remote} (port 4500)
 * @param softLifetimeSeconds when IKE rekeys (jittered 80-90 % of the proposal lifetime); {@code hardLifetimeSeconds}
 *                       when it deletes an SA that was not rekeyed. IKE acts on both itself; the backend may use them as a fallback
 * @param cpu            the dataplane worker this pair is pinned to (RFC 9611 per-resource Child SA, Linux's pcpu-num):
 *                       {@link #ANY_CPU} for a plain SA (every peer without SA_RESOURCE_INFO), {@link #FALLBACK} for the
 *                       first Child SA of a policy once both ends sent SA_RESOURCE_INFO (RFC 9611 §2's fallback SA,
 *                       which every worker without its own SA encrypts with), or a worker number
 */
public record NegotiatedChildSa(String peerName, long ikeSpiI, long ikeSpiR, int inboundSpi, int outboundSpi,
                                Mode mode, Encapsulation encapsulation, InetSocketAddress local, InetSocketAddress remote,
                                Encryption encryption, int encKeyBits, Integrity integrity, boolean esn,
                                byte[] inboundEncKey, byte[] inboundIntegKey, byte[] outboundEncKey, byte[] outboundIntegKey,
                                List<TrafficSelector> localSelectors, List<TrafficSelector> remoteSelectors,
                                long softLifetimeSeconds, long hardLifetimeSeconds, Protocol protocol, int cpu) {
    /** A plain SA: not per-CPU, and no per-CPU SAs were negotiated beside it. */
    public static final int ANY_CPU = -1;
    /** RFC 9611's fallback SA: outbound for every worker without its own SA; per-CPU SAs of the same selectors follow it. */
    public static final int FALLBACK = -2;

    public enum Mode { TUNNEL, TRANSPORT }

    /** The IPsec protocol of the pair: ESP, or AH ({@code ipsec-protocols=ah}; encryption is then NULL and keyless). */
    public enum Protocol { ESP, AH }

    /** An ESP pair. */
    public NegotiatedChildSa(String peerName, long ikeSpiI, long ikeSpiR, int inboundSpi, int outboundSpi,
                             Mode mode, Encapsulation encapsulation, InetSocketAddress local, InetSocketAddress remote,
                             Encryption encryption, int encKeyBits, Integrity integrity, boolean esn,
                             byte[] inboundEncKey, byte[] inboundIntegKey, byte[] outboundEncKey, byte[] outboundIntegKey,
                             List<TrafficSelector> localSelectors, List<TrafficSelector> remoteSelectors,
                             long softLifetimeSeconds, long hardLifetimeSeconds) {
        this(peerName, ikeSpiI, ikeSpiR, inboundSpi, outboundSpi, mode, encapsulation, local, remote, encryption, encKeyBits, integrity, esn,
                inboundEncKey, inboundIntegKey, outboundEncKey, outboundIntegKey, localSelectors, remoteSelectors,
                softLifetimeSeconds, hardLifetimeSeconds, Protocol.ESP, ANY_CPU);
    }

    /** A pair of either protocol, not per-CPU. */
    public NegotiatedChildSa(String peerName, long ikeSpiI, long ikeSpiR, int inboundSpi, int outboundSpi,
                             Mode mode, Encapsulation encapsulation, InetSocketAddress local, InetSocketAddress remote,
                             Encryption encryption, int encKeyBits, Integrity integrity, boolean esn,
                             byte[] inboundEncKey, byte[] inboundIntegKey, byte[] outboundEncKey, byte[] outboundIntegKey,
                             List<TrafficSelector> localSelectors, List<TrafficSelector> remoteSelectors,
                             long softLifetimeSeconds, long hardLifetimeSeconds, Protocol protocol) {
        this(peerName, ikeSpiI, ikeSpiR, inboundSpi, outboundSpi, mode, encapsulation, local, remote, encryption, encKeyBits, integrity, esn,
                inboundEncKey, inboundIntegKey, outboundEncKey, outboundIntegKey, localSelectors, remoteSelectors,
                softLifetimeSeconds, hardLifetimeSeconds, protocol, ANY_CPU);
    }

    /** Whether this pair belongs to one worker (a per-CPU SA), not to all. */
    public boolean perCpu() { return cpu >= 0; }

    /** The same pair pinned to {@code worker} ({@link #ANY_CPU}, {@link #FALLBACK} or a worker number). */
    public NegotiatedChildSa withCpu(int worker) {
        return new NegotiatedChildSa(peerName, ikeSpiI, ikeSpiR, inboundSpi, outboundSpi, mode, encapsulation, local, remote,
                encryption, encKeyBits, integrity, esn, inboundEncKey, inboundIntegKey, outboundEncKey, outboundIntegKey,
                localSelectors, remoteSelectors, softLifetimeSeconds, hardLifetimeSeconds, protocol, worker);
    }

    /** The IKEv2 protocol id of the pair (RFC 7296 §3.3.1), for DELETE and REKEY_SA. */
    public int protocolId() { return protocol == Protocol.AH ? 2 : 3; }

    /** UDP_ENCAP when NAT was detected between the peers (RFC 3948), else plain ESP. */
    public enum Encapsulation { NONE, UDP }

    public NegotiatedChildSa {
        java.util.Objects.requireNonNull(protocol, "protocol");
        if (cpu < FALLBACK) throw new IllegalArgumentException("cpu " + cpu);
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    /** The same SA with new IKE endpoints (NAT mapping change). */
    public NegotiatedChildSa withEndpoints(InetSocketAddress newLocal, InetSocketAddress newRemote) {
        return new NegotiatedChildSa(peerName, ikeSpiI, ikeSpiR, inboundSpi, outboundSpi, mode, encapsulation, newLocal, newRemote,
                encryption, encKeyBits, integrity, esn, inboundEncKey, inboundIntegKey, outboundEncKey, outboundIntegKey,
                localSelectors, remoteSelectors, softLifetimeSeconds, hardLifetimeSeconds, protocol, cpu);
    }

    @Override public String toString() {
        return String.format("ChildSa[%s %s in 0x%08x out 0x%08x %s %s-%d/%s %s <=> %s", peerName, protocol, inboundSpi, outboundSpi, mode,
                encryption, encKeyBits, integrity, localSelectors, remoteSelectors) + (cpu >= 0 ? " cpu " + cpu : cpu == FALLBACK ? " fallback" : "") + "]";
    }
}
