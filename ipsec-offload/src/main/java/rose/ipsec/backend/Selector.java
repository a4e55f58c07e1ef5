package rose.ipsec.backend;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Which traffic a policy (or an SA) covers — XFRM's {@code xfrm_selector}, RouterOS's
 * {@code src-address dst-address protocol src-port dst-port}. Protocol and ports 0 mean any.
 */
public record Selector(IpPrefix src, IpPrefix dst, int protocol, int srcPort, int dstPort) {
    public Selector {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol " + protocol);
        if (srcPort < 0 || srcPort > 65535 || dstPort < 0 || dstPort > 65535) throw new IllegalArgumentException("port out of range");
    }

    public static Selector between(IpPrefix src, IpPrefix dst) { return new Selector(src, dst, 0, 0, 0); }

    public boolean matches(InetAddress s, InetAddress d, int proto, int sport, int dport) {
        return src.contains(s) && dst.contains(d) && (protocol == 0 || protocol == proto)
                && (srcPort == 0 || srcPort == sport) && (dstPort == 0 || dstPort == dport);
    }
}
