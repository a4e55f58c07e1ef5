package rose.appliance.dataplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Durations;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.Schema;
import rose.dataplane.config.AddressConfig;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.Prefix;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouteType;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.RuleSpec;
import rose.dataplane.firewall.RuleSpecParser;
import rose.dataplane.firewall.Table;
import rose.dataplane.l2.Ethernet;

/**
 * One configuration snapshot turned into the dataplane's immutable inputs: interfaces,
 * addresses, routes and static ARP as a {@link RouterConfig}; each firewall table's rules as
 * {@link RuleSpec}s (effective values through {@link RuleSpecParser}); configured address-list
 * entries; layer7 protocols by name. Items that cannot be compiled (an address on a missing interface, a rule with a
 * property the dataplane does not implement) are left out and reported in {@link #problems}.
 */
public final class ConfigCompiler {
    /** A configured address-list entry. */
    public record ListEntry(String list, String address, Duration timeout) {}

    /** What one snapshot compiles to. */
    public record Compiled(InterfaceNames interfaces, RouterConfig router, Map<Table, List<RuleSpec>> rules,
                           List<ListEntry> addressLists, Map<String, String> layer7, ServicePorts servicePorts,
                           ConnTrackingConfig tracking, List<String> problems) {}

    static final Map<Table, String> MENUS = Map.of(Table.FILTER, "ip firewall filter", Table.NAT, "ip firewall nat",
            Table.MANGLE, "ip firewall mangle", Table.RAW, "ip firewall raw");

    private final Schema schema;

    public ConfigCompiler(Schema schema) { this.schema = schema; }

    public Compiled compile(ConfigState st, ToIntFunction<String> interfaceId) { return compile(st, interfaceId, v -> 1500); }

    /** As {@link #compile(ConfigState, ToIntFunction)}; {@code ipsecMtu} gives an {@code /interface ipsec}'s actual-mtu from its values. */
    public Compiled compile(ConfigState st, ToIntFunction<String> interfaceId, ToIntFunction<Map<String, String>> ipsecMtu) {
        return compile(st, interfaceId, ipsecMtu, List.of());
    }

    /** As above, with the dynamic entries of mode-config clients ({@link DynamicEntries}). */
    Compiled compile(ConfigState st, ToIntFunction<String> interfaceId, ToIntFunction<Map<String, String>> ipsecMtu, List<DynamicEntries> dynamic) {
        List<String> problems = new ArrayList<>();
        InterfaceNames ifs = InterfaceNames.of(schema, st, interfaceId);
        RouterConfig.Builder b = RouterConfig.builder();
        for (InterfaceNames.Port p : ifs.ports()) b.iface(InterfaceConfig.of(p.name()).withMtu(p.mtu()).withDisabled(p.disabled()));
        for (InterfaceNames.IpsecInterface t : ifs.ipsecInterfaces())
            b.iface(InterfaceConfig.of(t.name()).withMtu(ipsecMtu.applyAsInt(t.values())).withDisabled(t.disabled()));
        for (Map<String, String> v : values("ip address", st)) {
            if (yes(v.get("disabled")) || !ifs.exists(v.get("interface"))) continue;
            try {
                b.address(v.get("interface"), v.get("address"));
            } catch (IllegalArgumentException e) {
                problems.add("ip address " + v.get("address") + ": " + e.getMessage());
            }
        }
        for (DynamicEntries d : dynamic) {
            if (d.address() == null || !ifs.exists(d.iface())) continue;
            try {
                b.address(d.iface(), d.address());
            } catch (IllegalArgumentException e) {
                problems.add("dynamic address " + d.address() + ": " + e.getMessage());
            }
        }
        Set<String> tables = new LinkedHashSet<>();
        for (Map<String, String> v : values("ip route", st)) {
            if (yes(v.get("disabled"))) continue;
            try {
                RouteConfig r = route(v);
                if (r == null) continue;
                if (!RouterConfig.MAIN.equals(r.routingTable())) tables.add(r.routingTable());
                b.route(r);
            } catch (IllegalArgumentException e) {
                problems.add("ip route " + v.get("dst-address") + ": " + e.getMessage());
            }
        }
        for (Map<String, String> v : values("ip firewall mangle", st)) {
            String t = v.get("new-routing-mark");
            if (t != null && !t.isEmpty() && !RouterConfig.MAIN.equals(t)) tables.add(t);
        }
        tables.forEach(b::table);
        for (Map<String, String> v : values("ip arp", st)) {
            if (yes(v.get("disabled")) || v.get("mac-address") == null || !ifs.exists(v.get("interface"))) continue;
            try {
                b.arp(new ArpConfig(v.get("interface"), Ip4Address.parse(v.get("address")), Ethernet.parse(v.get("mac-address"))));
            } catch (IllegalArgumentException e) {
                problems.add("ip arp " + v.get("address") + ": " + e.getMessage());
            }
        }
        Map<Table, List<RuleSpec>> rules = new EnumMap<>(Table.class);
        for (Map.Entry<Table, String> t : MENUS.entrySet()) rules.put(t.getKey(), rules(t.getValue(), st, problems));
        if (!dynamic.isEmpty()) {
            List<RuleSpec> nat = new ArrayList<>();
            long id = DynamicEntries.FIRST_RULE_ID;
            for (DynamicEntries d : dynamic) {
                for (Map<String, String> r : d.natRules()) {
                    try {
                        nat.add(RuleSpecParser.parse(id++, r));
                    } catch (RuntimeException e) {
                        problems.add("dynamic nat rule " + r + ": " + e.getMessage());
                    }
                }
            }
            nat.addAll(rules.get(Table.NAT));
            rules.put(Table.NAT, nat);
        }
        List<ListEntry> lists = new ArrayList<>();
        for (Map<String, String> v : values("ip firewall address-list", st)) {
            if (yes(v.get("disabled"))) continue;
            String timeout = v.get("timeout");
            lists.add(new ListEntry(v.get("list"), v.get("address"), timeout == null || timeout.isEmpty() ? null : Duration.ofNanos(Durations.parseMicros(timeout) * 1000)));
        }
        Map<String, String> layer7 = new LinkedHashMap<>();
        for (Map<String, String> v : values("ip firewall layer7-protocol", st)) {
            if (v.get("name") != null && v.get("regexp") != null) layer7.put(v.get("name"), v.get("regexp"));
        }
        ServicePorts helpers = ServicePortsConfig.compile(values(ServicePortsConfig.MENU, st), problems);
        boolean natRules = rules.get(Table.NAT).stream().anyMatch(r -> !r.disabled);
        ConnTrackingConfig tracking = ConnTrackingConfig.compile(values(ConnTrackingConfig.MENU, st), natRules, problems);
        return new Compiled(ifs, b.build(), rules, lists, layer7, helpers, tracking, problems);
    }

    /** {@code gateway} is an address, an interface, {@code address%interface}, or a list (ECMP: the first is used). */
    static RouteConfig route(Map<String, String> v) {
        Prefix dst = Prefix.parse(v.getOrDefault("dst-address", "0.0.0.0/0"));
        int distance = InterfaceNames.parseInt(v.get("distance"), 1);
        String table = v.getOrDefault("routing-table", RouterConfig.MAIN);
        if (yes(v.get("blackhole"))) return new RouteConfig(dst, 0, null, distance, table, RouteType.BLACKHOLE, false);
        String gw = v.get("gateway");
        if (gw == null || gw.isEmpty()) return null;
        gw = gw.split(",")[0].trim();
        int gateway = 0;
        String iface = null;
        int pct = gw.indexOf('%');
        if (pct >= 0) {
            gateway = Ip4Address.parse(gw.substring(0, pct));
            iface = gw.substring(pct + 1);
        } else if (gw.matches("[0-9.]+")) {
            gateway = Ip4Address.parse(gw);
        } else {
            iface = gw;
        }
        return new RouteConfig(dst, gateway, iface, distance, table, RouteType.UNICAST, false);
    }

    private List<RuleSpec> rules(String path, ConfigState st, List<String> problems) {
        Menu m = schema.require(path);
        List<RuleSpec> out = new ArrayList<>();
        for (Item it : st.items(path)) {
            Map<String, String> v = ruleWords(m, Effective.values(m, it));
            try {
                out.add(RuleSpecParser.parse(it.id(), v));
            } catch (RuntimeException e) {
                problems.add(path + " " + it.idText() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The item's settable values, as RuleSpecParser reads them (read-only counters and empty values left out). */
    static Map<String, String> ruleWords(Menu m, Map<String, String> effective) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : effective.entrySet()) {
            Property p = m.properties().get(e.getKey());
            if (p == null || p.readOnly()) continue;
            if (e.getValue().isEmpty() && !e.getKey().equals("log-prefix") && !e.getKey().equals("comment")) continue;
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private List<Map<String, String>> values(String path, ConfigState st) {
        Menu m = schema.require(path);
        List<Map<String, String>> out = new ArrayList<>();
        for (Item it : st.items(path)) out.add(Effective.values(m, it));
        return out;
    }

    static boolean yes(String v) { return "yes".equals(v) || "true".equals(v); }
}
