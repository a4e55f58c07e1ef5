package rose.dataplane.firewall;

/**
 * connection-bytes and connection-rate {@code FROM-TO} (k/M/G suffixes allowed), both ends
 * inclusive as netfilter's connbytes is; TO 0 means no upper bound
 * ({@code connection-bytes=2000000-0} is every connection past 2 MB).
 */
public record LongRange(long from, long to) {
    public static LongRange parse(String s) {
        s = s.trim();
        int dash = s.indexOf('-', 1);
        if (dash < 0) throw new IllegalArgumentException("expected from-to: " + s);
        long from = RosTime.parseCount(s.substring(0, dash)), to = RosTime.parseCount(s.substring(dash + 1));
        if (from < 0 || to < 0 || (to != 0 && to < from)) throw new IllegalArgumentException("invalid range: " + s);
        return new LongRange(from, to);
    }

    public boolean contains(long v) { return v >= from && (to == 0 || v <= to); }
}
