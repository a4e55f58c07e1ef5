package rose.cli.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Facts the schema files must state, taken from the reference files (01 console, 02 ipsec,
 * 03 firewall, 04 interfaces/system) and from the user configurations in /work/shared/examples.
 */
class SchemaFilesTest {
    private static final Schema SCHEMA = Schema.builtIn();

    private static Menu menu(String path) {
        return SCHEMA.require(path);
    }

    private static Property prop(String path, String name) {
        return menu(path).property(name).orElseThrow(() -> new AssertionError("/" + path + " has no " + name));
    }

    private static String canonical(String path, String name, String input) {
        try {
            return Values.canonical(prop(path, name), input);
        } catch (ValueException e) {
            throw new AssertionError("/" + path + " " + name + "=" + input + ": " + e.getMessage(), e);
        }
    }

    @Test
    void everyMenuOfTheProjectExists() {
        List<String> paths = List.of(
                "ip ipsec profile", "ip ipsec peer", "ip ipsec identity", "ip ipsec proposal", "ip ipsec policy",
                "ip ipsec policy group", "ip ipsec mode-config", "ip ipsec settings", "ip ipsec active-peers",
                "ip ipsec remote-peers", "ip ipsec installed-sa", "ip ipsec statistics",
                "ip firewall filter", "ip firewall nat", "ip firewall mangle", "ip firewall raw",
                "ip firewall address-list", "ip firewall connection", "ip firewall service-port",
                "interface", "interface ethernet", "interface list", "interface list member", "interface gre",
                "interface ipip", "interface ipsec",
                "ip address", "ip route", "ip pool", "ip service",
                "system identity", "system resource", "system routerboard", "system clock", "system logging",
                "system logging action", "log", "user", "user group", "user ssh-keys", "certificate");
        for (String p : paths) assertTrue(SCHEMA.menu(p).isPresent(), "missing /" + p);
    }

    @Test
    void exportOrderNamesOnlyConfigurationMenusOnce() {
        Set<String> seen = new HashSet<>();
        for (String p : SCHEMA.exportOrder()) {
            assertTrue(seen.add(p), "twice in export-order: /" + p);
            assertFalse(menu(p).kind().isStatus(), "status menu in export-order: /" + p);
            assertFalse(menu(p).isUnion(), "union view in export-order: /" + p);
        }
        Set<String> notExported = Set.of("interface", "certificate", "user ssh-keys");
        for (Menu m : SCHEMA.menus().values()) {
            if (m.kind().isStatus() || m.kind() == MenuKind.DIRECTORY || notExported.contains(m.path())) continue;
            assertTrue(seen.contains(m.path()), "configuration menu missing from export-order: /" + m.path());
        }
        List<String> order = SCHEMA.exportOrder();
        // RouterOS prints referenced objects first (reference 02 §13)
        assertTrue(order.indexOf("ip ipsec mode-config") < order.indexOf("ip ipsec profile"));
        assertTrue(order.indexOf("ip ipsec profile") < order.indexOf("ip ipsec peer"));
        assertTrue(order.indexOf("ip ipsec peer") < order.indexOf("ip ipsec identity"));
        assertTrue(order.indexOf("ip ipsec proposal") < order.indexOf("ip ipsec policy"));
        assertTrue(order.indexOf("ip pool") < order.indexOf("ip ipsec mode-config"));
        assertTrue(order.indexOf("system logging action") < order.indexOf("system logging"));
        assertTrue(order.indexOf("user group") < order.indexOf("user"));
    }

    /** Reference 01 §9.1: the v7 verbose export of the default profile. */
    @Test
    void profileDefaultsAreWhatDevicesExport() {
        Map<String, String> verbose = new LinkedHashMap<>();
        verbose.put("dh-group", "modp2048,modp1024");
        verbose.put("dpd-interval", "2m");
        verbose.put("dpd-maximum-failures", "5");
        verbose.put("enc-algorithm", "aes-128,3des");
        verbose.put("hash-algorithm", "sha1");
        verbose.put("lifetime", "1d");
        verbose.put("nat-traversal", "yes");
        verbose.put("proposal-check", "obey");
        verbose.forEach((k, v) -> assertEquals(v, prop("ip ipsec profile", k).defaultValue(), k));
        Menu profile = menu("ip ipsec profile");
        assertEquals(List.of(Map.of("name", "default")), profile.defaults());
        assertEquals("default", profile.exportSelector());
        assertEquals("name", profile.nameProperty());
        assertEquals(List.of("x25519", "ecp256", "ecp384", "ecp521", "modp6144", "modp4096", "modp3072", "modp2048",
                "modp1536", "modp1024", "modp768"), prop("ip ipsec profile", "dh-group").values());
        assertTrue(prop("ip ipsec profile", "dpd-interval").words().contains("disable-dpd"));
        assertEquals("auto", prop("ip ipsec profile", "prf-algorithm").defaultValue());
        assertEquals("0", prop("ip ipsec profile", "lifebytes").defaultValue());
    }

    @Test
    void proposalModeConfigAndGroupDefaultsAreWhatDevicesExport() {
        assertEquals("sha1", prop("ip ipsec proposal", "auth-algorithms").defaultValue());
        assertEquals("aes-256-cbc,aes-192-cbc,aes-128-cbc", prop("ip ipsec proposal", "enc-algorithms").defaultValue());
        assertEquals("30m", prop("ip ipsec proposal", "lifetime").defaultValue());
        assertEquals("modp1024", prop("ip ipsec proposal", "pfs-group").defaultValue());
        assertEquals("no", prop("ip ipsec proposal", "disabled").defaultValue());
        assertEquals(List.of(Map.of("name", "default")), menu("ip ipsec proposal").defaults());
        // GCM proposals carry auth-algorithms="" (reference 02 §4)
        assertEquals("", canonical("ip ipsec proposal", "auth-algorithms", ""));

        Map<String, String> modeConfig = menu("ip ipsec mode-config").defaults().get(0);
        assertEquals("request-only", modeConfig.get("name"));
        assertEquals("no", modeConfig.get("responder"));
        assertEquals("exclusively", modeConfig.get("use-responder-dns"));

        assertEquals(List.of(Map.of("name", "default")), menu("ip ipsec policy group").defaults());
    }

    /** Reference 02 §10: exactly these counters, in this order. */
    @Test
    void statisticsHasExactlyTheTwentyFiveCounters() {
        Menu stats = menu("ip ipsec statistics");
        assertEquals(MenuKind.STATUS_SINGLETON, stats.kind());
        List<String> expected = List.of("in-errors", "in-buffer-errors", "in-header-errors", "in-no-states",
                "in-state-protocol-errors", "in-state-mode-errors", "in-state-sequence-errors", "in-state-expired",
                "in-state-mismatches", "in-state-invalid", "in-template-mismatches", "in-no-policies",
                "in-policy-blocked", "in-policy-errors", "out-errors", "out-bundle-errors", "out-bundle-check-errors",
                "out-no-states", "out-state-protocol-errors", "out-state-mode-errors", "out-state-sequence-errors",
                "out-state-expired", "out-policy-blocked", "out-policy-dead", "out-policy-errors");
        assertEquals(25, expected.size());
        assertEquals(expected, new ArrayList<>(stats.properties().keySet()));
        for (Property p : stats.properties().values()) {
            assertTrue(p.readOnly(), p.name());
            assertEquals(ValueKind.INT, p.kind(), p.name());
        }
    }

    @Test
    void policyIsOrderedWithTheDefaultTemplate() {
        Menu policy = menu("ip ipsec policy");
        assertTrue(policy.ordered());
        assertEquals(PrintLayout.RULES, policy.layout());
        Map<String, String> template = policy.defaults().get(0);
        assertEquals(1, policy.defaults().size());
        assertEquals(Map.of("group", "default", "src-address", "::/0", "dst-address", "::/0", "protocol", "all",
                "proposal", "default", "template", "yes"), template);
        List<String> letters = policy.flags().stream().map(Flag::letter).toList();
        assertEquals(List.of("T", "B", "X", "D", "I", "A", "*"), letters);
        assertEquals("template", policy.flags().get(0).source());
        assertEquals("default", policy.flags().get(6).source());
        assertEquals("number", policy.exportSelector());

        for (String sa : List.of("sa-src-address", "sa-dst-address")) {
            Property p = prop("ip ipsec policy", sa);
            assertEquals(ValueKind.IP, p.kind());
            assertFalse(p.readOnly(), sa);
        }
        Property peer = prop("ip ipsec policy", "peer");
        assertEquals(ValueKind.REF, peer.kind());
        assertEquals("ip ipsec peer", peer.ref());
        assertEquals("encrypt", prop("ip ipsec policy", "action").defaultValue());
        assertEquals("require", prop("ip ipsec policy", "level").defaultValue());
        assertEquals("any", prop("ip ipsec policy", "src-port").defaultValue());
        // a prefix is normalised to its network and always printed with its length
        assertEquals("192.168.10.0/24", canonical("ip ipsec policy", "src-address", "192.168.10.1/24"));
        assertEquals("10.0.0.1/32", canonical("ip ipsec policy", "dst-address", "10.0.0.1"));
    }

    @Test
    void identityNamesARequiredPeer() {
        Property peer = prop("ip ipsec identity", "peer");
        assertEquals(ValueKind.REF, peer.kind());
        assertEquals("ip ipsec peer", peer.ref());
        assertTrue(peer.required());
        assertTrue(prop("ip ipsec identity", "secret").sensitive());
        assertTrue(prop("ip ipsec identity", "password").sensitive());
        assertEquals("pre-shared-key", prop("ip ipsec identity", "auth-method").defaultValue());
        assertEquals("fqdn:vpn.example.com", canonical("ip ipsec identity", "remote-id", "fqdn:vpn.example.com"));
        assertThrows(ValueException.class, () -> Values.canonical(prop("ip ipsec identity", "my-id"), "bogus"));
        // a distinguished name, as RouterOS's dn:<name> (RFC 4514 text); something without type=value is refused
        assertEquals("dn:CN=boise.example,O=Example,C=US", canonical("ip ipsec identity", "remote-id", "dn:CN=boise.example,O=Example,C=US"));
        assertEquals("dn:2.5.4.3=seattle", canonical("ip ipsec identity", "my-id", "dn:2.5.4.3=seattle"));
        assertEquals("dn", canonical("ip ipsec identity", "my-id", "dn"));
        assertThrows(ValueException.class, () -> Values.canonical(prop("ip ipsec identity", "remote-id"), "dn:boise"));
        assertThrows(ValueException.class, () -> Values.canonical(prop("ip ipsec identity", "remote-id"), "dn:"));
        assertEquals("corp.example,lab.example", canonical("ip ipsec mode-config", "split-dns", "corp.example,lab.example"));
        assertThrows(ValueException.class, () -> Values.canonical(prop("ip ipsec mode-config", "split-dns"), "corp example"));
        assertThrows(ValueException.class, () -> Values.canonical(prop("ip ipsec mode-config", "split-dns"), "-corp.example"));
        assertEquals("none", canonical("ip ipsec identity", "mode-config", "none"));
    }

    /** v6 phase-1 properties are migrated to profile and identity by code, never accepted on the v7 peer. */
    @Test
    void v7PeerHasNoV6PhaseOneProperties() {
        Menu peer = menu("ip ipsec peer");
        for (String v6 : List.of("secret", "enc-algorithm", "hash-algorithm", "dh-group", "lifetime", "lifebytes",
                "nat-traversal", "generate-policy", "dpd-interval", "dpd-maximum-failures", "proposal-check",
                "auth-method", "my-id", "xauth-login", "xauth-password", "policy-template-group", "mode-config")) {
            assertTrue(peer.property(v6).isEmpty(), "v7 peer must not have " + v6);
        }
        assertEquals(List.of("main", "base", "aggressive", "ike2"), prop("ip ipsec peer", "exchange-mode").values());
        assertEquals("500", prop("ip ipsec peer", "port").defaultValue());
        assertEquals("default", prop("ip ipsec peer", "profile").defaultValue());
        assertEquals("peer", peer.autoName());
        assertEquals("203.0.113.50/32", canonical("ip ipsec peer", "address", "203.0.113.50"));
        assertEquals("vpn.example.com", canonical("ip ipsec peer", "address", "VPN.example.com"));
    }

    @Test
    void settingsAreASingletonWithOurOffloadChoice() {
        Menu settings = menu("ip ipsec settings");
        assertEquals(MenuKind.SINGLETON, settings.kind());
        Property offload = prop("ip ipsec settings", "offload");
        assertEquals(List.of("auto", "software", "af-alg", "kernel"), offload.values());
        assertEquals("auto", offload.defaultValue());
        assertEquals("yes", prop("ip ipsec settings", "accounting").defaultValue());
        assertEquals("0s", prop("ip ipsec settings", "interim-update").defaultValue());
    }

    @Test
    void statusMenusCarryTheirCommandsAndFlags() {
        assertEquals(List.of("kill-connections"), menu("ip ipsec active-peers").commands());
        assertEquals(List.of("kill-connections"), menu("ip ipsec remote-peers").commands());
        assertEquals(List.of("flush"), menu("ip ipsec installed-sa").commands());
        assertEquals(List.of("spi", "state", "src-address", "dst-address", "auth-algorithm", "enc-algorithm",
                "enc-key-size"), menu("ip ipsec installed-sa").columns());
        assertTrue(prop("ip ipsec installed-sa", "enc-key").sensitive());
        assertEquals(List.of("E", "S", "A", "C", "D", "F", "H", "s", "d", "h"),
                menu("ip firewall connection").flags().stream().map(Flag::letter).toList());
        for (Menu m : SCHEMA.menus().values()) {
            if (!m.kind().isStatus()) continue;
            for (Property p : m.properties().values()) assertTrue(p.readOnly(), "/" + m.path() + " " + p.name());
        }
    }

    /** Reference 03 §4, exactly. */
    @Test
    void firewallActionsArePerTable() {
        Map<String, List<String>> actions = Map.of(
                "ip firewall filter", List.of("accept", "jump", "return", "log", "passthrough",
                        "add-src-to-address-list", "add-dst-to-address-list", "drop", "reject", "tarpit",
                        "fasttrack-connection"),
                "ip firewall nat", List.of("accept", "jump", "return", "log", "passthrough", "add-src-to-address-list",
                        "add-dst-to-address-list", "src-nat", "masquerade", "dst-nat", "redirect", "same", "netmap",
                        "endpoint-independent-nat", "socksify"),
                "ip firewall mangle", List.of("accept", "jump", "return", "log", "passthrough",
                        "add-src-to-address-list", "add-dst-to-address-list", "sniff-tzsp", "sniff-pc", "drop",
                        "mark-packet", "mark-connection", "change-mss", "change-dscp", "strip-ipv4-options",
                        "change-ttl", "mark-routing", "set-priority", "clear-df", "fasttrack-connection", "route"),
                "ip firewall raw", List.of("accept", "jump", "return", "log", "passthrough", "add-src-to-address-list",
                        "add-dst-to-address-list", "drop", "notrack"));
        actions.forEach((path, expected) -> {
            Property action = prop(path, "action");
            assertEquals(ValueKind.ENUM, action.kind());
            assertEquals(expected, action.values(), path);
        });
        assertEquals(List.of("input", "forward", "output"), prop("ip firewall filter", "chain").values());
        assertEquals(List.of("srcnat", "dstnat", "input", "output"), prop("ip firewall nat", "chain").values());
        assertEquals(List.of("prerouting", "input", "forward", "output", "postrouting"),
                prop("ip firewall mangle", "chain").values());
        assertEquals(List.of("prerouting", "output"), prop("ip firewall raw", "chain").values());
    }

    @Test
    void ruleTablesShareMatchersFlagsAndLayout() {
        List<String> common = List.of("src-address", "dst-address", "src-address-list", "dst-address-list",
                "src-address-type", "dst-address-type", "protocol", "src-port", "dst-port", "port", "in-interface",
                "out-interface", "in-interface-list", "out-interface-list", "packet-mark", "ipsec-policy", "limit",
                "dst-limit", "tcp-mss", "icmp-options", "packet-size", "ttl", "dscp", "priority", "src-mac-address",
                "content", "fragment", "ipv4-options", "hotspot", "psd", "nth", "random", "per-connection-classifier",
                "time", "jump-target", "address-list", "address-list-timeout", "log", "log-prefix", "comment",
                "disabled", "bytes", "packets");
        for (String table : List.of("filter", "nat", "mangle", "raw")) {
            String path = "ip firewall " + table;
            Menu m = menu(path);
            assertTrue(m.ordered(), path);
            assertEquals(PrintLayout.RULES, m.layout(), path);
            assertEquals(List.of("chain", "action"), m.columns(), path);
            assertEquals(List.of("X", "I", "D"), m.flags().stream().map(Flag::letter).toList(), path);
            assertTrue(prop(path, "chain").required(), path);
            for (String c : common) assertTrue(m.property(c).isPresent(), path + " lacks " + c);
            for (String negatable : List.of("src-address", "dst-address", "src-address-list", "protocol", "src-port",
                    "dst-port", "port", "in-interface", "out-interface", "in-interface-list", "out-interface-list")) {
                assertTrue(prop(path, negatable).negatable(), path + " " + negatable);
            }
            assertTrue(prop(path, "in-interface").danglingInvalid(), path);
            assertTrue(prop(path, "out-interface").danglingInvalid(), path);
            assertEquals(ValueKind.INTERFACE, prop(path, "in-interface").kind());
            assertEquals(ValueKind.ADDRESS_MATCH, prop(path, "src-address").kind());
            assertTrue(prop(path, "dst-port").list());
            assertEquals("no", prop(path, "log").defaultValue());
            assertEquals("", prop(path, "log-prefix").defaultValue());
        }
        // conntrack does not exist yet in raw; nat only sees first packets
        assertTrue(menu("ip firewall raw").property("connection-state").isEmpty());
        assertTrue(menu("ip firewall raw").property("connection-mark").isEmpty());
        assertTrue(menu("ip firewall nat").property("connection-state").isEmpty());
        assertTrue(menu("ip firewall filter").property("reject-with").isPresent());
        assertTrue(menu("ip firewall nat").property("to-addresses").isPresent());
        assertTrue(menu("ip firewall nat").property("to-ports").isPresent());
        for (String param : List.of("new-connection-mark", "new-packet-mark", "new-routing-mark", "new-mss", "passthrough")) {
            assertTrue(menu("ip firewall mangle").property(param).isPresent(), param);
        }
        assertEquals("yes", prop("ip firewall mangle", "passthrough").defaultValue());
        assertEquals("clamp-to-pmtu", canonical("ip firewall mangle", "new-mss", "clamp-to-pmtu"));
        assertEquals("1360", canonical("ip firewall mangle", "new-mss", "1360"));
    }

    @Test
    void matcherSyntaxAsRouterOsWritesIt() {
        String f = "ip firewall filter";
        assertEquals("!LAN", canonical(f, "in-interface-list", "!LAN"));
        assertEquals("!dstnat", canonical(f, "connection-nat-state", "!dstnat"));
        assertEquals("established,related,untracked",
                canonical(f, "connection-state", "established,related,untracked"));
        assertEquals("syn,!ack", canonical(f, "tcp-flags", "syn,!ack"));
        assertEquals("in,ipsec", canonical(f, "ipsec-policy", "in,ipsec"));
        assertEquals("out,none", canonical(f, "ipsec-policy", "out,none"));
        assertThrows(ValueException.class, () -> Values.canonical(prop(f, "ipsec-policy"), "sideways,ipsec"));
        assertEquals("10,5", canonical(f, "limit", "10,5"));
        assertEquals("50/1s,10:packet", canonical(f, "limit", "50/1s,10:packet"));
        assertEquals("10,20,src-address/1m", canonical(f, "dst-limit", "10,20,src-address/1m"));
        assertEquals("8:0", canonical(f, "icmp-options", "8:0"));
        assertEquals("equal:1", canonical(f, "ttl", "equal:1"));
        assertEquals("192.168.88.0/24", canonical(f, "src-address", "192.168.88.1/24"));
        assertEquals("!192.168.88.0/24", canonical(f, "src-address", "!192.168.88.0/24"));
        assertEquals("10.0.0.1-10.0.0.9", canonical(f, "dst-address", "10.0.0.1-10.0.0.9"));
        assertEquals("none-static", canonical(f, "address-list-timeout", "none-static"));
        assertEquals("1d", canonical(f, "address-list-timeout", "1d"));
        assertEquals("!from-client,auth", canonical(f, "hotspot", "!from-client,auth"));
        assertEquals("ipsec-esp", canonical(f, "protocol", "50"));
        assertEquals("my-host.example.com", canonical("ip firewall address-list", "address", "my-host.example.com"));
        assertEquals("192.0.34.166", canonical("ip firewall address-list", "address", "192.0.34.166/32"));
    }

    /**
     * Every argument of /work/shared/examples/*.rsc and of the defconf rules (reference 03 §8),
     * except the v6 peer and identity arguments that migration code rewrites before the schema
     * sees them.
     */
    @Test
    void argumentsTheExamplesUseAreAccepted() {
        String lines = """
                ip ipsec profile|name="ike-profile" dh-group=modp2048,modp1536 enc-algorithm=aes-256,3des lifetime=1d hash-algorithm=sha256
                ip ipsec peer|address=203.0.113.50/32 passive=no profile="ike-profile" exchange-mode=main send-initial-contact=yes
                ip ipsec proposal|name="ipsec-proposal" auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=1h pfs-group=modp2048
                ip ipsec policy|src-address=192.168.10.0/24 dst-address=192.168.20.0/24 tunnel=yes action=encrypt proposal="ipsec-proposal"
                ip firewall filter|chain=input protocol=udp port=500,4500 action=accept comment="Allow IKE and NAT-T"
                ip firewall filter|chain=input protocol=ipsec-esp action=accept comment="Allow ESP encryption"
                ip firewall filter|chain=input protocol=ipsec-ah action=accept comment="Allow AH authentication"
                ip firewall filter|chain=forward connection-state=established,related action=accept comment="Allow established VPN connections"
                ip firewall filter|chain=forward in-interface=ipsec-vpn1 out-interface=lan action=accept comment="Forward IPsec to LAN"
                ip firewall filter|chain=input connection-state=invalid action=drop comment="Drop invalid IPsec connections"
                ip firewall filter|chain=input protocol=udp port=500 limit=10,5 action=accept comment="Rate limit IKE requests"
                ip firewall filter|chain=input protocol=udp port=4500 limit=10,5 action=accept comment="Rate limit NAT-T"
                ip firewall filter|chain=input action=drop comment="Drop excess IKE/NAT-T"
                interface ipsec|name="ipsec-vpn1" mangling=yes accept-untracked-peer=yes
                ip route|dst-address=192.168.20.0/24 gateway=ipsec-vpn1 comment="Route traffic through IPsec tunnel"
                ip ipsec policy|src-address=192.168.10.0/24 dst-address=192.168.20.0/24 tunnel=yes action=encrypt proposal="ipsec-proposal" sa-dst-address=203.0.113.50
                ip ipsec policy|src-address=192.168.10.0/24 dst-address=192.168.20.0/24 tunnel=yes action=encrypt proposal="ipsec-proposal" sa-dst-address=203.0.113.51 disabled=yes comment="Backup IPsec peer"
                ip firewall address-list|list=trusted-ipsec-peers address=203.0.113.50
                ip firewall address-list|list=trusted-ipsec-peers address=198.51.100.25
                ip firewall filter|chain=input src-address-list=trusted-ipsec-peers protocol=udp port=500,4500 action=accept
                ip firewall filter|chain=input src-address-list=trusted-ipsec-peers protocol=ipsec-esp action=accept
                ip firewall filter|chain=input action=drop comment="Block all other IPsec"
                ip ipsec peer|address=165.95.23.2/32 comment="Seattle Peer"
                ip ipsec policy|comment="Seattle Traffic" dst-address=192.168.90.0/24 sa-dst-address=165.95.23.2 sa-src-address=87.16.79.2 src-address=192.168.30.0/24 tunnel=yes
                ip firewall nat|chain=srcnat comment="Seattle NAT bypass" dst-address=192.168.90.0/24 src-address=192.168.30.0/24
                ip ipsec peer|address=87.16.79.2/32 comment="Boise Peer"
                ip ipsec policy|comment="Boise Traffic" dst-address=192.168.30.0/24 sa-dst-address=87.16.79.2 sa-src-address=165.95.23.2 src-address=192.168.90.0/24 tunnel=yes
                ip firewall nat|chain=srcnat comment="Boise NAT bypass" dst-address=192.168.30.0/24 src-address=192.168.90.0/24
                ip firewall filter|action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
                ip firewall filter|action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
                ip firewall filter|action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
                ip firewall filter|action=accept chain=input comment="defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
                ip firewall filter|action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
                ip firewall filter|action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
                ip firewall filter|action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
                ip firewall filter|action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related hw-offload=yes
                ip firewall filter|action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
                ip firewall nat|action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
                ip firewall raw|action=notrack chain=prerouting src-address=10.1.202.0/24 dst-address=10.1.101.0/24
                ip ipsec profile|dh-group=modp2048 enc-algorithm=aes-128 name=ike1-site2
                ip ipsec peer|address=192.168.80.1/32 name=ike1-site2 profile=ike1-site2
                ip ipsec proposal|enc-algorithms=aes-128-cbc name=ike1-site2 pfs-group=modp2048
                ip ipsec identity|peer=ike1-site2 secret=thisisnotasecurepsk
                ip ipsec policy|dst-address=10.1.101.0/24 peer=ike1-site2 proposal=ike1-site2 src-address=10.1.202.0/24 tunnel=yes
                ip ipsec profile|dpd-interval=2m dpd-maximum-failures=5
                system logging|action=remote prefix=:Info topics=info,!firewall
                ip address|address=10.1.0.1/16 interface=bridge1 network=10.1.0.0
                ip route|comment=isp1 disabled=no distance=1 dst-address=8.8.8.8/32 gateway=11.0.0.1 routing-table=main scope=10 suppress-hw-offload=no target-scope=10
                """;
        for (String line : lines.strip().split("\n")) {
            int bar = line.indexOf('|');
            String path = line.substring(0, bar);
            for (Map.Entry<String, String> arg : args(line.substring(bar + 1)).entrySet()) {
                String value = canonical(path, arg.getKey(), arg.getValue());
                assertNotNull(value);
                assertFalse(prop(path, arg.getKey()).readOnly(), path + " " + arg.getKey() + " is read-only");
            }
        }
        assertEquals("aes-256,3des", canonical("ip ipsec profile", "enc-algorithm", "aes-256,3des"));
        assertEquals("1h", canonical("ip ipsec proposal", "lifetime", "01:00:00"));
        assertEquals("10.1.0.1/16", canonical("ip address", "address", "10.1.0.1/16"));
        assertEquals("10.1.0.1/32", canonical("ip address", "address", "10.1.0.1"));
    }

    /** name=value pairs of a command line; values may be double-quoted. */
    private static Map<String, String> args(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') i++;
            if (i >= text.length()) break;
            int eq = text.indexOf('=', i);
            String name = text.substring(i, eq);
            int j = eq + 1;
            String value;
            if (j < text.length() && text.charAt(j) == '"') {
                int close = text.indexOf('"', j + 1);
                value = text.substring(j + 1, close);
                i = close + 1;
            } else {
                int sp = text.indexOf(' ', j);
                if (sp < 0) sp = text.length();
                value = text.substring(j, sp);
                i = sp;
            }
            out.put(name, value);
        }
        return out;
    }

    /** A default the schema states is exactly what a user setting that value would store. */
    @Test
    void everyDefaultAndSeedValueIsCanonical() {
        for (Menu m : SCHEMA.menus().values()) {
            for (Property p : m.properties().values()) {
                if (p.hasDefault() && !p.readOnly()) {
                    assertEquals(p.defaultValue(), canonical(m.path(), p.name(), p.defaultValue()),
                            "/" + m.path() + " " + p.name());
                }
            }
            for (Map<String, String> seed : m.defaults()) {
                seed.forEach((k, v) -> assertEquals(v, canonical(m.path(), k, v), "/" + m.path() + " seed " + k));
                if (m.nameProperty() != null && !m.path().equals("system logging")) {
                    assertNotNull(seed.get(m.nameProperty()), "/" + m.path() + " default item without a name");
                }
            }
        }
    }

    @Test
    void everyRefAndInterfaceTypeIsConsistent() {
        for (Menu m : SCHEMA.menus().values()) {
            for (Property p : m.properties().values()) {
                if (p.kind() == ValueKind.REF) {
                    assertNotNull(menu(p.ref()).nameProperty(), "/" + m.path() + " " + p.name() + " refers to unnamed /" + p.ref());
                }
                if (p.required()) assertFalse(p.readOnly(), "/" + m.path() + " " + p.name());
            }
            for (Flag f : m.flags()) {
                Set<String> builtIn = Set.of("default", "dynamic", "invalid");
                assertTrue(builtIn.contains(f.source()) || m.properties().containsKey(f.source()),
                        "/" + m.path() + " flag " + f.letter() + " has no source " + f.source());
            }
        }
        Menu iface = menu("interface");
        assertEquals(List.of("name", "type", "actual-mtu", "l2mtu", "max-l2mtu", "mac-address"), iface.columns());
        assertEquals(List.of("D", "X", "R", "S"), iface.flags().stream().map(Flag::letter).toList());
        for (String member : iface.unionOf()) assertNotNull(menu(member).interfaceType(), member);
        assertTrue(iface.unionOf().containsAll(List.of("interface ethernet", "interface gre", "interface ipip",
                "interface ipsec")));
        for (String ro : List.of("type", "actual-mtu", "max-l2mtu", "mac-address", "running")) {
            assertTrue(prop("interface", ro).readOnly(), ro);
        }
    }

    @Test
    void interfacesAndTunnels() {
        Menu ether = menu("interface ethernet");
        assertEquals("ether", ether.interfaceType());
        assertEquals("default-name", ether.exportSelector());
        assertTrue(prop("interface ethernet", "default-name").readOnly());
        assertEquals("1500", prop("interface ethernet", "mtu").defaultValue());
        assertEquals("enabled", prop("interface ethernet", "arp").defaultValue());

        for (String tunnel : List.of("interface gre", "interface ipip")) {
            assertEquals("auto", prop(tunnel, "mtu").defaultValue(), tunnel);
            assertEquals("1400", canonical(tunnel, "mtu", "1400"));
            assertTrue(prop(tunnel, "remote-address").required(), tunnel);
            assertTrue(prop(tunnel, "ipsec-secret").sensitive(), tunnel);
            assertEquals("10s,10", prop(tunnel, "keepalive").defaultValue(), tunnel);
            assertEquals("inherit", prop(tunnel, "dscp").defaultValue(), tunnel);
            assertEquals("yes", prop(tunnel, "clamp-tcp-mss").defaultValue(), tunnel);
            assertEquals("yes", prop(tunnel, "allow-fast-path").defaultValue(), tunnel);
        }
        assertEquals("gre-tunnel", menu("interface gre").autoName());
        assertEquals("ipip-tunnel", menu("interface ipip").autoName());
        assertTrue(menu("interface ipip").property("l2mtu").isEmpty());

        Menu ipsec = menu("interface ipsec");
        assertEquals("ipsec", ipsec.autoName());
        assertEquals("no", prop("interface ipsec", "mangling").defaultValue());
        assertEquals("no", prop("interface ipsec", "accept-untracked-peer").defaultValue());
        assertEquals("ip ipsec peer", prop("interface ipsec", "peer").ref());
        assertEquals("auto", prop("interface ipsec", "mtu").defaultValue());

        Menu lists = menu("interface list");
        assertEquals(List.of("all", "none", "dynamic", "static"),
                lists.defaults().stream().map(d -> d.get("name")).toList());
        assertEquals("*", lists.flags().get(0).letter());
        assertEquals("builtin", lists.flags().get(0).name());
        Property member = prop("interface list member", "interface");
        assertEquals(ValueKind.INTERFACE, member.kind());
        assertTrue(member.danglingInvalid());
        assertEquals("interface list", prop("interface list member", "list").ref());
    }

    @Test
    void addressesRoutesPoolsServices() {
        Menu address = menu("ip address");
        assertEquals(List.of("address", "network", "interface"), address.columns());
        assertEquals("failure: already have such address", address.unique().get(0).message());
        assertTrue(prop("ip address", "address").required());
        assertTrue(prop("ip address", "interface").required());

        assertEquals("1", prop("ip route", "distance").defaultValue());
        assertEquals("main", prop("ip route", "routing-table").defaultValue());
        assertEquals("30", prop("ip route", "scope").defaultValue());
        assertEquals("10", prop("ip route", "target-scope").defaultValue());
        assertEquals("192.168.3.254%ether3", canonical("ip route", "gateway", "192.168.3.254%ether3"));
        assertEquals(List.of("dst-address", "gateway", "distance"), menu("ip route").columns());

        assertTrue(prop("ip pool", "name").required());
        assertTrue(prop("ip pool", "ranges").required());
        assertEquals("192.168.88.10-192.168.88.254", canonical("ip pool", "ranges", "192.168.88.10-192.168.88.254"));

        Map<String, String> ports = new LinkedHashMap<>();
        Map<String, String> disabled = new LinkedHashMap<>();
        for (Map<String, String> d : menu("ip service").defaults()) {
            ports.put(d.get("name"), d.get("port"));
            disabled.put(d.get("name"), d.getOrDefault("disabled", "no"));
        }
        assertEquals(Map.of("telnet", "23", "ftp", "21", "www", "80", "ssh", "22", "www-ssl", "443", "api", "8728",
                "winbox", "8291", "api-ssl", "8729"), ports);
        assertEquals("yes", disabled.get("www-ssl"));
        assertEquals("name", menu("ip service").exportSelector());
        assertTrue(prop("ip service", "name").readOnly());

        List<String> helpers = menu("ip firewall service-port").defaults().stream().map(d -> d.get("name")).toList();
        assertEquals(List.of("ftp", "tftp", "irc", "h323", "sip", "pptp", "udplite", "dccp", "sctp", "rtsp"), helpers);
        assertEquals("name", menu("ip firewall service-port").exportSelector());
    }

    @Test
    void systemUsersLoggingCertificates() {
        assertEquals("MikroTik", prop("system identity", "name").defaultValue());
        assertEquals(MenuKind.STATUS_SINGLETON, menu("system resource").kind());
        assertEquals(MenuKind.STATUS_SINGLETON, menu("system routerboard").kind());
        assertEquals("manual", prop("system clock", "time-zone-name").defaultValue());
        assertTrue(prop("system clock", "gmt-offset").readOnly());

        Menu logging = menu("system logging");
        assertEquals(List.of("info", "error", "warning", "critical"),
                logging.defaults().stream().map(d -> d.get("topics")).toList());
        assertEquals("number", logging.exportSelector());
        assertEquals("system logging action", prop("system logging", "action").ref());
        assertEquals("ipsec,!debug", canonical("system logging", "topics", "ipsec,!debug"));
        assertEquals(List.of("memory", "disk", "echo", "remote"),
                menu("system logging action").defaults().stream().map(d -> d.get("name")).toList());
        assertEquals("1000", prop("system logging action", "disk-lines-per-file").defaultValue());
        assertEquals(List.of("time", "topics", "message"), menu("log").columns());

        Map<String, String> groups = new LinkedHashMap<>();
        for (Map<String, String> d : menu("user group").defaults()) groups.put(d.get("name"), d.get("policy"));
        assertEquals(List.of("read", "write", "full"), new ArrayList<>(groups.keySet()));
        assertTrue(groups.get("read").endsWith("!ftp,!write,!policy"));
        assertFalse(groups.get("full").contains("!"));
        assertEquals("default", prop("user group", "skin").defaultValue());

        assertEquals(Map.of("name", "admin", "group", "full", "comment", "system default user"),
                menu("user").defaults().get(0));
        assertTrue(prop("user", "password").sensitive());
        assertEquals("user group", prop("user", "group").ref());
        assertTrue(prop("user", "last-logged-in").readOnly());
        assertThrows(ValueException.class, () -> Values.canonical(prop("user", "name"), "bad*name"));
        assertEquals("user", prop("user ssh-keys", "user").ref());

        assertEquals("365", prop("certificate", "days-valid").defaultValue());
        assertEquals("2048", prop("certificate", "key-size").defaultValue());
        assertTrue(menu("certificate").commands().containsAll(List.of("sign", "import")));
        assertEquals(List.of("K", "L", "C", "A", "I", "R", "E", "T", "a", "D"),
                menu("certificate").flags().stream().map(Flag::letter).toList());
    }

    @Test
    void printColumnsNameProperties() {
        for (Menu m : SCHEMA.menus().values()) {
            for (String c : m.columns()) {
                if (!m.properties().containsKey(c)) fail("/" + m.path() + " column " + c);
            }
        }
    }
}
