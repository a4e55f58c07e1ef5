package rose.dataplane.firewall;

/**
 * connection-state and connection-nat-state as bit sets. A packet carries exactly one state bit
 * (set by conntrack) and any combination of NAT bits; a rule matches if the sets intersect.
 */
public final class ConnStates {
    private ConnStates() {}

    public static final int INVALID = 1, ESTABLISHED = 2, RELATED = 4, NEW = 8, UNTRACKED = 16;
    public static final int NAT_SRCNAT = 1, NAT_DSTNAT = 2;

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

    /** {@code srcnat,dstnat}; ein-snat/ein-dnat (endpoint-independent NAT) are not produced by ROSE and never match. */
    public static int parseNatStates(String s) {
        int bits = 0;
        for (String w : s.split(",")) {
            switch (w.trim()) {
                case "srcnat": bits |= NAT_SRCNAT; break;
                case "dstnat": bits |= NAT_DSTNAT; break;
                case "ein-snat": bits |= 4; break;
                case "ein-dnat": bits |= 8; break;
                default: throw new IllegalArgumentException("unknown connection-nat-state: " + w);
            }
        }
        return bits;
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
