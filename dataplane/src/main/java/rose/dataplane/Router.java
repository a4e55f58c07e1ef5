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
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.l2.ArpEntryView;
import rose.dataplane.buffer.PacketPool;
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
 * <p>Workers ({@link RouterOptions#workers}, {@code --cores}): each is a thread with its own
 * graph instance, buffer pool, ARP table and transmit batches. A port is received by one worker
 * (port id modulo workers), which steers every frame by its symmetric flow hash ({@link FlowHash})
 * to the worker that processes it, through {@link Handoff} rings: a connection's packets, both
 * directions, stay on one worker and in order. Tables are immutable and shared; conntrack, rule
 * counters and address lists are made for concurrent workers; counters are summed over workers.
 * Locally sent packets enter at worker 0. In step mode {@link #poll} runs every worker in turn on
 * the caller's thread, so tests with several workers stay deterministic.
 */
public final class Router {
    private final String name;
    private final RouterOptions options;
    private final TablesRef tables = new TablesRef();
    private final Worker[] workers;
    private final Handoff handoff;
    private final Queue<Worker.Injected> inject = new ConcurrentLinkedQueue<>();
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
    private final java.util.concurrent.atomic.AtomicIntegerArray configPending;   // per worker: static ARP to load

    private volatile Thread[] threads = new Thread[0];
    private volatile boolean running;

    public Router(String name) { this(name, RouterOptions.DEFAULT); }

    public Router(String name, RouterOptions options) {
        this.name = name;
        this.options = options;
        int n = options.workers();
        FlowHooks.Poller[] pollers = options.hooks().pollers().toArray(new FlowHooks.Poller[0]);
        this.workers = new Worker[n];
        this.configPending = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        this.handoff = new Handoff(n, options.buffers(), PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM, w -> workers[w].idleWait().wakeup());
        for (int i = 0; i < n; i++) {
            int me = i;
            IdleWait wait = new IdleWait(() -> (me == 0 && !inject.isEmpty()) || handoff.pending(me) || pollersPending(pollers));
            workers[i] = new Worker(i, handoff, tables, options.hooks(), options.delivery(), options.buffers(), options.neighbours(), wait);
        }
        this.epochOffset = System.currentTimeMillis() * 1_000_000L - options.clock().getAsLong();
    }

    public String name() { return name; }

    // ---- control plane ------------------------------------------------------------------

    /** Swaps in a new configuration: interfaces, addresses, routes, tables, static ARP. */
    public synchronized void apply(RouterConfig cfg) {
        this.config = cfg;
        for (InterfaceConfig i : cfg.interfaces()) interfaceId(i.name());
        for (AddressConfig a : cfg.addresses()) interfaceId(a.iface());
        for (int i = 0; i < workers.length; i++) configPending.set(i, 1);
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
        workers[0].idleWait().wakeup();
    }

    /**
     * The same, routed in routing table {@code routingTable} ({@link #routingTableId}; 0 = main),
     * as {@code /ping routing-table=} sends: the packet leaves with that routing mark.
     */
    public void send(byte[] ip4Datagram, int routingTable) {
        if (routingTable < 0) throw new IllegalArgumentException("unknown routing table id " + routingTable);
        inject.add(new Worker.Injected(ip4Datagram.clone(), routingTable));
        workers[0].idleWait().wakeup();
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

    private static boolean pollersPending(FlowHooks.Poller[] pollers) {
        for (FlowHooks.Poller p : pollers) if (p.pending()) return true;
        return false;
    }

    /** Step mode: one iteration of every worker, in order, at the clock's current time. Returns packets taken in (0 = idle). */
    public int poll() {
        if (running) throw new IllegalStateException(name + " runs on its own thread");
        int work = 0;
        for (Worker w : workers) work += pollOnce(w);
        return work;
    }

    private int pollOnce(Worker w) {
        return w.poll(options.clock().getAsLong(), ports, taps, epochOffset, inject, () -> onNewTables(w));
    }

    /** Runs on a worker's thread when it first sees a new tables generation. */
    private void onNewTables(Worker worker) {
        if (configPending.getAndSet(worker.index(), 0) == 0) return;
        RouterConfig cfg;
        Map<String, Integer> ids;
        synchronized (this) {
            cfg = config;
            ids = Map.copyOf(ifIds);
        }
        worker.arpTable().setStatic(cfg.staticArp(), n -> ids.getOrDefault(n, -1), worker.pool());
    }

    /** Runs every worker on its own thread until {@link #stop}. */
    public synchronized void start() {
        if (running) return;
        running = true;
        Thread[] ts = new Thread[workers.length];
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            Thread t = new Thread(() -> {
                IdleWait wait = w.idleWait();
                int idle = 0;
                while (running) {
                    if (pollOnce(w) > 0) { idle = 0; continue; }
                    if (++idle < IDLE_SPINS) Thread.onSpinWait();
                    else wait.sleep(w.polledPorts(ports)); // idle: until a port is readable, send() or a handoff
                }
            }, workers.length == 1 ? "rose-dp-" + name : "rose-dp-" + name + "-" + i);
            t.setDaemon(true);
            ts[i] = t;
        }
        threads = ts;
        for (Thread t : ts) t.start();
    }

    public void stop() {
        running = false;
        Thread[] ts = threads;
        for (int i = 0; i < ts.length; i++) {
            Thread t = ts[i];
            try { t.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            if (!t.isAlive()) workers[i].idleWait().close();
        }
        threads = new Thread[0];
    }

    /** Dataplane workers (threads when running) this router has. */
    public int workers() { return workers.length; }

    public boolean isRunning() { return running; }

    // ---- status views -------------------------------------------------------------------

    public Tables tables() { return tables.get(); }
    public Fib fib() { return tables.get().fib(); }

    /** Per-node and per-drop-reason counters (a snapshot), summed over workers. */
    public CounterSnapshot counters() {
        CounterSnapshot c = workers[0].counters();
        for (int i = 1; i < workers.length; i++) c = c.merge(workers[i].counters());
        if (workers.length == 1) return c;
        long base = handoffDropsBase;
        return c.merge(new CounterSnapshot(List.of(new CounterSnapshot.NodeCounters("handoff", 0, 0,
                Map.of("queue-full", handoff.queueFullDrops() - base)))));
    }

    /** One worker's counters: how the flow hash spread the traffic. */
    public CounterSnapshot workerCounters(int worker) { return workers[worker].counters(); }

    /** Frames worker {@code worker} received and handed to the worker their flow hash or SPI steers them to (software RSS). */
    public long steeredAway(int worker) { return workers[worker].steeredAway(); }

    /** Packets worker {@code worker}'s nodes handed to another worker: outbound packets of an SA another worker owns. */
    public long nodeHandoffs(int worker) { return workers[worker].nodeHandoffs(); }

    /**
     * The worker that processes {@code frame} (Ethernet) when received: its flow hash, or for ESP
     * of a per-CPU SA that SA's worker. What a multi-queue source (a NIC's RSS) uses to pick the
     * receive queue, so the frame arrives where it is processed.
     */
    public int receiveWorker(byte[] frame) {
        return FlowHash.worker(frame, 0, frame.length, workers.length, options.hooks().steering());
    }

    /** Zeroes node and drop counters at each worker's next poll (the workers own them). */
    public void resetCounters() {
        for (Worker w : workers) w.requestCounterReset();
        handoffDropsBase = handoff.queueFullDrops();
    }

    private volatile long handoffDropsBase;

    /**
     * {@code /ip arp print}: as published by worker 0 after its last change. Every worker sees every
     * ARP frame and learns the same neighbours; only worker 0 answers requests.
     */
    public List<ArpEntryView> arp() { return workers[0].arpView(); }

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
    public String dropName(int dropId) { return workers[0].graph().dropName(dropId); }

    /** Free buffers in the workers' pools (leak checks in tests). */
    public int freeBuffers() {
        int n = 0;
        for (Worker w : workers) n += w.pool().available();
        return n;
    }
}
