package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive IPv4 range: RouterOS accepts an address, a prefix (normalised to its network) or
 * {@code a.b.c.d-e.f.g.h}. Bounds compare unsigned.
 */
public record Ipv4Range(int first, int last) {

    public Ipv4Range {
        if (Integer.compareUnsigned(first, last) > 0) throw new IllegalArgumentException("range start after end");
    }

    public static final Ipv4Range ANY = new Ipv4Range(0, -1);

    public static Ipv4Range of(int address) { return new Ipv4Range(address, address); }

    public static Ipv4Range prefix(int network, int length) {
        int m = Ipv4.mask(length);
        return new Ipv4Range(network & m, (network & m) | ~m);
    }

    /** {@code 1.2.3.4}, {@code 10.0.0.0/8} (host bits cleared, as RouterOS does), {@code 1.2.3.4-1.2.3.9}. */
    public static Ipv4Range parse(String s) {
        s = s.trim();
        int dash = s.indexOf('-');
        if (dash > 0) return new Ipv4Range(Ipv4.parse(s.substring(0, dash)), Ipv4.parse(s.substring(dash + 1)));
        int slash = s.indexOf('/');
        if (slash > 0) {
            int len = Integer.parseInt(s.substring(slash + 1));
            if (len < 0 || len > 32) throw new IllegalArgumentException("invalid prefix length: " + s);
            return prefix(Ipv4.parse(s.substring(0, slash)), len);
        }
        return of(Ipv4.parse(s));
    }

    public boolean contains(int a) {
        return Integer.compareUnsigned(a, first) >= 0 && Integer.compareUnsigned(a, last) <= 0;
    }

    public long size() { return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1; }

    /** If the range is exactly one prefix, its length; otherwise -1. */
    public int prefixLength() {
        long n = size();
        if (Long.bitCount(n) != 1) return -1;
        int len = 32 - Long.numberOfTrailingZeros(n);
        return (first & ~Ipv4.mask(len)) == 0 ? len : -1;
    }

    /** The minimal list of prefixes covering this range (how address lists store ranges). */
    public List<Ipv4Range> toPrefixes() {
        List<Ipv4Range> out = new ArrayList<>();
        long cur = Integer.toUnsignedLong(first), end = Integer.toUnsignedLong(last);
        while (cur <= end) {
            long size = cur == 0 ? 1L << 32 : Long.lowestOneBit(cur);
            while (cur + size - 1 > end) size >>= 1;
            out.add(prefix((int) cur, 32 - Long.numberOfTrailingZeros(size)));
            cur += size;
        }
        return out;
    }

    /** RouterOS print form: a single address, a prefix, or a range. */
    @Override public String toString() {
        if (first == last) return Ipv4.format(first);
        int len = prefixLength();
        if (len >= 0) return Ipv4.format(first) + "/" + len;
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }
}
