package rose.dataplane.firewall;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.conntrack.ConntrackNode;
import rose.dataplane.conntrack.TrackingMode;
import rose.dataplane.conntrack.helper.HelperNode;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.nat.NatNode;

/**
 * A router's firewall state and its seam to the appliance: the current program of each table
 * (swapped atomically by {@link #install}), counters, address lists, mark ids and the connection
 * table, and the {@link FlowHooks} that plug the nodes into the graph.
 *
 * <pre>
 * Firewall fw = new Firewall(workers, new ConnTable(65536), env, log, natAddresses, mtuOf);
 * fw.install(Table.FILTER, specs, interfaces);          // on every configuration change
 * GraphBuilder g = ...; g.hooks(fw.hooks());            // once per worker graph
 * fw.counters(Table.FILTER).packets(ruleId);            // print stats
 * fw.connTable().snapshot(System.nanoTime(), fw.marks()); // /ip firewall connection print
 * </pre>
 */
public final class Firewall {
    /** Max chains of one table a worker runs (mangle has five): counter stripes per worker. */
    private static final int STRIPES_PER_WORKER = 5;

    private final Map<Table, TableProgramRef> programs = new EnumMap<>(Table.class);
    private final Map<Table, RuleCounters> counters = new EnumMap<>(Table.class);
    private final Map<Table, AtomicInteger> nextStripe = new EnumMap<>(Table.class);
    private final AddressLists addressLists;
    private final MarkTable marks = new MarkTable();
    private final ConnTable connTable;
    private final rose.dataplane.nat.EndpointMappings endpointMappings = new rose.dataplane.nat.EndpointMappings();
    private final RuleEnv env;
    private final FirewallLog log;
    private final NatAddresses natAddresses;
    private final IntUnaryOperator mtuOf;
    private final int workers;
    private final AtomicInteger nextWorker = new AtomicInteger();
    private volatile Map<String, String> layer7 = Map.of();
    private volatile boolean verdictMemo = true;
    private final List<FirewallNode> filterNodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Enabled rules per table as last installed: auto tracks while filter, nat or mangle has one. */
    private final Map<Table, Integer> enabledRules = new EnumMap<>(Table.class);
    /** yes unless told: a bare Firewall (tests, benches) tracks as it always did; the appliance sets the configured mode. */
    private TrackingMode trackingMode = TrackingMode.YES;

    /** Holder for one table's current program; read once per vector. */
    private static final class TableProgramRef {
        volatile TableProgram program;
        TableProgramRef(TableProgram p) { program = p; }
    }

    public Firewall(int workers, ConnTable connTable, AddressLists addressLists, RuleEnv env, FirewallLog log,
                    NatAddresses natAddresses, IntUnaryOperator mtuOf) {
        this.workers = workers;
        this.connTable = connTable;
        this.addressLists = addressLists;
        // connection matchers read this router's own table, whatever table the caller's env named
        this.env = env.withConnections(connTable);
        this.log = log;
        this.natAddresses = natAddresses;
        this.mtuOf = mtuOf;
        for (Table t : Table.values()) {
            programs.put(t, new TableProgramRef(TableProgram.empty(t)));
            counters.put(t, new RuleCounters(workers * STRIPES_PER_WORKER));
            nextStripe.put(t, new AtomicInteger());
        }
    }

    /** Compiles and publishes a table; the returned program lists invalid rules (flag I). */
    public TableProgram install(Table table, List<RuleSpec> rules, InterfaceResolver interfaces) {
        TableProgram p = new RuleCompiler(table, new CompileContext(counters.get(table), addressLists, interfaces, marks, layer7))
                .compile(rules);
        programs.get(table).program = p;   // volatile: the next vector of every worker sees it whole
        int enabled = 0;
        for (RuleSpec r : rules) if (!r.disabled) enabled++;
        synchronized (enabledRules) {
            enabledRules.put(table, enabled);
            retrack();
        }
        return p;
    }

    /** {@code /ip firewall connection tracking enabled=}; takes effect from the next vector of each worker. */
    public void trackingMode(TrackingMode mode) {
        synchronized (enabledRules) {
            trackingMode = java.util.Objects.requireNonNull(mode);
            retrack();
        }
    }

    public TrackingMode trackingMode() { synchronized (enabledRules) { return trackingMode; } }

    /** Whether the firewall has a rule that needs tracking (what auto follows): an enabled filter, nat or mangle rule. */
    public boolean rulesNeedTracking() {
        synchronized (enabledRules) {
            return enabledRules.getOrDefault(Table.FILTER, 0) + enabledRules.getOrDefault(Table.NAT, 0)
                    + enabledRules.getOrDefault(Table.MANGLE, 0) > 0;
        }
    }

    private void retrack() { connTable.tracking(trackingMode.tracks(rulesNeedTracking())); }

    /**
     * The {@code /ip firewall layer7-protocol} entries (name to regexp) the next {@link #install}
     * compiles against; install every table again after changing them.
     */
    public void layer7Protocols(Map<String, String> byName) { layer7 = Map.copyOf(byName); }

    /**
     * Whether the filter nodes built after this call remember flow-constant walks per connection
     * ({@link VerdictMemo}); on unless turned off. Off, every packet walks its chain: the
     * reference the memo is tested and measured against.
     */
    public Firewall verdictMemo(boolean on) { verdictMemo = on; return this; }
    public boolean verdictMemo() { return verdictMemo; }

    public TableProgram program(Table t) { return programs.get(t).program; }
    public RuleCounters counters(Table t) { return counters.get(t); }
    public AddressLists addressLists() { return addressLists; }
    public MarkTable marks() { return marks; }
    public ConnTable connTable() { return connTable; }
    /** endpoint-independent-nat's mappings, shared by every worker's NAT nodes. */
    public rose.dataplane.nat.EndpointMappings endpointMappings() { return endpointMappings; }
    public RuleEnv env() { return env; }
    public FirewallLog log() { return log; }
    public int mtuOf(int ifIndex) { return ifIndex < 0 ? 0 : mtuOf.applyAsInt(ifIndex); }

    private int stripe(Table t) {
        int s = nextStripe.get(t).getAndIncrement();
        if (s >= workers * STRIPES_PER_WORKER) throw new IllegalStateException("more firewall nodes than workers x chains: " + workers);
        return s;
    }

    private FirewallNode filterNode(String chain) {
        FirewallNode n = new FirewallNode(this, Table.FILTER, chain, stripe(Table.FILTER));
        filterNodes.add(n);
        return n;
    }

    /** Packets the filter nodes answered from a remembered walk ({@link VerdictMemo}); read racily, for diagnostics and tests. */
    public long verdictMemoHits() {
        long n = 0;
        for (FirewallNode f : filterNodes) n += f.memoHits();
        return n;
    }

    /** Every firewall, conntrack and NAT node at its flow point; each worker's graph calls the factories once. */
    public FlowHooks hooks() {
        return FlowHooks.builder()
                .at(FlowPoint.RAW_PREROUTING, () -> new FirewallNode(this, Table.RAW, "prerouting", stripe(Table.RAW)))
                .at(FlowPoint.CONNTRACK_PREROUTING, () -> new ConntrackNode("conntrack-prerouting", connTable, nextWorker.getAndIncrement()))
                .at(FlowPoint.MANGLE_PREROUTING, () -> new FirewallNode(this, Table.MANGLE, "prerouting", stripe(Table.MANGLE)))
                .at(FlowPoint.DSTNAT, () -> new NatNode(this, false, natAddresses, stripe(Table.NAT)))
                .at(FlowPoint.MANGLE_INPUT, () -> new FirewallNode(this, Table.MANGLE, "input", stripe(Table.MANGLE)))
                .at(FlowPoint.FILTER_INPUT, () -> filterNode("input"))
                .at(FlowPoint.MANGLE_FORWARD, () -> new FirewallNode(this, Table.MANGLE, "forward", stripe(Table.MANGLE)))
                .at(FlowPoint.FILTER_FORWARD, () -> filterNode("forward"))
                .at(FlowPoint.RAW_OUTPUT, () -> new FirewallNode(this, Table.RAW, "output", stripe(Table.RAW)))
                .at(FlowPoint.CONNTRACK_OUTPUT, () -> new ConntrackNode("conntrack-output", connTable, nextWorker.getAndIncrement()))
                .at(FlowPoint.MANGLE_OUTPUT, () -> new FirewallNode(this, Table.MANGLE, "output", stripe(Table.MANGLE)))
                .at(FlowPoint.FILTER_OUTPUT, () -> filterNode("output"))
                .at(FlowPoint.MANGLE_POSTROUTING, () -> new FirewallNode(this, Table.MANGLE, "postrouting", stripe(Table.MANGLE)))
                .at(FlowPoint.SRCNAT, () -> new NatNode(this, true, natAddresses, stripe(Table.NAT)))
                .at(FlowPoint.CONNTRACK_HELPER, () -> new HelperNode(connTable))
                .build();
    }
}
