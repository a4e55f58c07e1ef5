package rose.dataplane.firewall;

import java.util.Map;

/** IP protocol names RouterOS accepts (reference 03 §3) and their numbers. */
public final class Protocols {
    private Protocols() {}

    public static final int ICMP = 1, TCP = 6, UDP = 17, GRE = 47, ESP = 50, AH = 51;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("ggp", 3), Map.entry("ipencap", 4), Map.entry("st", 5),
            Map.entry("tcp", 6), Map.entry("egp", 8), Map.entry("pup", 12), Map.entry("udp", 17), Map.entry("hmp", 20),
            Map.entry("xns-idp", 22), Map.entry("rdp", 27), Map.entry("iso-tp4", 29), Map.entry("dccp", 33),
            Map.entry("xtp", 36), Map.entry("ddp", 37), Map.entry("idpr-cmtp", 38), Map.entry("ipv6", 41),
            Map.entry("ipv6-route", 43), Map.entry("ipv6-frag", 44), Map.entry("rsvp", 46), Map.entry("gre", 47),
            Map.entry("ipsec-esp", 50), Map.entry("ipsec-ah", 51), Map.entry("icmpv6", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("rspf", 73), Map.entry("vmtp", 81), Map.entry("ospf", 89),
            Map.entry("ipip", 94), Map.entry("etherip", 97), Map.entry("encap", 98), Map.entry("pim", 103),
            Map.entry("vrrp", 112), Map.entry("l2tp", 115), Map.entry("sctp", 132), Map.entry("udp-lite", 136));

    public static int parse(String s) {
        s = s.trim();
        Integer n = BY_NAME.get(s);
        if (n != null) return n;
        int v = Integer.parseInt(s);
        if (v < 0 || v > 255) throw new IllegalArgumentException("protocol out of range: " + s);
        return v;
    }

    /** Upper-case name as the log line prints it ({@code UDP}, {@code TCP}, {@code ICMP}), else the number. */
    public static String logName(int proto) {
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) if (e.getValue() == proto) return e.getKey().toUpperCase();
        return Integer.toString(proto);
    }

    /** Protocols whose first four L4 bytes are source and destination ports. */
    public static boolean hasPorts(int proto) { return proto == TCP || proto == UDP || proto == 132 || proto == 33 || proto == 136; }
}
