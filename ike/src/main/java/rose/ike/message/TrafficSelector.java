package rose.ike.message;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * RFC 7296 §3.13.1 Traffic Selector: an address range, a port range and an IP protocol (0 = any).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   TS Type     |IP Protocol ID*|       Selector Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Start Port*         |           End Port*           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Starting Address*                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Ending Address*                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record TrafficSelector(int tsType, int protocol, int startPort, int endPort, byte[] startAddress, byte[] endAddress) {
    public static final int TS_IPV4_ADDR_RANGE = 7, TS_IPV6_ADDR_RANGE = 8;

    public static TrafficSelector of(byte[] start, byte[] end, int protocol, int startPort, int endPort) {
        return new TrafficSelector(start.length == 4 ? TS_IPV4_ADDR_RANGE : TS_IPV6_ADDR_RANGE, protocol, startPort, endPort, start.clone(), end.clone());
    }

    /** A prefix such as 10.1.0.0/24 as a range, with port 0 meaning any port. */
    public static TrafficSelector ofPrefix(byte[] address, int prefixLength, int protocol, int port) {
        byte[] lo = address.clone(), hi = address.clone();
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            lo[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            hi[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return of(lo, hi, protocol, port == 0 ? 0 : port, port == 0 ? 65535 : port);
    }

    static TrafficSelector decode(Reader r) throws IkeException {
        r.need(4);
        int type = r.u8();
        int proto = r.u8();
        int len = r.u16();
        int alen;
        if (type == TS_IPV4_ADDR_RANGE) alen = 4;
        else if (type == TS_IPV6_ADDR_RANGE) alen = 16;
        else throw new IkeException(NotifyType.TS_UNACCEPTABLE, "TS type " + type);
        if (len != 8 + 2 * alen) throw IkeException.syntax("TS length " + len + " for type " + type);
        Reader t = r.slice(len - 4, "TrafficSelector");
        int sp = t.u16(), ep = t.u16();
        return new TrafficSelector(type, proto, sp, ep, t.bytes(alen), t.bytes(alen));
    }

    void encode(Writer w) {
        w.u8(tsType).u8(protocol).u16(8 + 2 * startAddress.length).u16(startPort).u16(endPort).bytes(startAddress).bytes(endAddress);
    }

    /** The intersection of two selectors, or null when they do not overlap (used for narrowing, §2.9). */
    public TrafficSelector intersect(TrafficSelector o) {
        if (tsType != o.tsType) return null;
        if (protocol != 0 && o.protocol != 0 && protocol != o.protocol) return null;
        int p = protocol != 0 ? protocol : o.protocol;
        int sp = Math.max(startPort, o.startPort), ep = Math.min(endPort, o.endPort);
        if (sp > ep) return null;
        byte[] s = cmp(startAddress, o.startAddress) >= 0 ? startAddress : o.startAddress;
        byte[] e = cmp(endAddress, o.endAddress) <= 0 ? endAddress : o.endAddress;
        if (cmp(s, e) > 0) return null;
        return new TrafficSelector(tsType, p, sp, ep, s.clone(), e.clone());
    }

    /** True when every packet this selector matches is also matched by {@code o}. */
    public boolean within(TrafficSelector o) {
        TrafficSelector i = intersect(o);
        return i != null && i.equals(this);
    }

    private static int cmp(byte[] a, byte[] b) { return new BigInteger(1, a).compareTo(new BigInteger(1, b)); }

    @Override public boolean equals(Object x) {
        return x instanceof TrafficSelector t && t.tsType == tsType && t.protocol == protocol && t.startPort == startPort
                && t.endPort == endPort && Arrays.equals(t.startAddress, startAddress) && Arrays.equals(t.endAddress, endAddress);
    }

    @Override public int hashCode() { return Arrays.hashCode(startAddress) * 31 + Arrays.hashCode(endAddress) + protocol; }

    @Override public String toString() {
        return addr(startAddress) + "-" + addr(endAddress) + (protocol == 0 ? "" : " proto " + protocol)
                + (startPort == 0 && endPort == 65535 ? "" : " port " + startPort + "-" + endPort);
    }

    private static String addr(byte[] a) {
        try { return java.net.InetAddress.getByAddress(a).getHostAddress(); } catch (java.net.UnknownHostException e) { return "?"; }
    }
}
