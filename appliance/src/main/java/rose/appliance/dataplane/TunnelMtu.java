package rose.appliance.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.board.MtuCalculator;
import rose.board.MtuCalculator.Encapsulation;
import rose.board.MtuCalculator.EspSizes;
import rose.board.MtuCalculator.Family;
import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Schema;
import rose.dataplane.Router;
import rose.dataplane.fib.Fib;
import rose.dataplane.table.Tables;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.Transform;

/**
 * The MTU a tunnel interface or an IPsec policy leaves for inner packets, from the route towards
 * the far end and {@link MtuCalculator} (reference 07 §C).
 *
 * <ol>
 *   <li>the path MTU is the MTU of the interface the FIB sends the outer destination out of
 *       (1500 when there is no route or the outer family is IPv6, which the FIB does not route);</li>
 *   <li>GRE and IPIP with {@code mtu=auto} subtract 24 and 20; a number is taken as is;</li>
 *   <li>{@code /interface ipsec} subtracts ESP in tunnel mode for the worst transform its peer's
 *       proposal allows (the first enabled policy naming the peer, else proposal {@code default}),
 *       counting NAT-T when the peer's profile has {@code nat-traversal=yes}: an SA may come up with
 *       any of those, and an interface MTU that changes when NAT appears would black-hole;</li>
 *   <li>a policy ({@code /ip ipsec policy print mtu}) uses its installed SA's transform and
 *       encapsulation when one is up, else the same worst case.</li>
 * </ol>
 */
public final class TunnelMtu {
    /** When no route says otherwise. */
    public static final int DEFAULT_PATH_MTU = 1500;

    private TunnelMtu() {}

    /** The MTU of the interface the FIB picks for {@code dst} in table main. */
    public static int routeMtu(Router router, InetAddress dst) {
        if (!(dst instanceof Inet4Address)) return DEFAULT_PATH_MTU;
        byte[] b = dst.getAddress();
        int a = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        Tables t = router.tables();
        int adj = t.fib().lookup(0, a);
        int kind = t.fib().kind(adj);
        if (kind != Fib.CONNECTED && kind != Fib.GATEWAY) return DEFAULT_PATH_MTU;
        int mtu = t.interfaces().mtu(t.fib().txIf(adj));
        return mtu > 0 ? mtu : DEFAULT_PATH_MTU;
    }

    /** The wire sizes {@link MtuCalculator} needs for an SA's transform. */
    public static EspSizes esp(Transform t) {
        return new EspSizes(t.toString(), t.ivBytes(), t.enc().padBlockBytes(), t.icvBytes());
    }

    /**
     * Of every transform a proposal's comma lists allow, the one that leaves the smallest inner
     * packet ({@code aes-256-cbc,aes-128-gcm} with {@code sha256}); null when none parses.
     */
    public static Transform worstOf(String encAlgorithms, String authAlgorithms) {
        Transform worst = null;
        int least = Integer.MAX_VALUE;
        for (String e : split(encAlgorithms)) {
            EncAlgorithm enc = EncAlgorithm.fromRouterOs(e).orElse(null);
            if (enc == null) continue;
            for (String h : enc.isAead() ? List.of("null") : split(authAlgorithms)) {
                AuthAlgorithm auth = AuthAlgorithm.fromRouterOs(h).orElse(null);
                if (auth == null) continue;
                Transform t;
                try {
                    t = new Transform(enc, auth);
                } catch (IllegalArgumentException x) {
                    continue;
                }
                if (!t.protects()) continue;
                int inner = Encapsulation.tunnel(esp(t), Family.IPV4, false).largestInner(DEFAULT_PATH_MTU);
                if (inner < least) { least = inner; worst = t; }
            }
        }
        return worst;
    }

    /** {@code path-mtu}, {@code inner-mtu} and {@code clamp-mss} for a policy or tunnel. */
    public static Map<String, String> columns(Transform t, boolean tunnel, boolean natT, InetAddress outer, int pathMtu,
                                              Family innerFamily) {
        Family outerFamily = outer instanceof Inet4Address || outer == null ? Family.IPV4 : Family.IPV6;
        Encapsulation e = new Encapsulation(esp(t), tunnel ? MtuCalculator.Mode.TUNNEL : MtuCalculator.Mode.TRANSPORT,
                natT, outerFamily);
        int inner = e.largestInner(pathMtu);
        Map<String, String> r = new LinkedHashMap<>();
        r.put("path-mtu", Integer.toString(pathMtu));
        r.put("inner-mtu", Integer.toString(inner));
        r.put("clamp-mss", Integer.toString(MtuCalculator.tcpMss(inner, tunnel ? innerFamily : outerFamily)));
        r.put("mtu-transform", t + (natT ? " nat-t" : ""));
        return r;
    }

    /**
     * {@code actual-mtu} of a tunnel interface of {@code menu} ({@code interface gre}, {@code
     * interface ipip}, {@code interface ipsec}) with effective {@code values}; null when it does not
     * follow from the configuration (no remote address).
     */
    public static String actualMtu(String menu, Map<String, String> values, ConfigState st, Schema schema, Router router) {
        String mtu = values.get("mtu");
        if (mtu != null && mtu.matches("\\d+")) return mtu;
        switch (menu) {
            case "interface gre": {
                InetAddress remote = ip(values.get("remote-address"));
                return remote == null ? null : Integer.toString(MtuCalculator.tunnelMtu(routeMtu(router, remote), MtuCalculator.GRE_OVERHEAD));
            }
            case "interface ipip": {
                InetAddress remote = ip(values.get("remote-address"));
                return remote == null ? null : Integer.toString(MtuCalculator.tunnelMtu(routeMtu(router, remote), MtuCalculator.IPIP_OVERHEAD));
            }
            case "interface ipsec": return ipsecInterfaceMtu(values, st, schema, router);
            default: return null;
        }
    }

    private static String ipsecInterfaceMtu(Map<String, String> values, ConfigState st, Schema schema, Router router) {
        String peerName = values.get("peer");
        Map<String, String> peer = peerName == null ? null : byName("ip ipsec peer", peerName, st, schema);
        InetAddress remote = ip(values.get("remote-address"));
        if (remote == null && peer != null) remote = ip(peer.get("address"));
        if (remote == null) return null;
        Transform t = worstTransformFor(peerName, null, st, schema);
        if (t == null) return null;
        boolean natT = peer == null || natTraversal(peer, st, schema);
        Map<String, String> c = columns(t, true, natT, remote, routeMtu(router, remote), Family.IPV4);
        return c.get("inner-mtu");
    }

    /**
     * The worst transform of {@code proposal} if given, else of the proposal of the first enabled
     * policy naming {@code peer}, else of proposal {@code default}.
     */
    public static Transform worstTransformFor(String peer, String proposal, ConfigState st, Schema schema) {
        if (proposal == null && peer != null) {
            var pm = schema.require("ip ipsec policy");
            for (Item it : st.items("ip ipsec policy")) {
                Map<String, String> v = Effective.values(pm, it);
                if (peer.equals(v.get("peer")) && !"yes".equals(v.get("disabled"))) { proposal = v.get("proposal"); break; }
            }
        }
        Map<String, String> p = byName("ip ipsec proposal", proposal == null ? "default" : proposal, st, schema);
        if (p == null) return null;
        return worstOf(p.getOrDefault("enc-algorithms", ""), p.getOrDefault("auth-algorithms", ""));
    }

    /** Whether a peer's profile lets ESP go in UDP (IKEv2 detects NAT whatever the profile says). */
    public static boolean natTraversal(Map<String, String> peer, ConfigState st, Schema schema) {
        if ("ike2".equals(peer.get("exchange-mode"))) return true;
        Map<String, String> prof = byName("ip ipsec profile", peer.getOrDefault("profile", "default"), st, schema);
        return prof == null || !"no".equals(prof.get("nat-traversal"));
    }

    /** The effective values of the item named {@code name} in {@code menu}, or null. */
    public static Map<String, String> byName(String menu, String name, ConfigState st, Schema schema) {
        var m = schema.require(menu);
        for (Item it : st.items(menu)) {
            Map<String, String> v = Effective.values(m, it);
            if (name.equals(v.get("name"))) return v;
        }
        return null;
    }

    private static List<String> split(String list) {
        if (list == null || list.isEmpty()) return List.of();
        return List.of(list.split(","));
    }

    private static InetAddress ip(String s) {
        if (s == null || s.isEmpty()) return null;
        int slash = s.indexOf('/');
        if (slash >= 0) s = s.substring(0, slash);
        if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) return null;   // a literal, never a DNS lookup
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
