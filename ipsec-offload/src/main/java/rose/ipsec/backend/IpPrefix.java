package rose.ipsec.backend;

import java.net.InetAddress;
import java.util.Objects;

/** An address and prefix length, as selectors carry them ({@code 10.0.0.0/24}). */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length + " for " + address);
    }

    public static IpPrefix host(InetAddress a) { return new IpPrefix(a, a.getAddress().length * 8); }

    public boolean contains(InetAddress a) {
        byte[] p = address.getAddress(), x = a.getAddress();
        if (p.length != x.length) return false;
        int full = length / 8, rest = length % 8;
        for (int i = 0; i < full; i++) if (p[i] != x[i]) return false;
        return rest == 0 || ((p[full] ^ x[full]) & (0xff00 >> rest)) == 0;
    }

    @Override public String toString() { return address.getHostAddress() + "/" + length; }
}
