package rose.dataplane.conntrack;

import java.time.Duration;

/**
 * One row of {@code /ip firewall connection print}: an immutable copy taken by
 * {@link ConnTable#snapshot()} (control plane; allocation is fine there).
 * Ports are 0 for protocols without them; for ICMP the port fields hold the echo id.
 * {@code connectionType} is empty without a helper; {@code expected} marks a connection a helper
 * announced (an FTP data connection), {@code usesHelper} one a helper reads (the FTP control connection).
 * {@code natState} holds ConnStates.NAT_* bits (srcnat, dstnat, ein-snat, ein-dnat).
 */
public record ConnEntry(int protocol, int srcAddress, int srcPort, int dstAddress, int dstPort,
                        int replySrcAddress, int replySrcPort, int replyDstAddress, int replyDstPort,
                        Duration timeout, String tcpState, String connectionMark,
                        long origPackets, long origBytes, long replPackets, long replBytes,
                        boolean seenReply, boolean assured, boolean confirmed, boolean dying,
                        boolean srcnat, boolean dstnat, boolean fasttrack,
                        String connectionType, boolean expected, boolean usesHelper,
                        int natState) {

    /** {@code connection-nat-state} words of the connection ({@code srcnat,ein-snat}), empty when not translated. */
    public String natStateNames() { return rose.dataplane.firewall.ConnStates.natStateNames(natState); }

    /** RouterOS flag letters in its order: E S A C D F H s d h (hw-offload is never set). */
    public String flags() {
        StringBuilder sb = new StringBuilder();
        if (expected) sb.append('E');
        if (seenReply) sb.append('S');
        if (assured) sb.append('A');
        if (confirmed) sb.append('C');
        if (dying) sb.append('D');
        if (fasttrack) sb.append('F');
        if (srcnat) sb.append('s');
        if (dstnat) sb.append('d');
        if (usesHelper) sb.append('h');
        return sb.toString();
    }
}
