package rose.dataplane.config;

/** IPv4 addresses as ints (network byte order, the first octet in the high byte): parse and format. */
public final class Ip4Address {
    private Ip4Address() {}

    /** Parses dotted quad; throws IllegalArgumentException (control plane only). */
    public static int parse(String s) {
        String[] p = s.trim().split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + s);
        int v = 0;
        for (String o : p) {
            int b;
            try { b = Integer.parseInt(o); } catch (NumberFormatException e) { throw new IllegalArgumentException("not an IPv4 address: " + s); }
            if (b < 0 || b > 255 || o.isEmpty() || o.length() > 3) throw new IllegalArgumentException("not an IPv4 address: " + s);
            v = (v << 8) | b;
        }
        return v;
    }

    public static String format(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** Netmask for a prefix length 0..32. */
    public static int mask(int len) {
        return len == 0 ? 0 : -1 << (32 - len);
    }
}
