package rose.appliance.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import rose.cli.RouterOs;
import rose.cli.db.Item;
import rose.cli.schema.Durations;
import rose.cli.status.StatusSource;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.conntrack.ConnEntry;
import rose.dataplane.fib.RouteView;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.firewall.RuleCounters;
import rose.dataplane.firewall.Table;
import rose.dataplane.l2.ArpEntryView;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.PortStats;

/**
 * Read-only views of one router's dataplane for the menus that show live state: rule
 * counters ({@code print stats}, {@code reset-counters}), {@code /ip firewall connection},
 * {@code /ip route} (connected routes and the active flag from the FIB), {@code /ip arp},
 * {@code /interface} (running, counters) and {@code /tool sniffer}. Allocation is fine here.
 */
final class LiveStatus implements StatusSource {
    static final List<String> MENUS = List.of("ip firewall filter", "ip firewall nat", "ip firewall mangle",
            "ip firewall raw", "ip firewall connection", "ip firewall connection tracking", "ip route", "ip arp", "interface", "interface ethernet",
            "tool sniffer", "interface gre", "interface ipip", "interface ipsec", "ip firewall address-list", "ip address",
            "tool traffic-generator", "tool traffic-generator stats stream", "tool traffic-generator stats port");
    /** Tunnel menus whose actual-mtu follows the path ({@link TunnelMtu}). */
    private static final List<String> TUNNELS = List.of("interface gre", "interface ipip", "interface ipsec");

    private final RouterDataplane dp;
    private final Sniffer sniffer;
    private final TrafficGenerator trafficGen;

    LiveStatus(RouterDataplane dp) {
        this.dp = dp;
        this.sniffer = new Sniffer(dp);
        this.trafficGen = new TrafficGenerator(dp, () -> allInterfaceNames("interface"));
    }

    private static Table table(String menu) {
        for (Map.Entry<Table, String> e : ConfigCompiler.MENUS.entrySet()) if (e.getValue().equals(menu)) return e.getKey();
        return null;
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        if (menuPath.equals("ip firewall connection")) return connections();
        if (menuPath.equals("tool traffic-generator stats stream")) return trafficGen.streamStats();
        if (menuPath.equals("tool traffic-generator stats port")) return trafficGen.portStats();
        return List.of();
    }

    /** What the table is doing now: whether it tracks (auto follows the rules), how full it is, how large. */
    private Map<String, String> tracking() {
        var t = dp.firewall().connTable();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("active-ipv4", t.tracking() ? "yes" : "no");
        r.put("total-entries", Integer.toString(t.size()));
        r.put("max-entries", Integer.toString(dp.sizes().maxConnections()));
        return r;
    }

    @Override
    public Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        Table t = table(menuPath);
        if (t != null) {
            RuleCounters c = dp.firewall().counters(t);
            long rule = Item.parseId(id);
            return Map.of("bytes", Long.toString(c.bytes(rule)), "packets", Long.toString(c.packets(rule)));
        }
        switch (menuPath) {
            case "ip route": return route(values);
            case "interface": return withTunnelMtu(iface(values.get("name")), id);
            case "interface ethernet": return iface(values.get("name"));
            case "interface gre": case "interface ipip": case "interface ipsec": {
                Map<String, String> r = new LinkedHashMap<>(iface(values.get("name")));
                String mtu = ros() == null ? null : TunnelMtu.actualMtu(menuPath, values, ros().db().state(), ros().schema(), dp.router());
                if (mtu != null) r.put("actual-mtu", mtu);
                return r;
            }
            case "tool sniffer": return Map.of("running", sniffer.running() ? "yes" : "no");
            case "ip firewall connection tracking": return tracking();
            case "tool traffic-generator": return Map.of("running", trafficGen.running() ? "yes" : "no");
            case "ip firewall address-list": return remainingTimeout(values);
            default: return Map.of();
        }
    }

    @Override
    public List<Map<String, String>> dynamicRows(String menuPath) {
        if (menuPath.equals("ip route")) return connectedRoutes();
        if (menuPath.equals("ip arp")) return arp();
        if (menuPath.equals("ip firewall address-list")) return firewallAddedEntries();
        if (menuPath.equals("ip address")) return dynamicAddresses();
        if (menuPath.equals("ip firewall nat")) return dynamicNat();
        return List.of();
    }

    /** Addresses mode-config clients received (D), on the interface towards their peer. */
    private List<Map<String, String>> dynamicAddresses() {
        List<Map<String, String>> out = new ArrayList<>();
        for (DynamicEntries d : dp.dynamicEntries()) {
            if (d.address() == null) continue;
            Map<String, String> r = new LinkedHashMap<>();
            String a = d.address();
            r.put("address", a);
            r.put("network", rose.dataplane.config.Prefix.parse(a).toString().replaceAll("/.*", ""));
            r.put("interface", d.iface());
            r.put("actual-interface", d.iface());
            out.add(r);
        }
        return out;
    }

    /** The src-nat rules of mode-config clients (D, {@code ;;; ipsec mode-config}). */
    private List<Map<String, String>> dynamicNat() {
        List<Map<String, String>> out = new ArrayList<>();
        for (DynamicEntries d : dp.dynamicEntries()) for (Map<String, String> rule : d.natRules()) out.add(new LinkedHashMap<>(rule));
        return out;
    }

    @Override
    public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        if (menuPath.equals("interface") && command.equals("monitor-traffic")) {
            List<String> names = interfaceNames(menuPath, args.getOrDefault("numbers", ""));
            if (names.isEmpty()) throw new IllegalArgumentException("missing value(s) of argument(s) interface");
            try {
                new MonitorTraffic(dp).run(names, args, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        }
        if (menuPath.equals("tool traffic-generator")) return trafficGen.command(command, args, out);
        return command(menuPath, command, args);
    }

    @Override
    public boolean command(String menuPath, String command, Map<String, String> args) {
        if (menuPath.equals("tool traffic-generator") && !command.equals("quick")) return trafficGen.command(command, args, new StringBuilder());
        if ((menuPath.equals("interface") || menuPath.equals("interface ethernet")) && command.equals("reset-counters")) {
            // no numbers: every interface, as RouterOS's /interface reset-counters does
            String numbers = args.getOrDefault("numbers", "");
            List<String> names = numbers.isEmpty() ? allInterfaceNames(menuPath) : interfaceNames(menuPath, numbers);
            for (String n : names) dp.router().resetStats(n);
            return true;
        }
        Table t = table(menuPath);
        if (t != null && command.equals("reset-counters-all")) {
            dp.firewall().counters(t).resetAll();
            return true;
        }
        if (t != null && command.equals("reset-counters")) {
            String numbers = args.getOrDefault("numbers", "");
            for (String id : numbers.split(",")) if (!id.isEmpty()) dp.firewall().counters(t).reset(Item.parseId(id));
            return true;
        }
        if (menuPath.equals("tool sniffer")) return sniffer.command(command, args);
        return false;
    }

    // ---- /ip firewall connection -----------------------------------------------------------

    private List<Map<String, String>> connections() {
        List<Map<String, String>> out = new ArrayList<>();
        int n = 0;
        for (ConnEntry e : dp.firewall().connTable().snapshot(dp.time().nanos(), dp.firewall().marks())) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put(".id", "*" + Integer.toHexString(++n).toUpperCase(Locale.ROOT));
            boolean ports = Protocols.hasPorts(e.protocol());
            r.put("protocol", protocolName(e.protocol()));
            r.put("src-address", endpoint(e.srcAddress(), e.srcPort(), ports));
            r.put("dst-address", endpoint(e.dstAddress(), e.dstPort(), ports));
            r.put("reply-src-address", endpoint(e.replySrcAddress(), e.replySrcPort(), ports));
            r.put("reply-dst-address", endpoint(e.replyDstAddress(), e.replyDstPort(), ports));
            if (ports) {
                r.put("src-port", Integer.toString(e.srcPort()));
                r.put("dst-port", Integer.toString(e.dstPort()));
            }
            if (e.protocol() == Protocols.ICMP) r.put("icmp-id", Integer.toString(e.srcPort()));
            if (e.tcpState() != null) r.put("tcp-state", e.tcpState());
            long secs = Math.max(0, e.timeout().toSeconds());
            r.put("timeout", Durations.format(secs * 1_000_000L));
            if (!e.connectionMark().isEmpty()) r.put("connection-mark", e.connectionMark());
            if (!e.connectionType().isEmpty()) r.put("connection-type", e.connectionType());
            r.put("orig-packets", Long.toString(e.origPackets()));
            r.put("orig-bytes", Long.toString(e.origBytes()));
            r.put("repl-packets", Long.toString(e.replPackets()));
            r.put("repl-bytes", Long.toString(e.replBytes()));
            r.put("orig-rate", "0bps");
            r.put("repl-rate", "0bps");
            r.put("expected", yes(e.expected()));
            r.put("seen-reply", yes(e.seenReply()));
            r.put("assured", yes(e.assured()));
            r.put("confirmed", yes(e.confirmed()));
            r.put("dying", yes(e.dying()));
            r.put("fasttrack", yes(e.fasttrack()));
            r.put("srcnat", yes(e.srcnat()));
            r.put("dstnat", yes(e.dstnat()));
            r.put("uses-helper", yes(e.usesHelper()));
            if (!e.natStateNames().isEmpty()) r.put("connection-nat-state", e.natStateNames());
            out.add(r);
        }
        return out;
    }

    private static String protocolName(int p) {
        switch (p) {
            case Protocols.ICMP: return "icmp";
            case Protocols.TCP: return "tcp";
            case Protocols.UDP: return "udp";
            case Protocols.GRE: return "gre";
            case Protocols.ESP: return "ipsec-esp";
            case Protocols.AH: return "ipsec-ah";
            default: return Integer.toString(p);
        }
    }

    private static String endpoint(int addr, int port, boolean ports) {
        return Ip4Address.format(addr) + (ports ? ":" + port : "");
    }

    private static String yes(boolean b) { return b ? "yes" : "no"; }

    // ---- /ip firewall address-list --------------------------------------------------------------

    private static final java.time.format.DateTimeFormatter CREATION =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /** Entries add-src/dst-to-address-list put there: flag D, the time they have left, never stored. */
    private List<Map<String, String>> firewallAddedEntries() {
        List<Map<String, String>> out = new ArrayList<>();
        for (rose.dataplane.firewall.AddressList.Entry e : dp.firewall().addressLists().snapshot()) {
            if (e.configured()) continue;
            Map<String, String> r = new LinkedHashMap<>();
            r.put("list", e.list());
            r.put("address", e.address().toString());
            r.put("creation-time", CREATION.format(java.time.Instant.ofEpochMilli(e.creationMillis())));
            if (e.timeout() != null) r.put("timeout", Durations.format(Math.max(1, e.timeout().toSeconds()) * 1_000_000L));
            r.put("dynamic", "yes");
            out.add(r);
        }
        return out;
    }

    /** A configured entry: when the dataplane took it in (creation-time), and with a timeout, the time it has left. */
    private Map<String, String> remainingTimeout(Map<String, String> values) {
        String timeout = values.get("timeout"), list = values.get("list"), address = values.get("address");
        if (list == null || address == null) return Map.of();
        rose.dataplane.firewall.Ipv4Range want;
        try {
            want = rose.dataplane.firewall.Ipv4Range.parse(address);
        } catch (IllegalArgumentException e) {
            return Map.of();                                   // a DNS name: not resolved into the list here
        }
        boolean timed = timeout != null && !timeout.isEmpty();
        for (rose.dataplane.firewall.AddressList.Entry e : dp.firewall().addressLists().snapshot()) {
            if (!e.list().equals(list) || !e.configured() || e.address().first() != want.first()) continue;
            Map<String, String> r = new LinkedHashMap<>();
            r.put("creation-time", CREATION.format(java.time.Instant.ofEpochMilli(e.creationMillis())));
            if (timed && e.timeout() != null) r.put("timeout", Durations.format(Math.max(1, e.timeout().toSeconds()) * 1_000_000L));
            return r;
        }
        return Map.of();
    }

    // ---- /ip route, /ip arp -----------------------------------------------------------------

    private List<Map<String, String>> connectedRoutes() {
        List<Map<String, String>> out = new ArrayList<>();
        for (RouteView v : dp.router().fib().routes()) {
            if (!v.flags().contains("c") || v.flags().contains("l")) continue;
            Map<String, String> r = new LinkedHashMap<>();
            r.put("dst-address", v.dst().toString());
            r.put("gateway", v.iface());
            r.put("distance", Integer.toString(v.distance()));
            r.put("routing-table", v.table());
            r.put("active", yes(v.active()));
            r.put("connect", "yes");
            out.add(r);
        }
        return out;
    }

    private Map<String, String> route(Map<String, String> values) {
        if (ConfigCompiler.yes(values.get("disabled"))) return Map.of("static", "yes");
        RouteConfig want;
        try {
            want = ConfigCompiler.route(values);
        } catch (IllegalArgumentException e) {
            return Map.of("static", "yes", "inactive", "yes");
        }
        if (want == null) return Map.of("static", "yes", "inactive", "yes");
        for (RouteView v : dp.router().fib().routes()) {
            if (!v.flags().contains("s") || !v.dst().equals(want.dst()) || v.distance() != want.distance()
                    || !v.table().equals(want.routingTable()) || v.gateway() != want.gateway()) continue;
            Map<String, String> r = new LinkedHashMap<>();
            r.put("static", "yes");
            r.put("active", yes(v.active()));
            r.put("inactive", yes(!v.active()));
            if (v.iface() != null && want.gateway() != 0) r.put("immediate-gw", Ip4Address.format(want.gateway()) + "%" + v.iface());
            return r;
        }
        return Map.of("static", "yes", "inactive", "yes");
    }

    private List<Map<String, String>> arp() {
        List<Map<String, String>> out = new ArrayList<>();
        for (ArpEntryView e : dp.router().arp()) {
            if (!e.dynamic()) continue;
            Map<String, String> r = new LinkedHashMap<>();
            r.put("address", Ip4Address.format(e.address()));
            if (e.complete()) r.put("mac-address", Ethernet.format(e.mac()).toUpperCase(Locale.ROOT));
            r.put("interface", e.iface());
            r.put("complete", yes(e.complete()));
            r.put("published", "no");
            out.add(r);
        }
        return out;
    }

    // ---- /interface ---------------------------------------------------------------------------

    /** {@code /interface print} of a tunnel: its actual-mtu as its own menu computes it. */
    private Map<String, String> withTunnelMtu(Map<String, String> r, String id) {
        var ros = ros();
        if (ros == null) return r;
        var st = ros.db().state();
        for (String menu : TUNNELS) {
            for (Item it : st.items(menu)) {
                if (!it.idText().equals(id)) continue;
                Map<String, String> v = rose.cli.db.Effective.values(ros.schema().require(menu), it);
                String mtu = TunnelMtu.actualMtu(menu, v, st, ros.schema(), dp.router());
                if (mtu == null) return r;
                Map<String, String> out = new LinkedHashMap<>(r);
                out.put("actual-mtu", mtu);
                return out;
            }
        }
        return r;
    }

    private RouterOs ros() { return dp.ros(); }

    /** The menus whose items {@code menuPath} shows ({@code /interface} is a union of the kinds). */
    private List<String> memberMenus(String menuPath) {
        var m = ros().schema().require(menuPath);
        return m.isUnion() ? m.unionOf() : List.of(menuPath);
    }

    /** Interface names of item ids ({@code *1,*3}) as the menu command was given them. */
    private List<String> interfaceNames(String menuPath, String ids) {
        List<String> out = new ArrayList<>();
        var st = ros().db().state();
        for (String id : ids.split(",")) {
            if (id.isEmpty()) continue;
            for (String menu : memberMenus(menuPath))
                for (Item it : st.items(menu))
                    if (it.idText().equals(id)) out.add(nameOf(menu, it));
        }
        return out;
    }

    private List<String> allInterfaceNames(String menuPath) {
        List<String> out = new ArrayList<>();
        var st = ros().db().state();
        for (String menu : memberMenus(menuPath))
            for (Item it : st.items(menu)) out.add(nameOf(menu, it));
        return out;
    }

    /** An interface's name; a board port never renamed has only its default-name. */
    private String nameOf(String menu, Item it) {
        Map<String, String> v = rose.cli.db.Effective.values(ros().schema().require(menu), it);
        return v.get("name") != null ? v.get("name") : v.get("default-name");
    }

    private Map<String, String> iface(String name) {
        if (name == null) return Map.of();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("running", yes(dp.running().contains(name)));
        PortStats s = dp.router().stats(name);
        r.put("rx-byte", Long.toString(s.rxBytes()));
        r.put("tx-byte", Long.toString(s.txBytes()));
        r.put("rx-packet", Long.toString(s.rxPackets()));
        r.put("tx-packet", Long.toString(s.txPackets()));
        r.put("rx-drop", Long.toString(s.rxDrops()));
        r.put("tx-drop", Long.toString(s.txDrops()));
        r.put("tx-queue-drop", "0");
        r.put("rx-error", "0");
        r.put("tx-error", "0");
        return r;
    }
}
