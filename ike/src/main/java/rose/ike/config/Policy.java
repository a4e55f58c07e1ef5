package rose.ike.config;

import java.net.InetAddress;

/**
 * {@code /ip ipsec policy} as IKE needs it: the traffic to protect (our side = src), the mode
 * and the proposal. Ports 0 mean any; protocol 0 means all.
 *
 * @param ah {@code ipsec-protocols=ah}: the CHILD_SA is negotiated as AH (RFC 4302, integrity
 *           only, from the proposal's {@code auth-algorithms}) instead of ESP
 */
public record Policy(IpPrefix srcAddress, IpPrefix dstAddress, int protocol, int srcPort, int dstPort,
                     boolean tunnel, InetAddress saSrcAddress, InetAddress saDstAddress, ChildProposal proposal, boolean ah) {
    public Policy {
        if (ah) RouterOsAlgorithms.ahProposals(proposal.authAlgorithms(), proposal.pfsGroup(), false, new byte[4]);   // validates
    }

    /** An ESP policy ({@code ipsec-protocols=esp}, RouterOS's default). */
    public Policy(IpPrefix srcAddress, IpPrefix dstAddress, int protocol, int srcPort, int dstPort,
                  boolean tunnel, InetAddress saSrcAddress, InetAddress saDstAddress, ChildProposal proposal) {
        this(srcAddress, dstAddress, protocol, srcPort, dstPort, tunnel, saSrcAddress, saDstAddress, proposal, false);
    }
}
