package rose.ike.config;

import java.net.InetAddress;
import java.util.List;

/**
 * One IKE peer, assembled by the appliance from {@code /ip ipsec peer} + its profile + its
 * identity + the policies that name it. Immutable; replace the whole record to change it.
 *
 * @param address      remote address (prefix; the longest matching peer wins for a responder)
 * @param localAddress our address for this peer, or null for the daemon's default
 * @param port         remote IKE port (500)
 * @param passive      responder only
 */
public record PeerConfig(String name, IpPrefix address, InetAddress localAddress, int port, boolean passive,
                         ExchangeMode exchangeMode, IkeProfile profile, Identity identity, List<Policy> policies,
                         boolean sendInitialContact) {
    public enum ExchangeMode { IKE2, MAIN, AGGRESSIVE, BASE }

    public PeerConfig { policies = List.copyOf(policies); }
}
