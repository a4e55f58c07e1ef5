package rose.ike.config;

import java.net.InetAddress;

/**
 * {@code /ip ipsec policy} as IKE needs it: the traffic to protect (our side = src), the mode
 * and the proposal. Ports 0 mean any; protocol 0 means all.
 */
public record Policy(IpPrefix srcAddress, IpPrefix dstAddress, int protocol, int srcPort, int dstPort,
                     boolean tunnel, InetAddress saSrcAddress, InetAddress saDstAddress, ChildProposal proposal) {}
