package rose.appliance.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.schema.Schema;
import rose.dataplane.firewall.InterfaceResolver;

/**
 * The router's interfaces as the firewall compiler resolves them, from one configuration
 * snapshot: RouterOS names to the dataplane's interface ids, and {@code /interface list}
 * membership (the built-in {@code all}, {@code none}, {@code static}, {@code dynamic}, and
 * user lists with their members, {@code include} and {@code exclude}). Immutable.
 */
public final class InterfaceNames implements InterfaceResolver {
    /** An ethernet port as configured: its RouterOS name, board name, MTU and state. */
    public record Port(String name, String defaultName, int mtu, boolean disabled) {}

    /** An {@code /interface ipsec} (route-based tunnel) with its effective values. */
    public record IpsecInterface(String name, boolean disabled, Map<String, String> values) {}

    private final List<Port> ports;
    private final List<IpsecInterface> ipsecInterfaces;
    private final Map<String, Integer> ids;
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final Map<String, int[]> lists = new LinkedHashMap<>();

    private InterfaceNames(List<Port> ports, List<IpsecInterface> ipsec, Map<String, Integer> ids, Map<String, Set<String>> members) {
        this.ports = List.copyOf(ports);
        this.ipsecInterfaces = List.copyOf(ipsec);
        this.ids = Map.copyOf(ids);
        ids.forEach((n, id) -> names.put(id, n));
        members.forEach((list, ms) -> lists.put(list, ms.stream().mapToInt(ids::get).toArray()));
    }

    /** Reads /interface ethernet, /interface ipsec and /interface list (member); {@code idOf} assigns dataplane ids. */
    public static InterfaceNames of(Schema schema, ConfigState st, ToIntFunction<String> idOf) {
        Menu eth = schema.require("interface ethernet");
        List<Port> ports = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Item it : st.items("interface ethernet")) {
            Map<String, String> v = Effective.values(eth, it);
            String name = v.get("name") != null ? v.get("name") : v.get("default-name");   // a port not renamed
            if (name == null) continue;
            int mtu = parseInt(v.get("mtu"), 1500);
            ports.add(new Port(name, v.getOrDefault("default-name", name), mtu, "yes".equals(v.get("disabled"))));
            ids.put(name, idOf.applyAsInt(name));
        }
        List<IpsecInterface> ipsec = new ArrayList<>();
        Menu ipsecMenu = schema.require("interface ipsec");
        for (Item it : st.items("interface ipsec")) {
            Map<String, String> v = Effective.values(ipsecMenu, it);
            String name = v.get("name");
            if (name == null || ids.containsKey(name)) continue;
            ipsec.add(new IpsecInterface(name, "yes".equals(v.get("disabled")), Map.copyOf(v)));
            ids.put(name, idOf.applyAsInt(name));
        }
        Map<String, Set<String>> members = new LinkedHashMap<>();
        members.put("all", new LinkedHashSet<>(ids.keySet()));
        members.put("static", new LinkedHashSet<>(ids.keySet()));
        members.put("none", new LinkedHashSet<>());
        members.put("dynamic", new LinkedHashSet<>());
        Menu member = schema.require("interface list member");
        for (Item it : st.items("interface list member")) {
            Map<String, String> v = Effective.values(member, it);
            if ("yes".equals(v.get("disabled")) || !ids.containsKey(v.get("interface"))) continue;
            members.computeIfAbsent(v.get("list"), k -> new LinkedHashSet<>()).add(v.get("interface"));
        }
        Menu list = schema.require("interface list");
        for (Item it : st.items("interface list")) {       // include/exclude after direct members
            Map<String, String> v = Effective.values(list, it);
            String name = v.get("name");
            if (name == null) continue;
            Set<String> set = members.computeIfAbsent(name, k -> new LinkedHashSet<>());
            for (String inc : words(v.get("include"))) set.addAll(members.getOrDefault(inc, Set.of()));
            for (String exc : words(v.get("exclude"))) set.removeAll(members.getOrDefault(exc, Set.of()));
        }
        return new InterfaceNames(ports, ipsec, ids, members);
    }

    private static List<String> words(String v) {
        return v == null || v.isEmpty() ? List.of() : List.of(v.split(","));
    }

    static int parseInt(String v, int dflt) {
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    public List<Port> ports() { return ports; }

    /** The route-based IPsec tunnels, in configuration order. */
    public List<IpsecInterface> ipsecInterfaces() { return ipsecInterfaces; }

    public boolean exists(String name) { return ids.containsKey(name); }

    @Override public int index(String name) { return ids.getOrDefault(name, -1); }

    @Override public int[] listMembers(String list) {
        int[] m = lists.get(list);
        return m == null ? null : m.clone();
    }

    @Override public String name(int index) { return names.getOrDefault(index, "(unknown " + index + ")"); }
}
