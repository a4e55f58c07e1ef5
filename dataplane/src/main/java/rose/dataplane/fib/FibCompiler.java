package rose.dataplane.fib;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import rose.dataplane.config.AddressConfig;
import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.Prefix;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;

/**
 * Configuration to {@link Fib}: the routing decision's control-plane half.
 *
 * <ol>
 *   <li>Every enabled address on an enabled interface yields a connected route (distance 0,
 *       table main) and local entries for the address and the subnet broadcast.</li>
 *   <li>Static routes resolve their gateway through a connected network (optionally pinned
 *       to {@code %interface}); an unresolvable gateway leaves the route inactive.</li>
 *   <li>Per table and prefix the lowest distance wins (first configured on a tie).</li>
 *   <li>Local entries are copied into every table, so a marked table's default route
 *       cannot hide the router's own addresses (Linux consults its local table first).</li>
 * </ol>
 */
public final class FibCompiler {
    private FibCompiler() {}

    private record Candidate(int table, Prefix dst, int kind, int txIf, int gateway, int distance,
                             String tableName, String iface, String flags) {}

    /** @param ifaceId interface id for a name, or -1 when the interface does not exist. */
    public static Fib compile(RouterConfig cfg, ToIntFunction<String> ifaceId) {
        int tableCount = cfg.routingTables().size() + 1;
        List<Candidate> cands = new ArrayList<>();
        List<Candidate> locals = new ArrayList<>();
        List<Candidate> connected = new ArrayList<>();
        for (AddressConfig a : cfg.addresses()) {
            InterfaceConfig ic = cfg.iface(a.iface());
            int id = ifaceId.applyAsInt(a.iface());
            if (a.disabled() || ic == null || ic.disabled() || id < 0) continue;
            Prefix p = a.address();
            Candidate c = new Candidate(0, p.canonical(), Fib.CONNECTED, id, 0, 0, RouterConfig.MAIN, a.iface(), "DAc");
            connected.add(c);
            cands.add(c);
            locals.add(new Candidate(0, new Prefix(p.address(), 32), Fib.LOCAL, id, 0, -1, RouterConfig.MAIN, a.iface(), "DAl"));
            if (p.length() < 31)
                locals.add(new Candidate(0, new Prefix(p.broadcast(), 32), Fib.LOCAL, id, 0, -1, RouterConfig.MAIN, a.iface(), "DAl"));
        }
        locals.add(new Candidate(0, new Prefix(-1, 32), Fib.LOCAL, -1, 0, -1, RouterConfig.MAIN, null, "DAl"));

        List<RouteView> views = new ArrayList<>();
        for (RouteConfig r : cfg.routes()) {
            int table = cfg.tableId(r.routingTable());
            Candidate c = resolve(r, table, connected, cfg, ifaceId);
            if (c == null || r.disabled()) {
                views.add(new RouteView(r.dst(), r.gateway(), r.gatewayInterface(), r.distance(), r.routingTable(),
                        r.disabled() ? "X" : "s", false));
                continue;
            }
            cands.add(c);
        }

        // Best candidate per (table, prefix).
        Map<Long, Candidate> best = new LinkedHashMap<>();
        for (Candidate c : cands) {
            long key = ((long) c.table << 40) | ((long) c.dst.length() << 32) | (c.dst.network() & 0xffffffffL);
            Candidate cur = best.get(key);
            if (cur == null || c.distance < cur.distance) best.put(key, c);
        }
        java.util.Set<Candidate> winners = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        winners.addAll(best.values());
        for (Candidate c : cands)
            views.add(new RouteView(c.dst, c.gateway, c.iface, c.distance, c.tableName,
                    winners.contains(c) ? c.flags : c.flags.replace("A", ""), winners.contains(c)));

        List<Candidate> entries = new ArrayList<>(best.values());
        for (int t = 0; t < tableCount; t++)
            for (Candidate l : locals)
                entries.add(new Candidate(t, l.dst, l.kind, l.txIf, 0, -1, l.tableName, l.iface, l.flags));
        entries.sort(Comparator.comparingInt((Candidate c) -> c.dst.length()));

        int[] kind = new int[entries.size() + 1];
        int[] tx = new int[entries.size() + 1];
        int[] gw = new int[entries.size() + 1];
        MultibitTrie.Builder[] builders = new MultibitTrie.Builder[tableCount];
        for (int t = 0; t < tableCount; t++) builders[t] = new MultibitTrie.Builder();
        int adj = 1;
        for (Candidate c : entries) {
            kind[adj] = c.kind;
            tx[adj] = c.txIf;
            gw[adj] = c.gateway;
            builders[c.table].insert(c.dst.network(), c.dst.length(), adj);
            adj++;
        }
        int[][] tables = new int[tableCount][];
        for (int t = 0; t < tableCount; t++) tables[t] = builders[t].build();
        return new Fib(tables, kind, tx, gw, views);
    }

    private static Candidate resolve(RouteConfig r, int table, List<Candidate> connected, RouterConfig cfg,
                                     ToIntFunction<String> ifaceId) {
        if (table < 0) return null;
        switch (r.type()) {
            case BLACKHOLE: return new Candidate(table, r.dst(), Fib.BLACKHOLE, -1, 0, r.distance(), r.routingTable(), null, "Asb");
            case UNREACHABLE: return new Candidate(table, r.dst(), Fib.UNREACHABLE, -1, 0, r.distance(), r.routingTable(), null, "As");
            case PROHIBIT: return new Candidate(table, r.dst(), Fib.PROHIBIT, -1, 0, r.distance(), r.routingTable(), null, "As");
            default: break;
        }
        if (r.gateway() == 0) {
            if (r.gatewayInterface() == null) return null;
            InterfaceConfig ic = cfg.iface(r.gatewayInterface());
            int id = ifaceId.applyAsInt(r.gatewayInterface());
            if (ic == null || ic.disabled() || id < 0) return null;
            return new Candidate(table, r.dst(), Fib.CONNECTED, id, 0, r.distance(), r.routingTable(), r.gatewayInterface(), "As");
        }
        Candidate via = null;
        for (Candidate c : connected) {
            if (!c.dst.contains(r.gateway())) continue;
            if (r.gatewayInterface() != null && !r.gatewayInterface().equals(c.iface)) continue;
            if (via == null || c.dst.length() > via.dst.length()) via = c;
        }
        if (via == null) return null;
        return new Candidate(table, r.dst(), Fib.GATEWAY, via.txIf, r.gateway(), r.distance(), r.routingTable(), via.iface, "As");
    }

}
