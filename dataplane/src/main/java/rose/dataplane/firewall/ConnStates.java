package rose.dataplane.firewall;

/**
 * connection-state and connection-nat-state as bit sets. A packet carries exactly one state bit
 * (set by conntrack) and any combination of NAT bits; a rule matches if the sets intersect.
 */
public final class ConnStates {
    private ConnStates() {}

    public static final int INVALID = 1, ESTABLISHED = 2, RELATED = 4, NEW = 8, UNTRACKED = 16;
    /**
     * A connection's NAT bits. An endpoint-independent-nat connection has two: the outbound one
     * srcnat and ein-snat, the inbound one its dstnat rule opened dstnat and ein-dnat.
     */
    public static final int NAT_SRCNAT = 1, NAT_DSTNAT = 2, NAT_EIN_SNAT = 4, NAT_EIN_DNAT = 8;
    public static final int NAT_EIN = NAT_EIN_SNAT | NAT_EIN_DNAT;

    /** {@code established,related,untracked} → bits. */
    public static int parseStates(String s) {
        int bits = 0;
        for (String w : s.split(",")) {
            switch (w.trim()) {
                case "invalid": bits |= INVALID; break;
                case "established": bits |= ESTABLISHED; break;
                case "related": bits |= RELATED; break;
                case "new": bits |= NEW; break;
                case "untracked": bits |= UNTRACKED; break;
                default: throw new IllegalArgumentException("unknown connection-state: " + w);
            }
        }
        return bits;
    }

    /** {@code srcnat,dstnat,ein-snat,ein-dnat} → bits. */
    public static int parseNatStates(String s) {
        int bits = 0;
        for (String w : s.split(",")) {
            switch (w.trim()) {
                case "srcnat": bits |= NAT_SRCNAT; break;
                case "dstnat": bits |= NAT_DSTNAT; break;
                case "ein-snat": bits |= NAT_EIN_SNAT; break;
                case "ein-dnat": bits |= NAT_EIN_DNAT; break;
                default: throw new IllegalArgumentException("unknown connection-nat-state: " + w);
            }
        }
        return bits;
    }

    /** NAT bits → {@code srcnat,ein-snat} (empty when none). */
    public static String natStateNames(int bits) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"srcnat", "dstnat", "ein-snat", "ein-dnat"};
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1 << i)) == 0) continue;
            if (sb.length() > 0) sb.append(',');
            sb.append(names[i]);
        }
        return sb.toString();
    }

    public static String stateName(int bit) {
        switch (bit) {
            case INVALID: return "invalid";
            case ESTABLISHED: return "established";
            case RELATED: return "related";
            case NEW: return "new";
            case UNTRACKED: return "untracked";
            default: return "none";
        }
    }
}
