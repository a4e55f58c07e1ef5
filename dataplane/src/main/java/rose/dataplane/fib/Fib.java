package rose.dataplane.fib;

import java.util.List;

/**
 * The IPv4 forwarding table: one {@link MultibitTrie} per routing table plus adjacencies,
 * immutable. The control plane builds a new one ({@link FibCompiler}) and swaps it in
 * atomically; a worker reads the reference once per vector.
 *
 * <p>Adjacency index 0 means "no route". Lookups in a marked table that find nothing fall
 * back to {@code main}, as RouterOS does for routing marks without a lookup-only rule.
 */
public final class Fib {
    public static final int NONE = 0;
    /** One of our addresses (or a broadcast address of our networks). */
    public static final int LOCAL = 1;
    /** Directly connected: the next hop is the destination itself. */
    public static final int CONNECTED = 2;
    /** Via a gateway address. */
    public static final int GATEWAY = 3;
    public static final int BLACKHOLE = 4;
    public static final int UNREACHABLE = 5;
    public static final int PROHIBIT = 6;

    public static final Fib EMPTY = new Fib(new int[][] {new MultibitTrie.Builder().build()},
            new int[1], new int[1], new int[1], List.of());

    private final int[][] tables;
    private final int[] kind;
    private final int[] txIf;
    private final int[] gateway;
    private final List<RouteView> routes;

    Fib(int[][] tables, int[] kind, int[] txIf, int[] gateway, List<RouteView> routes) {
        this.tables = tables;
        this.kind = kind;
        this.txIf = txIf;
        this.gateway = gateway;
        this.routes = List.copyOf(routes);
    }

    /** Adjacency for {@code dst} in routing table {@code table} (0 = main), or {@link #NONE}. */
    public int lookup(int table, int dst) {
        if (table > 0 && table < tables.length && tables[table] != null) {
            int a = MultibitTrie.lookup(tables[table], dst);
            if (a != NONE) return a;
        }
        return MultibitTrie.lookup(tables[0], dst);
    }

    /** {@link #LOCAL}, {@link #CONNECTED}, ... for an adjacency; {@link #NONE} for 0. */
    public int kind(int adj) { return kind[adj]; }
    /** Interface id to send on. */
    public int txIf(int adj) { return txIf[adj]; }
    /** Gateway address; for {@link #CONNECTED} 0 (use the destination). */
    public int gateway(int adj) { return gateway[adj]; }
    /** Next hop for a destination through an adjacency. */
    public int nextHop(int adj, int dst) { return kind[adj] == GATEWAY ? gateway[adj] : dst; }

    /** Every configured and dynamic route with its state, for {@code /ip route print}. */
    public List<RouteView> routes() { return routes; }

    public int tableCount() { return tables.length; }
}
