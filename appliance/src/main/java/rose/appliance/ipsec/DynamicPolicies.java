package rose.appliance.ipsec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import rose.ike.config.IpPrefix;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.message.TrafficSelector;

/**
 * The dynamic (D) policy of a CHILD_SA that no configured policy covers: a road warrior's, made
 * by mode-config and generate-policy (RouterOS shows it as
 * {@code DA src-address=192.168.77.254/32 dst-address=10.5.8.0/24 ... level=unique}). Its
 * selectors are the negotiated ones, its tunnel ends the SA's.
 */
final class DynamicPolicies {
    private DynamicPolicies() {}

    /** The SPD entry for {@code sa}, or null when its selectors are not one prefix each way. */
    static IpsecConfig.SpdEntry of(NegotiatedChildSa sa, int reqId) {
        if (sa.localSelectors().size() != 1 || sa.remoteSelectors().size() != 1) return null;
        TrafficSelector l = sa.localSelectors().get(0), r = sa.remoteSelectors().get(0);
        IpPrefix src = prefix(l), dst = prefix(r);
        if (src == null || dst == null) return null;
        boolean tunnel = sa.mode() == NegotiatedChildSa.Mode.TUNNEL;
        return new IpsecConfig.SpdEntry("dynamic " + reqId, reqId, sa.peerName(), src, dst, l.protocol(), port(l), port(r), "encrypt",
                "unique", tunnel, tunnel ? sa.local().getAddress() : null, tunnel ? sa.remote().getAddress() : null, 0,
                sa.protocol() == NegotiatedChildSa.Protocol.AH, null);
    }

    static boolean sameTraffic(IpsecConfig.SpdEntry a, IpsecConfig.SpdEntry b) {
        return a.peer().equals(b.peer()) && a.src().equals(b.src()) && a.dst().equals(b.dst()) && a.protocol() == b.protocol()
                && a.srcPort() == b.srcPort() && a.dstPort() == b.dstPort() && java.util.Objects.equals(a.saSrc(), b.saSrc())
                && java.util.Objects.equals(a.saDst(), b.saDst());
    }

    /** A row of {@code /ip ipsec policy print} for a dynamic policy, as RouterOS words it. */
    static Map<String, String> row(IpsecConfig.SpdEntry s, int ph2Count) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put(".id", "*" + Integer.toHexString(s.reqId()).toUpperCase(java.util.Locale.ROOT));
        r.put("peer", s.peer());
        r.put("tunnel", s.tunnel() ? "yes" : "no");
        r.put("src-address", s.src().toString());
        r.put("src-port", s.srcPort() == 0 ? "any" : Integer.toString(s.srcPort()));
        r.put("dst-address", s.dst().toString());
        r.put("dst-port", s.dstPort() == 0 ? "any" : Integer.toString(s.dstPort()));
        r.put("protocol", s.protocol() == 0 ? "all" : rose.dataplane.firewall.Protocols.logName(s.protocol()));
        r.put("action", "encrypt");
        r.put("level", s.level());
        r.put("ipsec-protocols", s.ah() ? "ah" : "esp");
        if (s.saSrc() != null) r.put("sa-src-address", s.saSrc().getHostAddress());
        if (s.saDst() != null) r.put("sa-dst-address", s.saDst().getHostAddress());
        r.put("proposal", "default");
        r.put("ph2-count", Integer.toString(ph2Count));
        r.put("ph2-state", ph2Count > 0 ? "established" : "no-phase2");
        r.put("active", ph2Count > 0 ? "yes" : "no");
        r.put("dynamic", "yes");
        return r;
    }

    private static int port(TrafficSelector t) { return t.startPort() == t.endPort() ? t.startPort() : 0; }

    /** A selector's range as a prefix, or null when it is not one aligned IPv4 prefix. */
    static IpPrefix prefix(TrafficSelector t) {
        byte[] s = t.startAddress(), e = t.endAddress();
        if (s.length != 4) return null;
        int a = java.nio.ByteBuffer.wrap(s).getInt(), b = java.nio.ByteBuffer.wrap(e).getInt();
        int span = a ^ b;
        if ((span & (span + 1)) != 0 || (a & span) != 0) return null;
        try {
            return new IpPrefix(InetAddress.getByAddress(s), Integer.numberOfLeadingZeros(span));
        } catch (UnknownHostException x) {
            return null;
        }
    }
}
