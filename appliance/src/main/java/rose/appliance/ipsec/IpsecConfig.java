package rose.appliance.ipsec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Durations;
import rose.cli.schema.Menu;
import rose.cli.schema.Schema;
import rose.dataplane.firewall.Protocols;
import rose.ike.config.ChildProposal;
import rose.ike.config.IdSpec;
import rose.ike.config.Identity;
import rose.ike.config.IkeProfile;
import rose.ike.config.IpPrefix;
import rose.ike.config.PeerConfig;
import rose.ike.config.Policy;

/**
 * One configuration snapshot of {@code /ip ipsec} turned into what IKE and the SPD need.
 *
 * <ol>
 *   <li>every enabled {@code peer} + its {@code profile} + its {@code identity} (by peer name)
 *       becomes a {@link PeerConfig};</li>
 *   <li>each enabled, non-template {@code policy} belongs to the peer it names, or — as v6-style
 *       policies (the seed guide's) have no {@code peer=} — to the peer whose address holds its
 *       {@code sa-dst-address};</li>
 *   <li>each policy gets a request id (its position + 1) that ties the SPD entry, its SAs and
 *       its {@code ph2-state} together;</li>
 *   <li>what cannot be compiled is left out and said in {@link Compiled#problems}.</li>
 * </ol>
 * {@code localFor} gives our address towards a peer when neither the peer's
 * {@code local-address} nor the policy's {@code sa-src-address} says it (the route's source).
 */
final class IpsecConfig {
    /** One {@code /ip ipsec policy} as the SPD needs it. */
    /**
     * @param ah    {@code ipsec-protocols=ah}: the SAs this policy asks for are AH, not ESP
     * @param iface the {@code /interface ipsec} whose traffic this is (route-based: the policy
     *              lives in that interface's if_id and only routed traffic meets it), or null
     */
    record SpdEntry(String id, int reqId, String peer, IpPrefix src, IpPrefix dst, int protocol, int srcPort, int dstPort,
                    String action, String level, boolean tunnel, InetAddress saSrc, InetAddress saDst, int backupOf, boolean ah,
                    String iface) {
        SpdEntry withBackupOf(int reqId) {
            return new SpdEntry(id, this.reqId, peer, src, dst, protocol, srcPort, dstPort, action, level, tunnel, saSrc, saDst, reqId, ah, iface);
        }

        SpdEntry inInterface(String name) {
            return new SpdEntry(id, reqId, peer, src, dst, protocol, srcPort, dstPort, action, level, tunnel, saSrc, saDst, backupOf, ah, name);
        }
    }

    /** A peer as configured, with what IKE does not carry (for status and explain). */
    record PeerInfo(String name, PeerConfig.ExchangeMode mode, boolean passive, boolean hasPolicy, PeerConfig config) {}

    /**
     * @param interfaceOfPeer route-based: peer name to the {@code /interface ipsec} its SAs are bound to
     * @param xauthUsers      {@code /ip ipsec user}: name to password, checked by an XAuth responder
     * @param perCpuSas       {@code /ip ipsec settings per-cpu-sas}: offer RFC 9611 per-CPU Child SAs to peers that
     *                        offer them too, one per dataplane worker beyond the first
     */
    record Compiled(List<PeerConfig> peers, Map<String, PeerInfo> byName, List<SpdEntry> spd, String offload,
                    List<String> problems, Map<String, String> interfaceOfPeer, Map<String, PoolLeases.Pool> pools,
                    Map<String, String> xauthUsers, boolean perCpuSas) {}

    private final Schema schema;

    private final IdentityCertificates certificates;

    IpsecConfig(Schema schema) { this(schema, IdentityCertificates.NONE); }

    IpsecConfig(Schema schema, IdentityCertificates certificates) { this.schema = schema; this.certificates = certificates; }

    Compiled compile(ConfigState st, Function<InetAddress, InetAddress> localFor) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> profiles = byName("ip ipsec profile", st);
        Map<String, Map<String, String>> proposals = byName("ip ipsec proposal", st);
        Map<String, Map<String, String>> modeConfigs = byName("ip ipsec mode-config", st);
        List<InetAddress> systemDns = systemDns(st);
        Map<String, List<Policy>> templates = templates(st, proposals);
        Map<String, Map<String, String>> identities = new LinkedHashMap<>();
        for (Map<String, String> v : values("ip ipsec identity", st)) {
            if (!yes(v.get("disabled")) && v.get("peer") != null) identities.putIfAbsent(v.get("peer"), v);
        }
        List<Map<String, String>> peerRows = new ArrayList<>();
        for (Map<String, String> v : values("ip ipsec peer", st)) if (!yes(v.get("disabled")) && v.get("name") != null) peerRows.add(v);

        // Every commit recompiles the whole menu, so nothing below may be quadratic in the number of
        // peers or policies: with a thousand tunnels that made each command take seconds.
        Map<String, Map<String, String>> peerByName = new LinkedHashMap<>();
        for (Map<String, String> p : peerRows) peerByName.putIfAbsent(p.get("name"), p);
        Map<String, ChildProposal> proposalCache = new java.util.HashMap<>();
        Map<String, SpdEntry> firstEncrypt = new java.util.HashMap<>();

        // policies, and the peer each belongs to
        Map<String, List<Policy>> policiesOf = new LinkedHashMap<>();
        List<SpdEntry> spd = new ArrayList<>();
        Menu pm = schema.require("ip ipsec policy");
        int n = 0;
        for (Item it : st.items("ip ipsec policy")) {
            n++;
            Map<String, String> v = Effective.values(pm, it);
            if (yes(v.get("disabled")) || yes(v.get("template"))) continue;
            try {
                IpPrefix src = prefix(v.get("src-address")), dst = prefix(v.get("dst-address"));
                int proto = "all".equals(v.getOrDefault("protocol", "all")) ? 0 : Protocols.parse(v.get("protocol"));
                int sport = port(v.get("src-port")), dport = port(v.get("dst-port"));
                boolean tunnel = yes(v.get("tunnel"));
                String peer = v.get("peer");
                InetAddress saSrc = ip(v.get("sa-src-address")), saDst = ip(v.get("sa-dst-address"));
                Map<String, String> peerRow = peer != null ? peerByName.get(peer) : null;
                if (peer == null && saDst != null) {
                    for (Map<String, String> p : peerRows)
                        if (peerAddress(p).contains(saDst) && peerAddress(p).length() > 0) { peerRow = p; break; }
                }
                if (peerRow != null) {
                    peer = peerRow.get("name");
                    if (saDst == null && peerAddress(peerRow).length() == 32) saDst = peerAddress(peerRow).address();
                    if (saSrc == null) saSrc = ip(peerRow.get("local-address"));
                    if (saSrc == null && saDst != null) saSrc = localFor.apply(saDst);
                }
                String action = v.getOrDefault("action", "encrypt");
                boolean ah = "ah".equals(v.getOrDefault("ipsec-protocols", "esp"));
                SpdEntry e = new SpdEntry(it.idText(), n, peer, src, dst, proto, sport, dport, action, v.getOrDefault("level", "require"),
                        tunnel, saSrc, saDst, 0, ah, null);
                // a later encrypt policy for the same traffic through another peer is a backup (B): it takes over
                // when the first one's peer is declared dead
                if (action.equals("encrypt")) {
                    String traffic = src + " " + dst + " " + proto + " " + sport + " " + dport;
                    SpdEntry earlier = firstEncrypt.get(traffic);
                    if (earlier == null) {
                        if (peer != null) firstEncrypt.put(traffic, e);
                    } else if (peer != null && !earlier.peer().equals(peer)) {
                        e = e.withBackupOf(earlier.reqId());
                    }
                }
                spd.add(e);
                if (peerRow != null && action.equals("encrypt")) {
                    ChildProposal cp = proposalCache.computeIfAbsent(v.getOrDefault("proposal", "default"), name -> {
                        Map<String, String> pr = proposals.get(name);
                        return pr == null ? ChildProposal.defaults() : proposal(pr);
                    });
                    policiesOf.computeIfAbsent(peer, k -> new ArrayList<>())
                            .add(new Policy(src, dst, proto, sport, dport, tunnel, saSrc, saDst, cp, ah));
                } else if (action.equals("encrypt") && peerRow == null) {
                    problems.add("policy " + it.idText() + " " + src + " -> " + dst + ": no peer"
                            + (saDst != null ? " with address " + saDst.getHostAddress() : "") + "; nothing will negotiate its SAs");
                }
            } catch (IllegalArgumentException e) {
                problems.add("policy " + it.idText() + ": " + e.getMessage());
            }
        }

        Map<String, String> interfaceOfPeer = routeBased(st, peerRows, policiesOf, spd, n, localFor, problems);

        List<PeerConfig> peers = new ArrayList<>();
        Map<String, PeerInfo> byName = new LinkedHashMap<>();
        Map<String, IkeProfile> profileCache = new java.util.HashMap<>();
        for (Map<String, String> p : peerRows) {
            String name = p.get("name");
            try {
                String profileName = p.getOrDefault("profile", "default");
                Map<String, String> id = identities.get(name);
                Identity identity = id == null ? Identity.psk("") : withCertificates(identity(id), id);
                if (id == null) problems.add("peer " + name + ": no identity (add /ip ipsec identity peer=" + name + ")");
                if (id != null) identity = withModeConfig(identity, id, modeConfigs, templates, systemDns);
                IpPrefix address = peerAddress(p);
                InetAddress local = ip(p.get("local-address"));
                List<Policy> pol = policiesOf.getOrDefault(name, List.of());
                if (local == null) for (Policy x : pol) if (x.saSrcAddress() != null) { local = x.saSrcAddress(); break; }
                if (local == null && address.length() == 32) local = localFor.apply(address.address());
                PeerConfig.ExchangeMode mode = mode(p.getOrDefault("exchange-mode", "main"));
                if (mode == PeerConfig.ExchangeMode.IKE2 && identity.authMethod() == Identity.AuthMethod.PRE_SHARED_KEY_XAUTH)
                    throw new IllegalArgumentException("auth-method pre-shared-key-xauth is for IKEv1 only (exchange-mode main or aggressive)");
                PeerConfig pc = new PeerConfig(name, address, local, intOr(p.get("port"), 500), yes(p.get("passive")), mode,
                        profileCache.computeIfAbsent(profileName, k -> profile(profiles.getOrDefault(k, Map.of()))), identity, pol, !"no".equals(p.get("send-initial-contact")));
                peers.add(pc);
                byName.put(name, new PeerInfo(name, mode, pc.passive(), !pol.isEmpty(), pc));
            } catch (IllegalArgumentException e) {
                problems.add("peer " + name + ": " + e.getMessage());
            }
        }
        String offload = "auto";
        boolean perCpuSas = false;
        for (Map<String, String> v : values("ip ipsec settings", st)) {
            offload = v.getOrDefault("offload", "auto");
            perCpuSas = "yes".equals(v.get("per-cpu-sas"));
        }
        Map<String, PoolLeases.Pool> pools = PoolLeases.pools(values("ip pool", st), problems);
        Map<String, String> users = new LinkedHashMap<>();
        for (Map<String, String> v : values("ip ipsec user", st))
            if (!yes(v.get("disabled")) && v.get("name") != null) users.putIfAbsent(v.get("name"), v.getOrDefault("password", ""));
        return new Compiled(peers, byName, spd, offload, problems, interfaceOfPeer, pools, users, perCpuSas);
    }

    /**
     * Route-based tunnels ({@code /interface ipsec}, like XFRM interfaces): each enabled interface
     * takes the SAs of one peer, its {@code peer=} or the peer whose address holds its
     * {@code remote-address}. That peer's policies move into the interface's if_id (only traffic
     * routed into the interface meets them); a peer with none gets the route-based wildcard,
     * 0.0.0.0/0 both ways in tunnel mode with the default proposal, so the routing table alone
     * decides what the tunnel carries.
     */
    private Map<String, String> routeBased(ConfigState st, List<Map<String, String>> peerRows, Map<String, List<Policy>> policiesOf,
                                           List<SpdEntry> spd, int n, Function<InetAddress, InetAddress> localFor, List<String> problems) {
        Map<String, String> interfaceOfPeer = new LinkedHashMap<>();
        for (Map<String, String> v : values("interface ipsec", st)) {
            if (yes(v.get("disabled")) || v.get("name") == null) continue;
            String name = v.get("name");
            Map<String, String> peerRow = null;
            InetAddress remote = ip(v.get("remote-address"));
            for (Map<String, String> p : peerRows) {
                if (v.get("peer") != null ? v.get("peer").equals(p.get("name"))
                        : remote != null && peerAddress(p).contains(remote) && peerAddress(p).length() > 0) { peerRow = p; break; }
            }
            if (peerRow == null) {
                problems.add("interface ipsec " + name + ": no peer" + (v.get("peer") != null ? " named " + v.get("peer")
                        : remote != null ? " with address " + remote.getHostAddress() : " (set peer= or remote-address=)") + "; it carries nothing");
                continue;
            }
            String peer = peerRow.get("name");
            if (interfaceOfPeer.containsKey(peer)) {
                problems.add("interface ipsec " + name + ": peer " + peer + " already belongs to " + interfaceOfPeer.get(peer));
                continue;
            }
            interfaceOfPeer.put(peer, name);
            for (int i = 0; i < spd.size(); i++) if (peer.equals(spd.get(i).peer())) spd.set(i, spd.get(i).inInterface(name));
            if (policiesOf.containsKey(peer)) continue;
            IpPrefix any = prefix("0.0.0.0/0");
            InetAddress saDst = remote != null ? remote : peerAddress(peerRow).length() == 32 ? peerAddress(peerRow).address() : null;
            InetAddress saSrc = ip(v.get("local-address"));
            if (saSrc == null) saSrc = ip(peerRow.get("local-address"));
            if (saSrc == null && saDst != null) saSrc = localFor.apply(saDst);
            if (saDst == null || saSrc == null) {
                problems.add("interface ipsec " + name + ": peer " + peer + " has no single address and the interface no remote-address");
                continue;
            }
            spd.add(new SpdEntry("interface " + name, n + spd.size() + 1, peer, any, any, 0, 0, 0, "encrypt", "require", true, saSrc, saDst, 0, false, name));
            policiesOf.computeIfAbsent(peer, k -> new ArrayList<>()).add(new Policy(any, any, 0, 0, 0, true, saSrc, saDst, ChildProposal.defaults()));
        }
        return interfaceOfPeer;
    }

    static IkeProfile profile(Map<String, String> v) {
        String dpd = v.getOrDefault("dpd-interval", "2m");
        return new IkeProfile(list(v.getOrDefault("hash-algorithm", "sha1")), v.getOrDefault("prf-algorithm", "auto"),
                list(v.getOrDefault("enc-algorithm", "aes-128,3des")), list(v.getOrDefault("dh-group", "modp2048,modp1024")),
                duration(v.getOrDefault("lifetime", "1d")), dpd.equals("disable-dpd") ? null : duration(dpd),
                intOr(v.get("dpd-maximum-failures"), 5))
                .withIkeV1(IkeProfile.ProposalCheck.valueOf(v.getOrDefault("proposal-check", "obey").toUpperCase(java.util.Locale.ROOT)),
                        Long.parseLong(v.getOrDefault("lifebytes", "0")), !"no".equals(v.get("nat-traversal")));
    }

    static ChildProposal proposal(Map<String, String> v) {
        String auth = v.getOrDefault("auth-algorithms", "sha1");
        return new ChildProposal(v.getOrDefault("name", "default"), auth.isEmpty() ? List.of() : list(auth),
                list(v.getOrDefault("enc-algorithms", "aes-256-cbc,aes-192-cbc,aes-128-cbc")),
                duration(v.getOrDefault("lifetime", "30m")), v.getOrDefault("pfs-group", "modp1024"));
    }

    static Identity identity(Map<String, String> v) {
        String method = v.getOrDefault("auth-method", "pre-shared-key");
        Identity.AuthMethod m;
        switch (method) {
            case "pre-shared-key": m = Identity.AuthMethod.PRE_SHARED_KEY; break;
            case "digital-signature": m = Identity.AuthMethod.DIGITAL_SIGNATURE; break;
            case "eap": m = Identity.AuthMethod.EAP; break;
            case "eap-radius": m = Identity.AuthMethod.EAP_RADIUS; break;
            case "pre-shared-key-xauth": m = Identity.AuthMethod.PRE_SHARED_KEY_XAUTH; break;
            default: throw new IllegalArgumentException("auth-method " + method + " is not implemented");
        }
        Identity id = new Identity(m, rose.ike.config.RouterOsAlgorithms.secretBytes(v.getOrDefault("secret", "")),
                IdSpec.parse(v.getOrDefault("my-id", "auto")), IdSpec.parse(v.getOrDefault("remote-id", "auto")));
        // XAuth: username/password make this side the client (initiator); without them it is the server checking /ip ipsec user
        String user = v.getOrDefault("username", "");
        if (m == Identity.AuthMethod.PRE_SHARED_KEY_XAUTH && !user.isEmpty())
            id = id.withXauth(new rose.ike.config.XauthCredentials(user, v.getOrDefault("password", "")));
        return id;
    }

    /**
     * The identity's {@code mode-config=}, {@code generate-policy=} and the templates of its
     * {@code policy-template-group}. A client ({@code responder=no}) asks for an address; what it
     * gets becomes the source of its dynamic policy and {@link ModeConfigClient} puts it on the router.
     */
    private static Identity withModeConfig(Identity identity, Map<String, String> id, Map<String, Map<String, String>> modeConfigs,
                                           Map<String, List<Policy>> templates, List<InetAddress> systemDns) {
        String mcName = id.getOrDefault("mode-config", "none");
        String gen = id.getOrDefault("generate-policy", "no");
        Identity.GeneratePolicy g = gen.equals("port-strict") ? Identity.GeneratePolicy.PORT_STRICT
                : gen.equals("port-override") ? Identity.GeneratePolicy.PORT_OVERRIDE : Identity.GeneratePolicy.NO;
        rose.ike.config.ModeConfig mc = null;
        if (!mcName.equals("none")) {
            Map<String, String> m = modeConfigs.get(mcName);
            if (m == null) throw new IllegalArgumentException("mode-config " + mcName + " does not exist");
            mc = modeConfig(m, systemDns);
        }
        if (mc == null && g == Identity.GeneratePolicy.NO) return identity;
        return identity.withModeConfig(mc, g, templates.getOrDefault(id.getOrDefault("policy-template-group", "default"), List.of()));
    }

    /** {@code /ip dns servers}: the IPv4 ones, what a mode-config responder with system-dns=yes sends (INTERNAL_IP4_DNS). */
    private List<InetAddress> systemDns(ConfigState st) {
        List<InetAddress> out = new ArrayList<>();
        for (Map<String, String> v : values("ip dns", st))
            for (String s : listOrEmpty(v.get("servers"))) {
                InetAddress a = ip(s);
                if (a != null && a.getAddress().length == 4) out.add(a);
            }
        return out;
    }

    /** The {@code /ip ipsec mode-config} row the identity of {@code peer} names, or null. */
    Map<String, String> modeConfigOf(ConfigState st, String peer) {
        String name = null;
        for (Map<String, String> v : values("ip ipsec identity", st))
            if (!yes(v.get("disabled")) && peer.equals(v.get("peer"))) { name = v.get("mode-config"); break; }
        if (name == null || name.equals("none")) return null;
        return byName("ip ipsec mode-config", st).get(name);
    }

    /** The interface whose {@code /ip address} is {@code local}, or null. */
    String interfaceOf(ConfigState st, InetAddress local) {
        for (Map<String, String> v : values("ip address", st)) {
            String a = v.get("address");
            if (a == null || yes(v.get("disabled"))) continue;
            InetAddress x = ip(a.contains("/") ? a.substring(0, a.indexOf('/')) : a);
            if (local.equals(x)) return v.get("interface");
        }
        return null;
    }

    /**
     * {@code system-dns=yes} hands out the router's own {@code /ip dns servers} instead of
     * {@code static-dns} (RouterOS: the two are exclusive).
     */
    static rose.ike.config.ModeConfig modeConfig(Map<String, String> m, List<InetAddress> systemDns) {
        List<IpPrefix> split = new ArrayList<>();
        for (String s : listOrEmpty(m.get("split-include"))) split.add(IpPrefix.parse(s));
        List<InetAddress> dns = new ArrayList<>();
        if (yes(m.get("system-dns"))) dns.addAll(systemDns);
        else for (String s : listOrEmpty(m.get("static-dns"))) dns.add(ip(s));
        String pool = m.getOrDefault("address-pool", "none");
        return new rose.ike.config.ModeConfig(m.get("name"), yes(m.get("responder")), pool.equals("none") || pool.isEmpty() ? null : pool,
                ip(m.get("address")), intOr(m.get("address-prefix-length"), 32), split, dns, listOrEmpty(m.get("split-dns")));
    }

    /** Enabled {@code template=yes} policies by {@code group}; RouterOS's default template {@code ::/0} also matches IPv4. */
    private Map<String, List<Policy>> templates(ConfigState st, Map<String, Map<String, String>> proposals) {
        Map<String, List<Policy>> out = new LinkedHashMap<>();
        for (Map<String, String> v : values("ip ipsec policy", st)) {
            if (yes(v.get("disabled")) || !yes(v.get("template"))) continue;
            try {
                Map<String, String> pr = proposals.get(v.getOrDefault("proposal", "default"));
                Policy t = new Policy(templatePrefix(v.get("src-address")), templatePrefix(v.get("dst-address")),
                        "all".equals(v.getOrDefault("protocol", "all")) ? 0 : Protocols.parse(v.get("protocol")),
                        port(v.get("src-port")), port(v.get("dst-port")), true, null, null,
                        pr == null ? ChildProposal.defaults() : proposal(pr));
                out.computeIfAbsent(v.getOrDefault("group", "default"), k -> new ArrayList<>()).add(t);
            } catch (IllegalArgumentException e) {
                // a template that cannot be compiled matches nothing; the policy loop reports bad policies
            }
        }
        return out;
    }

    private static IpPrefix templatePrefix(String s) {
        return s == null || s.isEmpty() || s.equals("::/0") ? IpPrefix.parse("0.0.0.0/0") : prefix(s);
    }

    private static List<String> listOrEmpty(String s) { return s == null || s.isEmpty() ? List.of() : List.of(s.split(",")); }

    /** auth-method digital-signature: the key, chain and trusted CAs from /certificate. */
    private Identity withCertificates(Identity base, Map<String, String> v) {
        if (base.authMethod() != Identity.AuthMethod.DIGITAL_SIGNATURE) return base;
        String cert = v.getOrDefault("certificate", "");
        if (cert.contains(",")) cert = cert.substring(0, cert.indexOf(','));
        if (cert.isEmpty()) throw new IllegalArgumentException("auth-method digital-signature needs certificate=");
        return new Identity(base.authMethod(), base.secret(), base.myId(), base.remoteId(),
                certificates.credentials(cert, v.getOrDefault("remote-certificate", ""), "certificate".equals(v.get("match-by"))));
    }

    static PeerConfig.ExchangeMode mode(String s) {
        switch (s) {
            case "ike2": return PeerConfig.ExchangeMode.IKE2;
            case "aggressive": return PeerConfig.ExchangeMode.AGGRESSIVE;
            case "base": return PeerConfig.ExchangeMode.BASE;
            default: return PeerConfig.ExchangeMode.MAIN;
        }
    }

    static IpPrefix peerAddress(Map<String, String> p) {
        String a = p.get("address");
        return a == null || a.isEmpty() ? IpPrefix.parse("0.0.0.0/0") : IpPrefix.parse(a);
    }

    static IpPrefix prefix(String s) {
        if (s == null || s.isEmpty()) return IpPrefix.parse("0.0.0.0/0");
        if (s.contains("-")) throw new IllegalArgumentException("address ranges are not supported in policies: " + s);
        return IpPrefix.parse(s);
    }

    static int port(String s) {
        if (s == null || s.isEmpty() || s.equals("any")) return 0;
        if (s.contains("-")) throw new IllegalArgumentException("port ranges are not supported in policies: " + s);
        return Integer.parseInt(s);
    }

    static InetAddress ip(String s) {
        if (s == null || s.isEmpty() || s.equals("::") || s.equals("0.0.0.0")) return null;
        if (!s.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("not an address: " + s);
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + s);
        }
    }

    private static List<String> list(String s) { return List.of(s.split(",")); }

    private static Duration duration(String s) { return Duration.ofNanos(Durations.parseMicros(s) * 1000); }

    private static int intOr(String s, int d) {
        try { return s == null ? d : Integer.parseInt(s); } catch (NumberFormatException e) { return d; }
    }

    static boolean yes(String v) { return "yes".equals(v) || "true".equals(v); }

    private Map<String, Map<String, String>> byName(String path, ConfigState st) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map<String, String> v : values(path, st)) if (v.get("name") != null) out.put(v.get("name"), v);
        return out;
    }

    private List<Map<String, String>> values(String path, ConfigState st) {
        Menu m = schema.require(path);
        List<Map<String, String>> out = new ArrayList<>();
        for (Item it : st.items(path)) out.add(Effective.values(m, it));
        return out;
    }
}
