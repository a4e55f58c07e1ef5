package rose.dataplane.firewall;

/**
 * RouterOS firewall log text: {@code <prefix> <chain>: in:<if> out:<if>, proto UDP,
 * 1.2.3.4:500->5.6.7.8:500, len 120}. TCP adds the flags in parentheses as RouterOS does
 * ({@code proto TCP (SYN)}); ICMP prints {@code (type 8, code 0)}. Allocates: logging is rare.
 */
public final class LogLine {
    private LogLine() {}

    public static String format(String prefix, String chain, InterfaceResolver ifs, PacketFields p) {
        StringBuilder sb = new StringBuilder();
        if (prefix != null && !prefix.isEmpty()) sb.append(prefix).append(' ');
        sb.append(chain).append(": in:").append(p.inIf < 0 ? "(unknown 0)" : ifs.name(p.inIf))
          .append(" out:").append(p.outIf < 0 ? "(unknown 0)" : ifs.name(p.outIf))
          .append(", proto ").append(Protocols.logName(p.proto));
        if (p.proto == Protocols.TCP && p.l4Valid) sb.append(" (").append(tcpFlags(p.tcpFlags)).append(')');
        if (p.proto == Protocols.ICMP && p.l4Valid) sb.append(" (type ").append(p.icmpType).append(", code ").append(p.icmpCode).append(')');
        sb.append(", ").append(Ipv4.format(p.srcIp));
        if (Protocols.hasPorts(p.proto) && p.l4Valid) sb.append(':').append(p.srcPort);
        sb.append("->").append(Ipv4.format(p.dstIp));
        if (Protocols.hasPorts(p.proto) && p.l4Valid) sb.append(':').append(p.dstPort);
        sb.append(", len ").append(p.totalLength);
        return sb.toString();
    }

    static String tcpFlags(int f) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        for (int i = 0; i < 8; i++) if ((f & (1 << i)) != 0) { if (sb.length() > 0) sb.append(','); sb.append(names[i]); }
        return sb.toString();
    }
}
