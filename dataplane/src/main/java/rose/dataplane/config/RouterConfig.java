package rose.dataplane.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the dataplane's core needs from the configuration, as one immutable value.
 * The appliance reconciler builds it from the configuration database and hands it to
 * {@code Router.apply}; nothing flows back.
 *
 * <p>{@code routingTables} lists table names besides {@code main}; a table's id (what a
 * routing mark holds in packet metadata) is its position + 1, {@code main} is 0.
 */
public record RouterConfig(List<InterfaceConfig> interfaces, List<AddressConfig> addresses,
                           List<RouteConfig> routes, List<String> routingTables, List<ArpConfig> staticArp) {
    public static final String MAIN = "main";
    public static final RouterConfig EMPTY = new RouterConfig(List.of(), List.of(), List.of(), List.of(), List.of());

    public RouterConfig {
        interfaces = List.copyOf(interfaces);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        routingTables = List.copyOf(routingTables);
        staticArp = List.copyOf(staticArp);
    }

    /** Routing table id for a name: 0 for main, -1 if unknown. */
    public int tableId(String name) {
        if (name == null || MAIN.equals(name)) return 0;
        int i = routingTables.indexOf(name);
        return i < 0 ? -1 : i + 1;
    }

    public InterfaceConfig iface(String name) {
        for (InterfaceConfig i : interfaces) if (i.name().equals(name)) return i;
        return null;
    }

    public static Builder builder() { return new Builder(); }

    /** Convenient for tests and the lab. */
    public static final class Builder {
        private final List<InterfaceConfig> interfaces = new ArrayList<>();
        private final List<AddressConfig> addresses = new ArrayList<>();
        private final List<RouteConfig> routes = new ArrayList<>();
        private final List<String> tables = new ArrayList<>();
        private final List<ArpConfig> arp = new ArrayList<>();

        public Builder iface(InterfaceConfig i) { interfaces.add(i); return this; }
        public Builder iface(String name) { return iface(InterfaceConfig.of(name)); }
        public Builder address(String iface, String cidr) { addresses.add(AddressConfig.of(iface, cidr)); return this; }
        public Builder route(RouteConfig r) { routes.add(r); return this; }
        public Builder table(String name) { tables.add(name); return this; }
        public Builder arp(ArpConfig a) { arp.add(a); return this; }
        public RouterConfig build() { return new RouterConfig(interfaces, addresses, routes, tables, arp); }
    }
}
