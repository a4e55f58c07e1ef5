package rose.os;

import java.net.InetAddress;
import java.util.Objects;

/**
 * {@code struct xfrm_selector}: which packets a policy or SA covers. Protocol, ports and
 * ifindex 0 mean any; both prefixes share the address family.
 */
public record XfrmSelector(InetAddress src, int srcPrefix, InetAddress dst, int dstPrefix, int proto, int srcPort, int dstPort, int ifindex) {
    public XfrmSelector {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.getAddress().length != dst.getAddress().length) throw new IllegalArgumentException("selector mixes IPv4 and IPv6");
    }

    public int family() { return XfrmCodec.family(dst); }
}
