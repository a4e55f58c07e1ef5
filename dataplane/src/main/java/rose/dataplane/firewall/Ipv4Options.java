package rose.dataplane.firewall;

/**
 * {@code ipv4-options=} (reference 03 §3): which IPv4 options (RFC 791) the header carries.
 * The positive words match a packet carrying that option, the {@code no-} words one that does not
 * ({@code no-source-routing}: neither loose nor strict), {@code any} any option at all, {@code none}
 * a bare 20-byte header. NOP and end-of-list are padding, not options.
 */
public enum Ipv4Options {
    ANY("any"), NONE("none"),
    STRICT_SOURCE_ROUTING("strict-source-routing"), LOOSE_SOURCE_ROUTING("loose-source-routing"),
    NO_SOURCE_ROUTING("no-source-routing"), RECORD_ROUTE("record-route"), NO_RECORD_ROUTE("no-record-route"),
    TIMESTAMP("timestamp"), NO_TIMESTAMP("no-timestamp"), ROUTER_ALERT("router-alert"), NO_ROUTER_ALERT("no-router-alert");

    // bits of present(): one per option kind we name, plus OTHER for any other real option
    static final int LSRR = 1, SSRR = 1 << 1, RR = 1 << 2, TS = 1 << 3, RA = 1 << 4, OTHER = 1 << 5;

    private final String word;

    Ipv4Options(String word) { this.word = word; }

    public static Ipv4Options parse(String s) {
        for (Ipv4Options o : values()) if (o.word.equals(s.trim())) return o;
        throw new IllegalArgumentException("invalid value for argument ipv4-options: " + s);
    }

    /** Tests the option bits of one header ({@link #present}). */
    public boolean matches(int present) {
        switch (this) {
            case ANY: return present != 0;
            case NONE: return present == 0;
            case STRICT_SOURCE_ROUTING: return (present & SSRR) != 0;
            case LOOSE_SOURCE_ROUTING: return (present & LSRR) != 0;
            case NO_SOURCE_ROUTING: return (present & (SSRR | LSRR)) == 0;
            case RECORD_ROUTE: return (present & RR) != 0;
            case NO_RECORD_ROUTE: return (present & RR) == 0;
            case TIMESTAMP: return (present & TS) != 0;
            case NO_TIMESTAMP: return (present & TS) == 0;
            case ROUTER_ALERT: return (present & RA) != 0;
            default: return (present & RA) == 0;   // NO_ROUTER_ALERT
        }
    }

    /**
     * The options in the header at {@code l3} of length {@code ihl}. Walks type-length-value
     * entries; a length that is too short or runs past the header ends the walk (what was seen so
     * far still counts), as the kernel's option parser stops at a malformed option.
     */
    public static int present(byte[] b, int l3, int ihl) {
        int bits = 0;
        int o = l3 + 20, end = l3 + ihl;
        while (o < end) {
            int type = b[o] & 0xff;
            if (type == 0) break;              // end of option list
            if (type == 1) { o++; continue; }  // no-operation padding
            switch (type) {
                case 131: bits |= LSRR; break;
                case 137: bits |= SSRR; break;
                case 7: bits |= RR; break;
                case 68: bits |= TS; break;
                case 148: bits |= RA; break;
                default: bits |= OTHER;
            }
            if (o + 1 >= end) break;
            int len = b[o + 1] & 0xff;
            if (len < 2) break;
            o += len;
        }
        return bits;
    }

    @Override public String toString() { return word; }
}
