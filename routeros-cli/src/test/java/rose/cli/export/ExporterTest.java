package rose.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.cli.print.Menus.listOf;
import static rose.cli.print.Menus.map;
import static rose.cli.print.Menus.p;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.db.MenuTable;
import rose.cli.db.Origin;
import rose.cli.print.Menus;
import rose.cli.schema.Menu;
import rose.cli.schema.PrintLayout;
import rose.cli.schema.Schema;
import rose.cli.schema.ValueKind;

class ExporterTest {
    private static final LocalDateTime WHEN = LocalDateTime.of(2026, 11, 22, 13, 46, 45);
    private final Exporter exporter = new Exporter();

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    private static final String HEADER = lines("# 2026-11-22 13:46:45 by RouterOS 7.18.2", "# software id = ", "#");

    private static ExportOptions.Builder opts() {
        return ExportOptions.builder().dateTime(WHEN).version("7.18.2");
    }

    // --- the IPsec menus, built by hand (reference 02 defaults as real v7 devices print them) ---

    static Menu modeConfig() {
        return Menus.list("ip ipsec mode-config").layout(PrintLayout.RULES).nameProperty("name")
                .flag("*", "default").flag("R", "responder")
                .defaults(map("name", "request-only", "responder", "no"))
                .prop(p("name", ValueKind.STRING), p("responder", ValueKind.BOOL, "no"),
                        p("use-responder-dns", ValueKind.ENUM, "exclusively"))
                .build();
    }

    static Menu policyGroup() {
        return Menus.list("ip ipsec policy group").layout(PrintLayout.RULES).nameProperty("name").flag("*", "default")
                .defaults(map("name", "default")).prop(p("name", ValueKind.STRING)).build();
    }

    static Menu profile() {
        return Menus.list("ip ipsec profile").layout(PrintLayout.RULES).nameProperty("name").flag("*", "default")
                .defaults(map("name", "default"))
                .prop(p("name", ValueKind.STRING), p("hash-algorithm", ValueKind.ENUM, "sha1"),
                        listOf("enc-algorithm", ValueKind.ENUM, "aes-128,3des"), listOf("dh-group", ValueKind.ENUM, "modp2048,modp1024"),
                        p("lifetime", ValueKind.TIME, "1d"), p("proposal-check", ValueKind.ENUM, "obey"),
                        p("nat-traversal", ValueKind.BOOL, "yes"), p("dpd-interval", ValueKind.TIME, "2m"),
                        p("dpd-maximum-failures", ValueKind.INT, "5"))
                .build();
    }

    static Menu proposal() {
        return Menus.list("ip ipsec proposal").layout(PrintLayout.RULES).nameProperty("name")
                .flag("X", "disabled").flag("*", "default")
                .defaults(map("name", "default"))
                .prop(p("name", ValueKind.STRING), listOf("auth-algorithms", ValueKind.ENUM, "sha1"),
                        listOf("enc-algorithms", ValueKind.ENUM, "aes-256-cbc,aes-192-cbc,aes-128-cbc"),
                        p("lifetime", ValueKind.TIME, "30m"), p("pfs-group", ValueKind.ENUM, "modp1024"),
                        p("disabled", ValueKind.BOOL, "no"))
                .build();
    }

    static Menu peer() {
        return Menus.list("ip ipsec peer").layout(PrintLayout.RULES).nameProperty("name")
                .flag("X", "disabled").flag("D", "dynamic").flag("R", "responder", "passive")
                .prop(p("name", ValueKind.STRING), p("address", ValueKind.IP_PREFIX), p("local-address", ValueKind.IP),
                        p("profile", ValueKind.REF, "default"), p("exchange-mode", ValueKind.ENUM, "main"),
                        p("passive", ValueKind.BOOL, "no"), p("comment", ValueKind.STRING), p("disabled", ValueKind.BOOL, "no"),
                        Menus.readOnly("dynamic", ValueKind.BOOL))
                .build();
    }

    static Menu identity() {
        return Menus.list("ip ipsec identity").layout(PrintLayout.RULES)
                .prop(p("peer", ValueKind.REF), p("auth-method", ValueKind.ENUM, "pre-shared-key"), Menus.sensitive("secret"))
                .build();
    }

    static Menu settings() {
        return Menus.singleton("ip ipsec settings")
                .prop(p("accounting", ValueKind.BOOL, "yes"), p("interim-update", ValueKind.TIME, "0s"),
                        p("xauth-use-radius", ValueKind.BOOL, "no"))
                .build();
    }

    static Schema ipsecSchema() {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (Menu m : List.of(modeConfig(), policyGroup(), profile(), peer(), proposal(), identity(), settings())) menus.put(m.path(), m);
        return new Schema(menus, new ArrayList<>(menus.keySet()));
    }

    private static Item seeded(int id, int seed, Map<String, String> set) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(Effective.SEED, Integer.toString(seed));
        v.putAll(set);
        return new Item(id, Origin.DEFAULT, v);
    }

    /** A fresh router: one untouched default item in each menu that has one. */
    static ConfigState fresh() {
        Map<String, MenuTable> t = new LinkedHashMap<>();
        for (String m : List.of("ip ipsec mode-config", "ip ipsec policy group", "ip ipsec profile", "ip ipsec proposal")) {
            t.put(m, MenuTable.EMPTY.put(0, seeded(1, 0, Map.of())));
        }
        return new ConfigState(t, 1);
    }

    private static ConfigState with(ConfigState st, String menu, Item... items) {
        MenuTable table = st.table(menu);
        for (Item i : items) table = table.put(table.items().size(), i);
        Map<String, MenuTable> t = new LinkedHashMap<>(st.tables());
        t.put(menu, table);
        return new ConfigState(t, st.version() + 1);
    }

    /** Reference 01 §9.1: the v7 verbose export of the IPsec defaults, byte for byte. */
    @Test
    void verboseIpsecDefaults() {
        String out = exporter.export(ipsecSchema(), fresh(), opts().verbose(true).scope("/ip/ipsec").build());
        assertEquals(HEADER + lines(
                "/ip ipsec mode-config",
                "set [ find default=yes ] name=request-only responder=no use-responder-dns=\\",
                "    exclusively",
                "/ip ipsec policy group",
                "set [ find default=yes ] name=default",
                "/ip ipsec profile",
                "set [ find default=yes ] dh-group=modp2048,modp1024 dpd-interval=2m \\",
                "    dpd-maximum-failures=5 enc-algorithm=aes-128,3des hash-algorithm=sha1 \\",
                "    lifetime=1d name=default nat-traversal=yes proposal-check=obey",
                "/ip ipsec proposal",
                "set [ find default=yes ] auth-algorithms=sha1 disabled=no enc-algorithms=\\",
                "    aes-256-cbc,aes-192-cbc,aes-128-cbc lifetime=30m name=default pfs-group=\\",
                "    modp1024",
                "/ip ipsec settings",
                "set accounting=yes interim-update=0s xauth-use-radius=no"), out);
    }

    @Test
    void compactFreshRouterHasOnlyTheHeader() {
        assertEquals(HEADER, exporter.export(ipsecSchema(), fresh(), opts().build()));
    }

    /** Reference 01 §9.1: explicitly set values print even when equal to the default. */
    @Test
    void compactPrintsWhatWasSetInListOrderAndSkipsDynamicItems() {
        ConfigState st = with(fresh(), "ip ipsec profile",
                seeded(1, 0, map("dpd-interval", "2m", "dpd-maximum-failures", "5")),
                new Item(2, Origin.USER, map("name", "office", "dh-group", "modp2048", "enc-algorithm", "aes-256")));
        st = with(st, "ip ipsec peer",
                new Item(1, Origin.USER, map("name", "peer1", "address", "1.1.1.61/32", "local-address", "1.1.1.10",
                        "profile", "office", "dynamic", "no")),
                new Item(2, Origin.DYNAMIC, map("name", "l2tp-in-server", "address", "0.0.0.0/0")),
                new Item(3, Origin.USER, map("name", "peer2", "address", "2.2.2.2/32", "comment", "branch b", "disabled", "yes")));
        st = with(st, "ip ipsec identity", new Item(1, Origin.USER, map("peer", "peer1", "secret", "s3cret$")));
        assertEquals(HEADER + lines(
                "/ip ipsec profile",
                "set [ find default=yes ] dpd-interval=2m dpd-maximum-failures=5",
                "add dh-group=modp2048 enc-algorithm=aes-256 name=office",
                "/ip ipsec peer",
                "add address=1.1.1.61/32 local-address=1.1.1.10 name=peer1 profile=office",
                "add address=2.2.2.2/32 comment=\"branch b\" disabled=yes name=peer2",
                "/ip ipsec identity",
                "add peer=peer1"), exporter.export(ipsecSchema(), st, opts().build()));
        String sensitive = exporter.export(ipsecSchema(), st, opts().showSensitive(true).build());
        assertTrue(sensitive.contains("\nadd peer=peer1 secret=\"s3cret\\$\"\n"), sensitive);
        assertEquals(exporter.export(ipsecSchema(), st, opts().build()),
                exporter.export(ipsecSchema(), st, opts().hideSensitive(true).build()));
    }

    @Test
    void terseWritesOneLineWithThePath() {
        ConfigState st = with(fresh(), "ip ipsec peer", new Item(1, Origin.USER, map("name", "peer1", "address", "1.1.1.61/32",
                "comment", "a rather long comment that would surely have been wrapped by the normal export")));
        st = with(st, "ip ipsec profile", seeded(1, 0, map("dpd-interval", "disable-dpd")));
        assertEquals(HEADER + lines(
                "/ip ipsec profile set [ find default=yes ] dpd-interval=disable-dpd",
                "/ip ipsec peer add address=1.1.1.61/32 comment=\"a rather long comment that would surely have been "
                        + "wrapped by the normal export\" name=peer1"), exporter.export(ipsecSchema(), st, opts().terse(true).build()));
    }

    @Test
    void scopeAndWhereFilterAndAnnotation() {
        ConfigState st = with(fresh(), "ip ipsec peer",
                new Item(1, Origin.USER, map("name", "peer1", "address", "1.1.1.61/32")),
                new Item(2, Origin.USER, map("name", "peer2", "address", "2.2.2.2/32")));
        st = with(st, "ip ipsec settings", new Item(1, Origin.DEFAULT, map("accounting", "no")));
        ExportOptions o = opts().scope("ip ipsec peer").header(false)
                .filter((m, i) -> "peer2".equals(i.get("name")))
                .annotation((m, i) -> "This entry is unreachable").build();
        assertEquals(lines(
                "/ip ipsec peer",
                "# This entry is unreachable",
                "add address=2.2.2.2/32 name=peer2"), exporter.export(ipsecSchema(), st, o));
        assertEquals(lines("/ip ipsec settings", "set accounting=no"),
                exporter.export(ipsecSchema(), st, opts().header(false).scope("/ip/ipsec/settings").build()));
        assertEquals("", exporter.export(ipsecSchema(), st, opts().header(false).scope("/ip ipsec pe").build()));
    }

    @Test
    void headerWithBoardAndOldDateFormat() {
        ExportOptions o = opts().softwareId("1PZI-L5PH").model("CCR1036-8G-2S+").serial("91A508A06572").build();
        assertEquals(lines(
                "# 2026-11-22 13:46:45 by RouterOS 7.18.2",
                "# software id = 1PZI-L5PH",
                "#",
                "# model = CCR1036-8G-2S+",
                "# serial number = 91A508A06572"), exporter.export(ipsecSchema(), fresh(), o));
        assertTrue(exporter.export(ipsecSchema(), fresh(), opts().version("7.9.2").build())
                .startsWith("# nov/22/2026 13:46:45 by RouterOS 7.9.2\n"));
        assertTrue(exporter.export(ipsecSchema(), fresh(), opts().version("7.10rc1").build())
                .startsWith("# 2026-11-22 13:46:45 by RouterOS 7.10rc1\n"));
    }

    @Test
    void builtInItemsByTheirSelector() {
        Menu ether = Menus.list("interface ethernet").exportSelector("default-name").nameProperty("name")
                .prop(p("name", ValueKind.STRING), Menus.readOnly("default-name", ValueKind.STRING), p("mtu", ValueKind.INT, "1500"),
                        Menus.readOnly("mac-address", ValueKind.MAC))
                .build();
        Menu service = Menus.list("ip service").exportSelector("name").nameProperty("name")
                .defaults(map("name", "telnet", "port", "23"), map("name", "ftp", "port", "21"))
                .prop(p("name", ValueKind.STRING), p("port", ValueKind.INT), p("disabled", ValueKind.BOOL, "no"))
                .build();
        Menu logging = Menus.list("system logging").exportSelector("number")
                .defaults(map("topics", "info"), map("topics", "error"))
                .prop(listOf("topics", ValueKind.STRING, null), p("action", ValueKind.REF, "memory"), p("prefix", ValueKind.STRING))
                .build();
        Menu pppProfile = Menus.list("ppp profile").exportSelector("default").nameProperty("name")
                .defaults(map("name", "default"), map("name", "default-encryption"))
                .prop(p("name", ValueKind.STRING), p("use-encryption", ValueKind.ENUM, "default"))
                .build();
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (Menu m : List.of(ether, service, logging, pppProfile)) menus.put(m.path(), m);
        Schema schema = new Schema(menus, new ArrayList<>(menus.keySet()));

        ConfigState st = new ConfigState(Map.of(), 0);
        st = with(st, "interface ethernet",
                new Item(1, Origin.BUILTIN, map("default-name", "ether1", "name", "ether1-wan", "mac-address", "AA:BB:CC:00:00:01")),
                new Item(2, Origin.BUILTIN, map("default-name", "ether2", "name", "ether2")));
        st = with(st, "interface ethernet",
                new Item(2, Origin.BUILTIN, map("default-name", "ether2", "mac-address", "AA:BB:CC:00:00:02")));
        st = with(st, "ip service", seeded(1, 0, map("disabled", "yes")), seeded(2, 1, map()));
        st = with(st, "system logging", seeded(1, 0, map()), seeded(2, 1, map("action", "remote", "prefix", ":Error")),
                new Item(3, Origin.USER, map("topics", "critical", "action", "remote")));
        st = with(st, "ppp profile", seeded(1, 0, map()), seeded(0xFFFFFFFE, 1, map("use-encryption", "yes")));
        assertEquals(HEADER + lines(
                "/interface ethernet",
                "set [ find default-name=ether1 ] name=ether1-wan",
                "/ip service",
                "set telnet disabled=yes",
                "/system logging",
                "set 1 action=remote prefix=:Error",
                "add action=remote topics=critical",
                "/ppp profile",
                "set *FFFFFFFE use-encryption=yes"), exporter.export(schema, st, opts().build()));

        String verbose = exporter.export(schema, st, opts().verbose(true).build());
        assertTrue(verbose.contains("\nset [ find default-name=ether2 ] mtu=1500\n"), verbose);
        assertTrue(verbose.contains("\nset ftp disabled=no port=21\n"), verbose);
        assertTrue(verbose.contains("\nset 0 action=memory topics=info\n"), verbose);
        assertTrue(verbose.contains("\nset *1 name=default use-encryption=default\n"), verbose);
        assertFalse(verbose.contains("mac-address"), verbose);
    }

    @Test
    void untouchedSingletonIsLeftOutOfACompactExport() {
        ConfigState st = with(new ConfigState(Map.of(), 0), "ip ipsec settings", new Item(1, Origin.DEFAULT, map()));
        assertEquals("", exporter.export(ipsecSchema(), st, opts().header(false).scope("ip ipsec settings").build()));
    }
}
