package rose.dataplane.firewall;

/** IPv4 addresses as ints (network order in the int's bits: 10.0.0.1 = 0x0A000001); parsing and printing for the control plane. */
public final class Ipv4 {
    private Ipv4() {}

    /** Parses dotted quad; throws IllegalArgumentException (control plane only). */
    public static int parse(String s) {
        String[] p = s.trim().split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("invalid IPv4 address: " + s);
        int v = 0;
        for (String o : p) {
            if (o.isEmpty() || o.length() > 3) throw new IllegalArgumentException("invalid IPv4 address: " + s);
            int n;
            try { n = Integer.parseInt(o); } catch (NumberFormatException e) { throw new IllegalArgumentException("invalid IPv4 address: " + s); }
            if (n < 0 || n > 255) throw new IllegalArgumentException("invalid IPv4 address: " + s);
            v = (v << 8) | n;
        }
        return v;
    }

    public static String format(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** Mask for a prefix length 0..32. */
    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Unsigned compare of two addresses. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }
}
