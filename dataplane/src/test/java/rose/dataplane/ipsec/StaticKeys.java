package rose.dataplane.ipsec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import rose.ipsec.backend.IpPrefix;
import rose.ipsec.backend.IpsecBackend;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.backend.UdpEncap;
import rose.ipsec.crypto.Transform;

/**
 * Test-only static keying (not a user menu: RouterOS has none): installs a matching SA pair and
 * the policies for it on two backends, as IKE would after a CHILD_SA exchange.
 */
final class StaticKeys {
    private static final SecureRandom RND = new SecureRandom();

    /** One direction's SA, installed on both ends with the same keys. */
    record Pair(SaParams leftToRight, SaParams rightToLeft) {
        List<SaParams> both() { return List.of(leftToRight, rightToLeft); }
    }

    private StaticKeys() {}

    static InetAddress ip(String s) {
        try { return InetAddress.getByName(s); } catch (UnknownHostException e) { throw new IllegalArgumentException(e); }
    }

    static SaParams sa(int spi, String src, String dst, SaMode mode, Transform t, Optional<UdpEncap> encap, Lifetime l, int reqId, int ifId) {
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        RND.nextBytes(ek);
        RND.nextBytes(ak);
        return new SaParams(new SaId(spi, ip(dst), IpsecProtocol.ESP), ip(src), mode, t, ek, ak, encap, 64, false, l, reqId, ifId, Optional.empty());
    }

    /** Fresh keys for both directions between {@code left} and {@code right}. */
    static Pair pair(int spiBase, String left, String right, SaMode mode, Transform t, boolean natT, Lifetime l, int reqId) {
        Optional<UdpEncap> e = natT ? Optional.of(UdpEncap.natT()) : Optional.empty();
        return new Pair(sa(spiBase, left, right, mode, t, e, l, reqId, 0), sa(spiBase + 1, right, left, mode, t, e, l, reqId, 0));
    }

    /** Installs both SAs on both backends: inbound first, then outbound (make-before-break order). */
    static void installSas(IpsecBackend leftEnd, IpsecBackend rightEnd, Pair p) throws IpsecBackendException {
        rightEnd.addSa(p.leftToRight());
        leftEnd.addSa(p.rightToLeft());
        leftEnd.addSa(p.leftToRight());
        rightEnd.addSa(p.rightToLeft());
    }

    /** Out and in policies for {@code leftNet <-> rightNet} on the left end (call mirrored for the right end). */
    static void policies(IpsecBackend b, String localNet, String remoteNet, String local, String remote, SaMode mode, int reqId)
            throws IpsecBackendException {
        Template out = mode == SaMode.TUNNEL ? Template.tunnel(ip(local), ip(remote), reqId, PolicyLevel.REQUIRE) : Template.transport(reqId, PolicyLevel.REQUIRE);
        Template in = mode == SaMode.TUNNEL ? Template.tunnel(ip(remote), ip(local), reqId, PolicyLevel.REQUIRE) : Template.transport(reqId, PolicyLevel.REQUIRE);
        b.addPolicy(new Policy(new PolicyKey(sel(localNet, remoteNet), PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 10, List.of(out)));
        b.addPolicy(new Policy(new PolicyKey(sel(remoteNet, localNet), PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 10, List.of(in)));
    }

    static Selector sel(String src, String dst) { return Selector.between(prefix(src), prefix(dst)); }

    static IpPrefix prefix(String cidr) {
        int slash = cidr.indexOf('/');
        return new IpPrefix(ip(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** Everything for a LAN-to-LAN tunnel between two ends. */
    static Pair tunnel(IpsecBackend leftEnd, IpsecBackend rightEnd, String leftNet, String rightNet, String left, String right,
                       Transform t, boolean natT) throws IpsecBackendException {
        Pair p = pair(0x1000, left, right, SaMode.TUNNEL, t, natT, Lifetime.UNLIMITED, 1);
        installSas(leftEnd, rightEnd, p);
        policies(leftEnd, leftNet, rightNet, left, right, SaMode.TUNNEL, 1);
        policies(rightEnd, rightNet, leftNet, right, left, SaMode.TUNNEL, 1);
        return p;
    }
}
