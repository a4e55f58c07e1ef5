package rose.dataplane.config;

/**
 * A static {@code /ip route}. The gateway is an address ({@code gateway != 0}), an
 * interface ({@code gatewayInterface}), or both ({@code 10.0.0.1%ether1}). Routes in
 * the same table for the same prefix compete by {@code distance}; lower wins.
 */
public record RouteConfig(Prefix dst, int gateway, String gatewayInterface, int distance,
                          String routingTable, RouteType type, boolean disabled) {
    public RouteConfig {
        dst = dst.canonical();
        if (routingTable == null) routingTable = RouterConfig.MAIN;
    }

    public static RouteConfig via(String dst, String gateway) {
        return new RouteConfig(Prefix.parse(dst), Ip4Address.parse(gateway), null, 1, RouterConfig.MAIN, RouteType.UNICAST, false);
    }

    public static RouteConfig dev(String dst, String iface) {
        return new RouteConfig(Prefix.parse(dst), 0, iface, 1, RouterConfig.MAIN, RouteType.UNICAST, false);
    }

    public static RouteConfig blackhole(String dst) {
        return new RouteConfig(Prefix.parse(dst), 0, null, 1, RouterConfig.MAIN, RouteType.BLACKHOLE, false);
    }

    public RouteConfig withDistance(int d) { return new RouteConfig(dst, gateway, gatewayInterface, d, routingTable, type, disabled); }
    public RouteConfig inTable(String t) { return new RouteConfig(dst, gateway, gatewayInterface, distance, t, type, disabled); }
    public RouteConfig withType(RouteType t) { return new RouteConfig(dst, gateway, gatewayInterface, distance, routingTable, t, disabled); }
}
