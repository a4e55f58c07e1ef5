package rose.dataplane.firewall;

/**
 * tcp-flags: a list like {@code syn,!ack}. Plain flags must be set, {@code !flag} must be clear.
 * Negation of the whole matcher ({@code !syn} as a rule-level !) is not RouterOS syntax; each item carries its own.
 */
public record TcpFlagsMatch(int mustSet, int mustClear) {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;

    public static TcpFlagsMatch parse(String s) {
        int set = 0, clear = 0;
        for (String w : s.split(",")) {
            w = w.trim();
            boolean not = w.startsWith("!");
            int bit = bit(not ? w.substring(1) : w);
            if (not) clear |= bit; else set |= bit;
        }
        return new TcpFlagsMatch(set, clear);
    }

    private static int bit(String w) {
        switch (w) {
            case "fin": return FIN;
            case "syn": return SYN;
            case "rst": return RST;
            case "psh": return PSH;
            case "ack": return ACK;
            case "urg": return URG;
            case "ece": return ECE;
            case "cwr": return CWR;
            default: throw new IllegalArgumentException("unknown tcp flag: " + w);
        }
    }

    public boolean matches(int flags) { return (flags & mustSet) == mustSet && (flags & mustClear) == 0; }
}
