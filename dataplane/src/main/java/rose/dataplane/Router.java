package rose.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import rose.dataplane.config.AddressConfig;
import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.fib.Fib;
import rose.dataplane.fib.FibCompiler;
import rose.dataplane.graph.CounterSnapshot;
import rose.dataplane.l2.ArpEntryView;
import rose.dataplane.pcap.CaptureSink;
import rose.dataplane.port.IdleWait;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;
import rose.dataplane.table.Interfaces;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/**
 * The dataplane as the appliance sees it: give it an immutable {@link RouterConfig},
 * attach ports by interface name, and run it either in step mode ({@link #poll}, one
 * deterministic iteration on the caller's thread: tests and the lab) or on its own
 * thread ({@link #start}).
 *
 * <p>Control-plane methods ({@link #apply}, {@link #attach}, {@link #capture}) are
 * synchronized and build a complete new {@link Tables} generation before publishing it
 * with one volatile write; the worker picks it up at its next poll.
 *
 * <p>One worker per router for now: ARP and held packets are worker state, so more
 * workers need ports partitioned among them (RSS-like), which is future work.
 */
public final class Router {
    private final String name;
    private final RouterOptions options;
    private final TablesRef tables = new TablesRef();
    private final Worker worker;
    private final Queue<Worker.Injected> inject = new ConcurrentLinkedQueue<>();
    private final IdleWait idleWait = new IdleWait(inject);
    private final long epochOffset;

    private final Map<String, Integer> ifIds = new LinkedHashMap<>();
    private final Map<String, PortStats> statsBase = new java.util.HashMap<>();   // reset-counters zero, by interface
    private RouterConfig config = RouterConfig.EMPTY;
    private long generation;
    /**
     * Empty polls before the worker sleeps ({@link IdleWait}): a few catch the next packet of a
     * burst without a wake-up, more only burn reads that return EAGAIN on a CPU the hosts share.
     */
    private static final int IDLE_SPINS = 16;
    private volatile Port[] ports = new Port[0];
    private volatile CaptureSink[] taps = new CaptureSink[0];
    private volatile boolean configPending;

    private volatile Thread thread;
    private volatile boolean running;

    public Router(String name) { this(name, RouterOptions.DEFAULT); }

    public Router(String name, RouterOptions options) {
        this.name = name;
        this.options = options;
        this.worker = new Worker(0, tables, options.hooks(), options.delivery(), options.buffers());
        this.epochOffset = System.currentTimeMillis() * 1_000_000L - options.clock().getAsLong();
    }

    public String name() { return name; }

    // ---- control plane ------------------------------------------------------------------

    /** Swaps in a new configuration: interfaces, addresses, routes, tables, static ARP. */
    public synchronized void apply(RouterConfig cfg) {
        this.config = cfg;
        for (InterfaceConfig i : cfg.interfaces()) interfaceId(i.name());
        for (AddressConfig a : cfg.addresses()) interfaceId(a.iface());
        configPending = true;
        publish();
    }

    public synchronized RouterConfig config() { return config; }

    /** Connects a port to the interface of that name (configured now or later). */
    public synchronized void attach(String iface, Port port) {
        statsBase.remove(iface);
        int id = interfaceId(iface);
        Port[] p = Arrays.copyOf(ports, Math.max(ports.length, id + 1));
        p[id] = port;
        ports = p;
        publish();
    }

    /**
     * Puts {@code f(current port)} in the place of an interface's port, keeping the zero its
     * counters count from (a traffic-generator wrapper goes in and comes out without resetting
     * {@code /interface print stats}). Returns the port that was there, or null (then nothing changes).
     */
    public synchronized Port replacePort(String iface, java.util.function.UnaryOperator<Port> f) {
        Integer id = ifIds.get(iface);
        if (id == null || id >= ports.length || ports[id] == null) return null;
        Port[] p = ports.clone();
        Port old = p[id];
        p[id] = f.apply(old);
        ports = p;
        publish();
        return old;
    }

    public synchronized void detach(String iface) {
        statsBase.remove(iface);
        Integer id = ifIds.get(iface);
        if (id == null || id >= ports.length) return;
        Port[] p = ports.clone();
        p[id] = null;
        ports = p;
        publish();
    }

    /** Stable id of an interface name (assigned on first use, never reused); what PacketMeta rxIf/txIf hold. */
    public synchronized int interfaceId(String iface) {
        Integer id = ifIds.get(iface);
        if (id == null) {
            id = ifIds.size();
            ifIds.put(iface, id);
        }
        return id;
    }

    /** Routing-table id for a routing mark name in the current configuration (0 = main, -1 = unknown). */
    public synchronized int routingTableId(String table) { return config.tableId(table); }

    /** Starts copying frames seen on an interface (both directions) to {@code sink}; null stops. */
    public synchronized void capture(String iface, CaptureSink sink) {
        int id = interfaceId(iface);
        CaptureSink[] t = Arrays.copyOf(taps, Math.max(taps.length, id + 1));
        t[id] = sink;
        taps = t;
    }

    /** Queues an IPv4 datagram the router itself sends (routed by ip4-output; src 0.0.0.0 = pick one, ICMP only). */
    public void send(byte[] ip4Datagram) {
        inject.add(new Worker.Injected(ip4Datagram.clone(), 0));
        idleWait.wakeup();
    }

    /**
     * The same, routed in routing table {@code routingTable} ({@link #routingTableId}; 0 = main),
     * as {@code /ping routing-table=} sends: the packet leaves with that routing mark.
     */
    public void send(byte[] ip4Datagram, int routingTable) {
        if (routingTable < 0) throw new IllegalArgumentException("unknown routing table id " + routingTable);
        inject.add(new Worker.Injected(ip4Datagram.clone(), routingTable));
        idleWait.wakeup();
    }

    private void publish() {
        RouterConfig cfg = config;
        Port[] p = ports;
        int n = ifIds.size();
        String[] names = new String[n];
        long[] macs = new long[n];
        int[] mtus = new int[n];
        boolean[] up = new boolean[n];
        int[][] addrs = new int[n][];
        int[][] lens = new int[n][];
        for (Map.Entry<String, Integer> e : ifIds.entrySet()) {
            int id = e.getValue();
            InterfaceConfig ic = cfg.iface(e.getKey());
            Port port = id < p.length ? p[id] : null;
            names[id] = e.getKey();
            macs[id] = ic != null && ic.mac() != 0 ? ic.mac() : port != null ? port.mac() : 0;
            mtus[id] = ic != null ? ic.mtu() : port != null ? port.mtu() : 1500;
            up[id] = ic != null && !ic.disabled() && port != null;
            List<int[]> as = new ArrayList<>();
            for (AddressConfig a : cfg.addresses())
                if (!a.disabled() && a.iface().equals(e.getKey())) as.add(new int[] {a.address().address(), a.address().length()});
            addrs[id] = as.stream().mapToInt(x -> x[0]).toArray();
            lens[id] = as.stream().mapToInt(x -> x[1]).toArray();
        }
        Interfaces ifs = new Interfaces(names, macs, mtus, up, addrs, lens);
        Fib fib = FibCompiler.compile(cfg, iface -> {
            Integer id = ifIds.get(iface);
            return id != null && ifs.up(id) ? id : -1;
        });
        tables.set(new Tables(fib, ifs, ++generation));
    }

    // ---- running ------------------------------------------------------------------------

    /** Step mode: one worker iteration at the clock's current time. Returns packets taken in (0 = idle). */
    public int poll() {
        if (running) throw new IllegalStateException(name + " runs on its own thread");
        return pollOnce();
    }

    private int pollOnce() {
        return worker.poll(options.clock().getAsLong(), ports, taps, epochOffset, inject, this::onNewTables);
    }

    /** Runs on the worker thread when it first sees a new tables generation. */
    private void onNewTables() {
        if (!configPending) return;
        configPending = false;
        RouterConfig cfg;
        Map<String, Integer> ids;
        synchronized (this) {
            cfg = config;
            ids = Map.copyOf(ifIds);
        }
        worker.arpTable().setStatic(cfg.staticArp(), n -> ids.getOrDefault(n, -1), worker.pool());
    }

    /** Runs the worker on its own thread until {@link #stop}. */
    public synchronized void start() {
        if (running) return;
        running = true;
        Thread t = new Thread(() -> {
            IdleWait wait = idleWait;
            int idle = 0;
            while (running) {
                if (pollOnce() > 0) { idle = 0; continue; }
                if (++idle < IDLE_SPINS) Thread.onSpinWait();
                else wait.sleep(ports); // idle: sleep until a port is readable or send() queues a packet
            }
        }, "rose-dp-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try { t.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            thread = null;
            if (!t.isAlive()) idleWait.close();
        }
    }

    public boolean isRunning() { return running; }

    // ---- status views -------------------------------------------------------------------

    public Tables tables() { return tables.get(); }
    public Fib fib() { return tables.get().fib(); }

    /** Per-node and per-drop-reason counters (a snapshot). */
    public CounterSnapshot counters() { return worker.counters(); }

    /** Zeroes node and drop counters at the worker's next poll (the worker owns them). */
    public void resetCounters() { worker.requestCounterReset(); }

    /** {@code /ip arp print}: as published by the worker after its last change. */
    public List<ArpEntryView> arp() { return worker.arpView(); }

    /** {@code /interface print stats} for one interface: since it was attached or its counters were last reset. */
    public PortStats stats(String iface) {
        PortStats base;
        synchronized (this) { base = statsBase.get(iface); }
        PortStats now = rawStats(iface);
        return base == null ? now : now.minus(base);
    }

    /**
     * {@code /interface reset-counters}: the port's counters have one writer each (the worker), so
     * they are not zeroed under it; the current values become the zero that {@link #stats} counts from.
     */
    public void resetStats(String iface) {
        PortStats now = rawStats(iface);
        synchronized (this) { statsBase.put(iface, now); }
    }

    private PortStats rawStats(String iface) {
        Integer id;
        synchronized (this) { id = ifIds.get(iface); }
        Port[] p = ports;
        return id == null || id >= p.length || p[id] == null ? PortStats.ZERO : p[id].stats();
    }

    /** Attached ports by interface id (null where none); for drivers that need to see the wires. */
    public List<Port> ports() { return Arrays.asList(ports.clone()); }

    /** The graph's drop-reason name for a {@code PacketMeta.drop} id (for traces). */
    public String dropName(int dropId) { return worker.graph().dropName(dropId); }

    /** Free buffers in the worker's pool (leak checks in tests). */
    public int freeBuffers() { return worker.pool().available(); }
}
