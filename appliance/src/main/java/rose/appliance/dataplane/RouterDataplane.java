package rose.appliance.dataplane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.TableSizes;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.AddressLists;
import rose.dataplane.firewall.Firewall;
import rose.dataplane.firewall.Ipv4Range;
import rose.dataplane.firewall.RuleEnv;
import rose.dataplane.firewall.Table;
import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.ip4.LocalDemux;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.port.Port;
import rose.ipsec.crypto.CryptoEngines;

/**
 * One router's dataplane inside the appliance, and the reconciler that feeds it.
 *
 * <ol>
 *   <li>built before the RouterOS side, so its status menus can be registered
 *       ({@link #statusMenus});</li>
 *   <li>{@link #bind} reads the committed configuration once and then on every commit
 *       ({@code Database} listener): {@link ConfigCompiler} builds immutable inputs,
 *       {@link Router#apply} swaps interfaces/addresses/routes, {@link Firewall#install} each
 *       table's program, configured address-list entries are replaced;</li>
 *   <li>board ports are attached by their board name and follow renames;</li>
 *   <li>a timer (or the lab, in step mode, through {@link #tick}) moves firewall log lines to
 *       {@code /log} and expires address-list entries.</li>
 * </ol>
 * Nothing flows back into the configuration: status is read through {@link LiveStatus}.
 */
public final class RouterDataplane implements AutoCloseable {
    /**
     * How the dataplane runs: its clock, whether it has its own threads (else the caller steps it),
     * and its number of workers ({@code --cores}; 0 = the board's cores, at most this machine's).
     */
    public record Options(NetTime time, boolean ownThread, int workers) {
        public static final Options THREADED = new Options(NetTime.SYSTEM, true, 0);

        public Options {
            if (workers < 0 || workers > RouterOptions.MAX_WORKERS)
                throw new IllegalArgumentException("cores " + workers + " is outside 1.." + RouterOptions.MAX_WORKERS);
        }

        public Options(NetTime time, boolean ownThread) { this(time, ownThread, 0); }

        /** Stepped by the caller (the lab): one worker unless asked, since one thread polls them all. */
        public static Options stepped(NetTime time) { return new Options(time, false, 1); }

        public Options withWorkers(int n) { return new Options(time, ownThread, n); }
    }

    private final Options options;
    private final TableSizes sizes;
    private final Router router;
    private final Firewall firewall;
    private final DataplaneIpsecBackend ipsec;
    private final LocalDemux local = new LocalDemux();
    private final FirewallLogQueue logQueue;
    private final ConfigCompiler.Compiled[] current = new ConfigCompiler.Compiled[1];
    private final Map<String, Port> ports = new LinkedHashMap<>();      // by board name (default-name)
    private final Map<String, String> attachedAs = new LinkedHashMap<>(); // board name -> interface name
    private final Set<String> reported = new HashSet<>();
    private final Set<String> ipsecPorts = new HashSet<>();   // names of /interface ipsec with a port attached
    private List<ConfigCompiler.ListEntry> lastLists = List.of();
    private final java.util.function.Consumer<ConfigState> listener = this::reconcile;
    private volatile RouterOs ros;
    private ScheduledExecutorService timer;

    /** A router with full-size tables ({@link TableSizes#LARGE}). */
    public RouterDataplane(String name, Options options) { this(name, options, TableSizes.LARGE); }

    /** A router whose conntrack table and packet pool are {@code sizes} (from the board's RAM). */
    public RouterDataplane(String name, Options options, TableSizes sizes) {
        if (options.workers() == 0) options = options.withWorkers(1);
        this.options = options;
        this.sizes = sizes;
        AddressLists lists = new AddressLists(options.time());
        this.logQueue = new FirewallLogQueue(null);
        Router[] self = new Router[1];
        NatAddresses nat = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return self[0].tables().interfaces().sourceFor(outIf, dst); }
            @Override public int redirectAddress(int inIf) { return self[0].tables().interfaces().primaryAddress(inIf); }
        };
        this.firewall = new Firewall(options.workers(), new ConnTable(sizes.maxConnections()), lists, RuleEnv.DEFAULT, logQueue, nat,
                i -> self[0].tables().interfaces().mtu(i));
        this.firewall.trackingMode(ConnTrackingConfig.DEFAULTS.mode());   // RouterOS's auto until the configuration says
        this.ipsec = new DataplaneIpsecBackend(CryptoEngines.standard(), options.time());
        this.router = new Router(name, RouterOptions.DEFAULT.withHooks(ipsec.hooks(firewall.hooks())).withDelivery(local)
                .withClock(options.time()).withBuffers(buffersPerWorker(sizes, options.workers())).withWorkers(options.workers())
                .withNeighbours(sizes.maxNeighbours()));
        self[0] = router;
        ipsec.bind(router);
    }

    /**
     * The board's packet buffers (sized from its RAM) shared out over the workers, each of which
     * has its own pool; never fewer than two vectors' worth each, or a worker could not hold a burst.
     */
    static int buffersPerWorker(TableSizes sizes, int workers) {
        return Math.max(2 * 256, sizes.buffers() / workers);
    }

    public Router router() { return router; }
    /** How large its conntrack table and packet pool were made. */
    public TableSizes sizes() { return sizes; }
    public Firewall firewall() { return firewall; }
    public LocalDemux local() { return local; }
    /** The userspace IPsec backend (SPD/SAD) whose nodes are in this router's graph. */
    public DataplaneIpsecBackend ipsec() { return ipsec; }
    public NetTime time() { return options.time(); }
    /** Whether it runs on its own threads (a running router) rather than stepped by the lab. */
    public boolean threaded() { return options.ownThread(); }
    RouterOs ros() { return ros; }

    /** The status menus this dataplane answers for. */
    public void statusMenus(rose.appliance.status.StatusMenus.Builder b) {
        LiveStatus live = new LiveStatus(this);
        for (String m : LiveStatus.MENUS) b.menu(m, live);
    }

    /** Connects a port to the board's port of that name ({@code ether1}), under its current RouterOS name. */
    public synchronized void attachPort(String boardName, Port port) {
        ports.put(boardName, port);
        if (ros != null) reconcile(ros.db().state());
    }

    /** Starts following the configuration; registers /ping; starts the timer and the worker thread if threaded. */
    public void bind(RouterOs routerOs) {
        this.ros = routerOs;
        routerOs.addCommand(new PingCommand(this));
        routerOs.db().addListener(listener);
        reconcile(routerOs.db().state());
        if (options.ownThread()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rose-dp-timer-" + router.name());
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
            router.start();
        }
    }

    /** Control-plane housekeeping: firewall log lines to /log, address-list expiry. */
    public void tick() {
        RouterOs r = ros;
        if (r != null) logQueue.drain(r.log());
        firewall.addressLists().expire();
    }

    private final DynamicEntries.Registry dynamic = new DynamicEntries.Registry();

    /**
     * Adds (or with null removes) {@code owner}'s dynamic address and NAT rules and recompiles at
     * once; a mode-config client calls this when its IKE SA comes up and goes down.
     */
    public void dynamic(String owner, DynamicEntries entries) {
        if (!dynamic.put(owner, entries)) return;
        RouterOs r = ros;
        if (r != null) reconcile(r.db().state());
    }

    /** The dynamic entries now (for print). */
    public List<DynamicEntries> dynamicEntries() { return dynamic.all(); }

    /** The configuration as last compiled. */
    public synchronized ConfigCompiler.Compiled compiled() { return current[0]; }

    synchronized void reconcile(ConfigState st) {
        RouterOs r = ros;
        if (r == null) return;
        ConfigCompiler.Compiled c = new ConfigCompiler(r.schema()).compile(st, router::interfaceId, v -> ipsecMtu(v, st, r), dynamic.all());
        current[0] = c;
        logQueue.names(c.interfaces());
        attachPorts(c.interfaces());
        router.apply(c.router());
        firewall.layer7Protocols(c.layer7());
        firewall.connTable().servicePorts(c.servicePorts());
        firewall.connTable().timeouts(c.tracking().timeouts());
        firewall.connTable().looseTcpTracking(c.tracking().looseTcp());
        bindIpsecInterfaces(c.interfaces());
        for (Table t : Table.values()) firewall.install(t, c.rules().getOrDefault(t, List.of()), c.interfaces());
        firewall.trackingMode(c.tracking().mode());   // after the rules: auto follows them
        if (!c.addressLists().equals(lastLists)) {
            replaceAddressLists(c.addressLists());
            lastLists = c.addressLists();
        }
        for (String p : c.problems()) if (reported.add(p)) r.log().warning("firewall", "not applied: " + p);
    }

    private void attachPorts(InterfaceNames ifs) {
        for (InterfaceNames.Port p : ifs.ports()) {
            Port port = ports.get(p.defaultName());
            if (port == null) continue;
            String was = attachedAs.get(p.defaultName());
            if (p.name().equals(was)) continue;
            if (was != null) router.detach(was);
            router.attach(p.name(), port);
            attachedAs.put(p.defaultName(), p.name());
        }
    }

    /**
     * Route-based tunnels: each {@code /interface ipsec} gets a port (so routes can point at it)
     * and is bound in the IPsec backend to its XFRM interface id ({@link #xfrmIfId}); one removed
     * or disabled is unbound, so its SAs' packets appear nowhere.
     */
    private void bindIpsecInterfaces(InterfaceNames ifs) {
        Set<String> now = new HashSet<>();
        for (InterfaceNames.IpsecInterface t : ifs.ipsecInterfaces()) {
            now.add(t.name());
            if (!ipsecPorts.contains(t.name())) {
                router.attach(t.name(), new rose.dataplane.ipsec.IpsecInterfacePort(t.name(), router.tables().interfaces().mtu(router.interfaceId(t.name()))));
                ipsecPorts.add(t.name());
            }
            ipsec.bindInterface(router.interfaceId(t.name()), t.disabled() ? 0 : xfrmIfId(t.name()),
                    "yes".equals(t.values().get("accept-untracked-peer")), "yes".equals(t.values().get("mangling")));
        }
        for (String gone : new ArrayList<>(ipsecPorts)) {
            if (now.contains(gone)) continue;
            ipsec.bindInterface(router.interfaceId(gone), 0);
            router.detach(gone);
            ipsecPorts.remove(gone);
        }
    }

    /** The XFRM interface id of an {@code /interface ipsec}: stable for its name (the dataplane's interface id + 1; 0 means none). */
    public int xfrmIfId(String ipsecInterface) { return router.interfaceId(ipsecInterface) + 1; }

    private int ipsecMtu(java.util.Map<String, String> values, ConfigState st, RouterOs r) {
        String mtu = TunnelMtu.actualMtu("interface ipsec", values, st, r.schema(), router);
        return mtu == null ? TunnelMtu.DEFAULT_PATH_MTU : Integer.parseInt(mtu);
    }

    private void replaceAddressLists(List<ConfigCompiler.ListEntry> entries) {
        for (var l : firewall.addressLists().all()) l.clearConfigured();
        for (ConfigCompiler.ListEntry e : entries) {
            try {
                firewall.addressLists().list(e.list()).addConfigured(Ipv4Range.parse(e.address()), e.timeout());
            } catch (IllegalArgumentException ex) {
                ros.log().warning("firewall", "address-list " + e.list() + " " + e.address() + ": " + ex.getMessage());
            }
        }
    }

    /** Names of interfaces whose port is attached, and enabled route-based tunnels ({@code R} in /interface print). */
    synchronized List<String> running() {
        List<String> out = new ArrayList<>();
        ConfigCompiler.Compiled c = current[0];
        if (c == null) return out;
        for (InterfaceNames.Port p : c.interfaces().ports()) if (!p.disabled() && ports.containsKey(p.defaultName())) out.add(p.name());
        // a route-based tunnel runs while it is enabled and bound (its port attached, its if_id in the backend)
        for (InterfaceNames.IpsecInterface t : c.interfaces().ipsecInterfaces()) if (!t.disabled() && ipsecPorts.contains(t.name())) out.add(t.name());
        return out;
    }

    @Override
    public void close() {
        RouterOs r = ros;
        if (r != null) r.db().removeListener(listener);
        if (timer != null) timer.shutdownNow();
        router.stop();
        tick();
    }
}
