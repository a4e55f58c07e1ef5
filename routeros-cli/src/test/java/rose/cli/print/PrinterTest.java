package rose.cli.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.cli.print.Menus.map;
import static rose.cli.print.Menus.p;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.cli.print.PrintOptions.Form;
import rose.cli.schema.Menu;
import rose.cli.schema.PrintLayout;
import rose.cli.schema.ValueKind;

/** Expected texts are real RouterOS v7 captures where one exists (noted per test). */
class PrinterTest {
    private final Printer printer = new Printer();

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    private String print(Menu m, List<Row> rows, PrintOptions o) {
        return printer.print(m, rows, o);
    }

    private static Menu ipAddress() {
        return Menus.list("ip address").columns("address", "network", "interface", "vrf")
                .flag("X", "disabled").flag("I", "invalid").flag("D", "dynamic").flag("S", "slave")
                .prop(p("address", ValueKind.IP_PREFIX), p("network", ValueKind.IP), p("interface", ValueKind.INTERFACE),
                        p("vrf", ValueKind.REF), p("actual-interface", ValueKind.INTERFACE),
                        p("comment", ValueKind.STRING), p("disabled", ValueKind.BOOL, "no"))
                .build();
    }

    /** v7 capture: {@code /ip/address/print} with a dynamic and a static address. */
    @Test
    void tableWithOneFlagAndPaddedLastColumn() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("address", "10.0.2.15/24", "network", "10.0.2.0", "interface", "ether1", "vrf", "main"), "D", null),
                new Row(1, "*2", map("address", "10.9.9.7/32", "network", "10.9.9.7", "interface", "ether1", "vrf", "main"), "", null));
        assertEquals(lines(
                "Flags: D - DYNAMIC",
                "Columns: ADDRESS, NETWORK, INTERFACE, VRF",
                "#   ADDRESS       NETWORK   INTERFACE  VRF ",
                "0 D 10.0.2.15/24  10.0.2.0  ether1     main",
                "1   10.9.9.7/32   10.9.9.7  ether1     main"), print(ipAddress(), rows, PrintOptions.DEFAULTS));
    }

    @Test
    void tableWithoutFlagsHasNoFlagsLineNorColumn() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("address", "192.168.40.10/24", "network", "192.168.40.0", "interface", "ether2-Dish"), "", null),
                new Row(1, "*2", map("address", "10.117.114.40/24", "network", "10.117.114.0", "interface", "ether2-Dish"), "", null));
        assertEquals(lines(
                "Columns: ADDRESS, NETWORK, INTERFACE",
                "# ADDRESS           NETWORK       INTERFACE  ",
                "0 192.168.40.10/24  192.168.40.0  ether2-Dish",
                "1 10.117.114.40/24  10.117.114.0  ether2-Dish"), print(ipAddress(), rows, PrintOptions.DEFAULTS));
    }

    /** v7 capture: {@code /ip route print}; flag groups share columns, dynamic routes have no number. */
    @Test
    void routeTableGroupsFlagsAndLeavesDynamicRowsUnnumbered() {
        Menu route = Menus.list("ip route").columns("dst-address", "gateway", "routing-table", "distance")
                .flag("D", "dynamic").flag("X", "disabled").flag("I", "inactive").flag("A", "active")
                .flag("c", "connect").flag("s", "static").flag("r", "rip").flag("b", "bgp").flag("o", "ospf")
                .flag("d", "dhcp").flag("v", "vpn")
                .prop(p("dst-address", ValueKind.IP_PREFIX), p("gateway", ValueKind.GATEWAY),
                        p("routing-table", ValueKind.REF, "main"), p("distance", ValueKind.INT))
                .build();
        List<Row> rows = List.of(
                new Row(0, "*1", map("dst-address", "0.0.0.0/0", "gateway", "10.1.50.254", "routing-table", "main", "distance", "1"), "As", null),
                new Row(-1, "*D", map("dst-address", "10.1.50.0/24", "gateway", "vlan20-bond1", "routing-table", "main", "distance", "0"), "DAc", null));
        assertEquals(lines(
                "Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC",
                "Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE",
                "#     DST-ADDRESS   GATEWAY       ROUTING-TABLE  DISTANCE",
                "0  As 0.0.0.0/0     10.1.50.254   main                  1",
                "  DAc 10.1.50.0/24  vlan20-bond1  main                  0"), print(route, rows, PrintOptions.DEFAULTS));

        List<Row> dynamicOnly = List.of(
                new Row(-1, "*D", map("dst-address", "10.1.50.0/24", "gateway", "vlan20-bond1", "routing-table", "main", "distance", "0"), "DAc", null));
        assertEquals(lines(
                "Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT",
                "Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE",
                "    DST-ADDRESS   GATEWAY       ROUTING-TABLE  DISTANCE",
                "DAc 10.1.50.0/24  vlan20-bond1  main                  0"), print(route, dynamicOnly, PrintOptions.DEFAULTS));
    }

    private static Menu iface() {
        return Menus.list("interface").columns("name", "type", "actual-mtu", "l2mtu", "max-l2mtu", "mac-address")
                .flag("D", "dynamic").flag("X", "disabled").flag("R", "running").flag("S", "slave")
                .prop(p("name", ValueKind.STRING), p("type", ValueKind.STRING), Menus.readOnly("actual-mtu", ValueKind.INT),
                        Menus.readOnly("l2mtu", ValueKind.INT), Menus.readOnly("max-l2mtu", ValueKind.INT),
                        p("mac-address", ValueKind.MAC), p("comment", ValueKind.STRING))
                .build();
    }

    private static Row ifRow(int n, String name, String type, String mtu, String l2mtu, String mac, String comment) {
        var v = map("name", name, "type", type, "actual-mtu", mtu, "mac-address", mac);
        if (l2mtu != null) v.put("l2mtu", l2mtu);
        if (comment != null) v.put("comment", comment);
        return new Row(n, "*" + (n + 1), v, "R", comment);
    }

    /** v7 capture on CHR: numeric columns right-aligned, empty MAX-L2MTU left out, comments on their own line. */
    @Test
    void interfaceTableRightAlignsNumbersAndDropsEmptyColumns() {
        List<Row> rows = List.of(
                ifRow(0, "ether1", "ether", "1500", null, "0C:00:6E:34:39:00", null),
                ifRow(1, "ether2", "ether", "1500", null, "AA:C1:AB:74:86:8D", "TO-D1C"),
                ifRow(2, "ether3", "ether", "1500", null, "AA:C1:AB:61:9F:7E", "TO-D2B"),
                ifRow(3, "VRF1", "vrf", "65536", null, "0E:7F:39:6E:7D:E4", null),
                ifRow(4, "lo", "loopback", "65536", null, "00:00:00:00:00:00", null),
                ifRow(5, "lo0", "bridge", "1500", "65535", "1A:AC:0E:0B:1D:89", "Loopback0"));
        assertEquals(lines(
                "Flags: R - RUNNING",
                "Columns: NAME, TYPE, ACTUAL-MTU, L2MTU, MAC-ADDRESS",
                "#   NAME    TYPE      ACTUAL-MTU  L2MTU  MAC-ADDRESS      ",
                "0 R ether1  ether           1500         0C:00:6E:34:39:00",
                ";;; TO-D1C",
                "1 R ether2  ether           1500         AA:C1:AB:74:86:8D",
                ";;; TO-D2B",
                "2 R ether3  ether           1500         AA:C1:AB:61:9F:7E",
                "3 R VRF1    vrf            65536         0E:7F:39:6E:7D:E4",
                "4 R lo      loopback       65536         00:00:00:00:00:00",
                ";;; Loopback0",
                "5 R lo0     bridge          1500  65535  1A:AC:0E:0B:1D:89"), print(iface(), rows, PrintOptions.DEFAULTS));
    }

    @Test
    void twoDigitNumbersRightAlignUnderTheHash() {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) rows.add(new Row(i, "*" + i, map("name", "e" + i, "type", "ether", "actual-mtu", "1500"), "", null));
        String out = print(iface(), rows, PrintOptions.DEFAULTS);
        assertTrue(out.contains("\n # NAME  TYPE   ACTUAL-MTU\n 0 e0    ether        1500\n"), out);
        assertTrue(out.contains("\n10 e10   ether        1500\n"), out);
    }

    @Test
    void emptyTablePrintsItsColumnsLine() {
        assertEquals("Columns: ADDRESS, NETWORK, INTERFACE, VRF\n", print(ipAddress(), List.of(), PrintOptions.DEFAULTS));
    }

    @Test
    void listValuesTakeOneLinePerElementInATable() {
        Menu net = Menus.list("ip dhcp-server network").columns("address", "gateway", "dns-server")
                .prop(p("address", ValueKind.IP_PREFIX), p("gateway", ValueKind.IP), Menus.listOf("dns-server", ValueKind.IP, null))
                .build();
        List<Row> rows = List.of(new Row(0, "*1",
                map("address", "192.168.2.0/24", "gateway", "192.168.2.1", "dns-server", "192.168.2.1,1.1.1.1,8.8.8.8"), "", "defconf"));
        assertEquals(lines(
                "Columns: ADDRESS, GATEWAY, DNS-SERVER",
                "# ADDRESS         GATEWAY      DNS-SERVER ",
                ";;; defconf",
                "0 192.168.2.0/24  192.168.2.1  192.168.2.1",
                "                               1.1.1.1    ",
                "                               8.8.8.8    "), print(net, rows, PrintOptions.DEFAULTS));
    }

    @Test
    void narrowTerminalCutsHeadersThenWrapsValues() {
        Menu bt = Menus.list("iot bluetooth").columns("name", "public-address", "random-static-address", "antenna")
                .prop(p("name", ValueKind.STRING), p("public-address", ValueKind.MAC), p("random-static-address", ValueKind.MAC),
                        p("antenna", ValueKind.STRING))
                .build();
        List<Row> rows = List.of(new Row(0, "*1", map("name", "bt1", "public-address", "00:00:00:00:00:00",
                "random-static-address", "F4:4E:E8:04:77:3A", "antenna", "internal"), "", null));
        assertEquals(lines(
                "Columns: NAME, PUBLIC-ADDRESS, RANDOM-STATIC-ADDRESS, ANTENNA",
                "# NAM  PUBLIC-ADDRESS     RANDOM-STATIC-ADD  ANTENNA ",
                "0 bt1  00:00:00:00:00:00  F4:4E:E8:04:77:3A  internal"),
                print(bt, rows, PrintOptions.builder().width(55).build()));
        String narrow = print(bt, rows, PrintOptions.builder().width(40).build());
        for (String l : narrow.split("\n")) assertTrue(l.length() <= 40 || l.startsWith("Columns:"), l);
        assertTrue(narrow.contains("\n0 bt1  00:00:00:0  F4:4E:E8:04  internal\n       0:00:00     :77:3A               \n"), narrow);
    }

    private static Menu filter() {
        return Menus.list("ip firewall filter").layout(PrintLayout.RULES).columns("chain", "action")
                .flag("X", "disabled").flag("I", "invalid").flag("D", "dynamic")
                .prop(Menus.named("chain", "input", "forward", "output"), p("action", ValueKind.ENUM),
                        p("protocol", ValueKind.PROTOCOL), p("src-address", ValueKind.ADDRESS_MATCH),
                        p("dst-address", ValueKind.ADDRESS_MATCH), p("dst-port", ValueKind.PORT),
                        p("to-addresses", ValueKind.ADDRESS_MATCH), p("to-ports", ValueKind.PORT),
                        p("out-interface", ValueKind.INTERFACE), p("hw-offload", ValueKind.BOOL),
                        Menus.named("packet-mark", "no-mark"), p("dscp", ValueKind.INT), p("log", ValueKind.BOOL, "no"),
                        p("log-prefix", ValueKind.STRING, ""), p("comment", ValueKind.STRING), p("disabled", ValueKind.BOOL, "no"),
                        Menus.readOnly("bytes", ValueKind.INT), Menus.readOnly("packets", ValueKind.INT))
                .build();
    }

    /** v7 capture: {@code ip firewall/filter/print} (rule blocks, wrapped at 80, blank line after each). */
    @Test
    void ruleBlocks() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("chain", "forward", "action", "passthrough"), "D", "special dummy rule to show fasttrack counters"),
                new Row(1, "*2", map("chain", "output", "action", "drop", "protocol", "icmp", "src-address", "10.0.0.1",
                        "out-interface", "ether3", "log", "no", "log-prefix", "", "disabled", "no"), "", null),
                new Row(2, "*3", map("chain", "input", "action", "fasttrack-connection", "hw-offload", "yes", "protocol", "udp",
                        "src-address", "172.16.0.32", "packet-mark", "TV", "dscp", "56", "log", "no", "log-prefix", ""), "", null));
        assertEquals(lines(
                "Flags: X - disabled, I - invalid; D - dynamic ",
                " 0  D ;;; special dummy rule to show fasttrack counters",
                "      chain=forward action=passthrough ",
                "",
                " 1    chain=output action=drop protocol=icmp src-address=10.0.0.1 ",
                "      out-interface=ether3 log=no log-prefix=\"\" ",
                "",
                " 2    chain=input action=fasttrack-connection hw-offload=yes protocol=udp ",
                "      src-address=172.16.0.32 packet-mark=TV dscp=56 log=no log-prefix=\"\" ",
                ""), print(filter(), rows, PrintOptions.DEFAULTS));
    }

    /** v7 capture: a line of exactly 80 columns, trailing space included, is not wrapped. */
    @Test
    void ruleLineOfExactlyEightyColumnsStays() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("chain", "dstnat", "action", "dst-nat", "to-addresses", "192.168.1.100", "to-ports", "80",
                        "protocol", "tcp", "dst-address", "1.2.3.4", "dst-port", "80"), "", null),
                new Row(1, "*2", map("chain", "srcnat", "action", "src-nat", "to-addresses", "1.2.3.4", "src-address", "192.168.1.50"), "", null));
        assertEquals(lines(
                "Flags: X - disabled, I - invalid; D - dynamic ",
                " 0    chain=dstnat action=dst-nat to-addresses=192.168.1.100 to-ports=80 ",
                "      protocol=tcp dst-address=1.2.3.4 dst-port=80 ",
                "",
                " 1    chain=srcnat action=src-nat to-addresses=1.2.3.4 src-address=192.168.1.50 ",
                ""), print(filter(), rows, PrintOptions.DEFAULTS));
    }

    @Test
    void emptyRuleMenuStillPrintsItsFlags() {
        assertEquals("Flags: X - disabled, I - invalid; D - dynamic \n", print(filter(), List.of(), PrintOptions.DEFAULTS));
    }

    @Test
    void rulesWithTwoDigitNumbers() {
        List<Row> rows = List.of(
                new Row(9, "*A", map("chain", "input", "action", "accept"), "", null),
                new Row(13, "*E", map("chain", "forward", "action", "fasttrack-connection"), "X", "defconf: fasttrack"));
        assertEquals(lines(
                "Flags: X - disabled, I - invalid; D - dynamic ",
                " 9    chain=input action=accept ",
                "",
                "13 X  ;;; defconf: fasttrack",
                "      chain=forward action=fasttrack-connection ",
                ""), print(filter(), rows, PrintOptions.DEFAULTS));
    }

    @Test
    void statsIsATableWithGroupedCounters() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("chain", "forward", "action", "passthrough", "bytes", "50507925242", "packets", "50048246"), "D",
                        "special dummy rule to show fasttrack counters"),
                new Row(1, "*2", map("chain", "input", "action", "drop", "bytes", "125943", "packets", "2434"), "", null));
        assertEquals(lines(
                "Flags: D - DYNAMIC",
                "Columns: CHAIN, ACTION, BYTES, PACKETS",
                "#   CHAIN    ACTION                BYTES     PACKETS",
                ";;; special dummy rule to show fasttrack counters",
                "0 D forward  passthrough  50 507 925 242  50 048 246",
                "1   input    drop                125 943       2 434"),
                print(filter(), rows, PrintOptions.builder().stats(true).build()));
    }

    /** Detail of a table menu: every value, strings quoted, wrapped at the indent. */
    @Test
    void detailOfATableMenu() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("address", "192.168.88.1/24", "network", "192.168.88.0", "interface", "bridge",
                        "actual-interface", "bridge", "comment", "defconf", "disabled", "no"), "", "defconf"),
                new Row(1, "*2", map("address", "10.0.2.15/24", "network", "10.0.2.0", "interface", "ether1",
                        "actual-interface", "ether1"), "D", null));
        assertEquals(lines(
                "Flags: X - disabled, I - invalid; D - dynamic; S - slave ",
                " 0     ;;; defconf",
                "       address=192.168.88.1/24 network=192.168.88.0 interface=bridge ",
                "       actual-interface=bridge ",
                "",
                " 1  D  address=10.0.2.15/24 network=10.0.2.0 interface=ether1 ",
                "       actual-interface=ether1 ",
                ""), print(ipAddress(), rows, PrintOptions.DEFAULTS.withForm(Form.DETAIL)));
    }

    private static Menu peer() {
        return Menus.list("ip ipsec peer").layout(PrintLayout.RULES).columns("name", "address", "profile")
                .flag("X", "disabled").flag("D", "dynamic").flag("R", "responder", "passive")
                .prop(p("name", ValueKind.STRING), p("address", ValueKind.IP_PREFIX), p("profile", ValueKind.REF, "default"),
                        p("exchange-mode", ValueKind.ENUM, "main"), p("passive", ValueKind.BOOL, "no"), Menus.sensitive("secret"))
                .build();
    }

    @Test
    void sensitiveValuesAreHiddenUnlessAllowed() {
        List<Row> rows = List.of(new Row(0, "*1",
                map("name", "peer1", "address", "1.1.1.61/32", "profile", "default", "exchange-mode", "main", "passive", "no",
                        "secret", "s3cret"), "", null));
        String hidden = print(peer(), rows, PrintOptions.DEFAULTS);
        assertEquals(lines(
                "Flags: X - disabled; D - dynamic; R - responder ",
                " 0     name=\"peer1\" address=1.1.1.61/32 profile=default exchange-mode=main ",
                "       passive=no ",
                ""), hidden);
        String shown = print(peer(), rows, PrintOptions.builder().showSensitive(true).build());
        assertTrue(shown.contains("secret=\"s3cret\""), shown);
        assertFalse(print(peer(), rows, PrintOptions.DEFAULTS.withForm(Form.TERSE)).contains("s3cret"));
        assertFalse(print(peer(), rows, PrintOptions.DEFAULTS.withForm(Form.AS_VALUE)).contains("s3cret"));
    }

    /** v7 captures: {@code /system identity print}, {@code /system resource print} (values padded). */
    @Test
    void settingsAlignOnTheColon() {
        Menu identity = Menus.singleton("system identity").prop(p("name", ValueKind.STRING, "MikroTik")).build();
        assertEquals("  name: MikroTik\n",
                print(identity, List.of(new Row(-1, null, map("name", "MikroTik"), "", null)), PrintOptions.DEFAULTS));

        Menu resource = Menus.singleton("system resource").build();
        Row r = new Row(-1, null, map("uptime", "14h44m47s", "version", "7.20.7 (long-term)", "build-time", "2026-01-08 09:40:00",
                "factory-software", "6.42.3", "write-sect-since-reboot", "169", "board-name", "hAP ac^2"), "", null);
        assertEquals(lines(
                "                   uptime: 14h44m47s          ",
                "                  version: 7.20.7 (long-term) ",
                "               build-time: 2026-01-08 09:40:00",
                "         factory-software: 6.42.3             ",
                "  write-sect-since-reboot: 169                ",
                "               board-name: hAP ac^2           "), print(resource, List.of(r), PrintOptions.DEFAULTS));
        assertEquals(lines("  version: 7.20.7 (long-term)"),
                print(resource, List.of(r), PrintOptions.builder().proplist(List.of("version")).build()));
    }

    /** Terse as a v7 router writes it (capture from /caps-man/access-list): values bare, comment first. */
    @Test
    void terse() {
        Menu acl = Menus.list("caps-man access-list").columns("interface")
                .prop(p("comment", ValueKind.STRING), p("interface", ValueKind.INTERFACE), p("signal-range", ValueKind.STRING),
                        p("action", ValueKind.ENUM))
                .build();
        Row r = new Row(8, "*9", map("interface", "*92", "signal-range", "-75..0", "action", "accept"), "",
                "1FL-Meeting-room-5G: accept > -75dBm");
        assertEquals(" 8 comment=1FL-Meeting-room-5G: accept > -75dBm interface=*92 signal-range=-75..0 action=accept\n",
                print(acl, List.of(r), PrintOptions.DEFAULTS.withForm(Form.TERSE)));

        Row d = new Row(0, "*1", map("address", "192.168.0.19/24", "network", "192.168.0.0", "interface", "ether1",
                "actual-interface", "ether1"), "D", null);
        assertEquals(" 0 D address=192.168.0.19/24 network=192.168.0.0 interface=ether1 actual-interface=ether1\n",
                print(ipAddress(), List.of(d), PrintOptions.DEFAULTS.withForm(Form.TERSE)));
    }

    @Test
    void asValueIsTheScriptArrayOneItemPerLine() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("address", "10.0.0.1/24", "network", "10.0.0.0", "interface", "ether1", "disabled", "no"), "", null),
                new Row(1, "*2", map("address", "10.0.1.1/24", "network", "10.0.1.0", "interface", "ether2", "disabled", "yes"), "X", "lab"));
        assertEquals(lines(
                ".id=*1;address=10.0.0.1/24;disabled=false;interface=ether1;network=10.0.0.0",
                ".id=*2;address=10.0.1.1/24;comment=lab;disabled=true;interface=ether2;network=10.0.1.0"),
                print(ipAddress(), rows, PrintOptions.DEFAULTS.withForm(Form.AS_VALUE)));
        assertEquals(".id=*1;address=10.0.0.1/24",
                String.join(";", Printer.asValue(ipAddress(), rows.get(0),
                        PrintOptions.builder().proplist(List.of("address")).build()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    @Test
    void countOnly() {
        List<Row> rows = List.of(new Row(0, "*1", map(), "", null), new Row(1, "*2", map(), "", null));
        assertEquals("2\n", print(ipAddress(), rows, PrintOptions.DEFAULTS.withForm(Form.COUNT_ONLY)));
        assertEquals("0\n", print(ipAddress(), List.of(), PrintOptions.DEFAULTS.withForm(Form.COUNT_ONLY)));
    }

    @Test
    void briefOfARuleMenuIsATable() {
        List<Row> rows = List.of(new Row(0, "*1", map("chain", "input", "action", "accept", "protocol", "icmp"), "", "defconf: accept ICMP"));
        assertEquals(lines(
                "Columns: CHAIN, ACTION",
                "# CHAIN  ACTION",
                ";;; defconf: accept ICMP",
                "0 input  accept"), print(filter(), rows, PrintOptions.DEFAULTS.withForm(Form.BRIEF)));
    }

    @Test
    void proplistChoosesTheTableColumns() {
        List<Row> rows = List.of(new Row(0, "*1", map("address", "10.0.0.1/24", "network", "10.0.0.0", "interface", "ether1"), "", null));
        assertEquals(lines(
                "Columns: INTERFACE, ADDRESS",
                "# INTERFACE  ADDRESS    ",
                "0 ether1     10.0.0.1/24"),
                print(ipAddress(), rows, PrintOptions.builder().proplist(List.of("interface", "address")).build()));
    }

    @Test
    void valueList() {
        List<Row> rows = List.of(
                new Row(0, "*1", map("address", "10.0.0.1/24", "interface", "ether1"), "", null),
                new Row(1, "*2", map("address", "192.168.88.1/24", "interface", "bridge"), "", null));
        assertEquals(lines(
                "    address: 10.0.0.1/24 192.168.88.1/24",
                "  interface: ether1      bridge"), print(ipAddress(), rows, PrintOptions.DEFAULTS.withForm(Form.VALUE_LIST)));
    }

    @Test
    void appendableOverloadWritesTheSameText() {
        StringBuilder sb = new StringBuilder();
        List<Row> rows = List.of(new Row(0, "*1", map("address", "10.0.0.1/24"), "", null));
        printer.print(ipAddress(), rows, PrintOptions.DEFAULTS, sb);
        assertEquals(print(ipAddress(), rows, PrintOptions.DEFAULTS), sb.toString());
    }
}
