package rose.ike.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address prefix such as {@code 10.1.202.0/24} (RouterOS src-address, dst-address, peer address). */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length);
    }

    /** Parses {@code a.b.c.d[/n]} or an IPv6 literal with an optional length; no DNS lookups. */
    public static IpPrefix parse(String s) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        try {
            if (!a.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("not an address: " + a);
            InetAddress ia = InetAddress.getByName(a);
            int len = slash < 0 ? ia.getAddress().length * 8 : Integer.parseInt(s.substring(slash + 1));
            return new IpPrefix(ia, len);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + a, e);
        }
    }

    public boolean contains(InetAddress a) {
        byte[] p = address.getAddress(), x = a.getAddress();
        if (p.length != x.length) return false;
        int whole = length / 8;
        for (int i = 0; i < whole; i++) if (p[i] != x[i]) return false;
        int rest = length % 8;
        if (rest == 0) return true;
        int m = (0xff << (8 - rest)) & 0xff;
        return (p[whole] & m) == (x[whole] & m);
    }

    @Override public String toString() { return address.getHostAddress() + "/" + length; }
}
