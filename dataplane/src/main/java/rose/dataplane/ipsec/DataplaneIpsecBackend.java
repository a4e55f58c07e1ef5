package rose.dataplane.ipsec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import rose.dataplane.Router;
import rose.dataplane.firewall.PacketLoader;
import rose.dataplane.graph.CounterSnapshot;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.NodeFactory;
import rose.dataplane.table.Tables;
import rose.ipsec.backend.IpPrefix;
import rose.ipsec.backend.IpsecBackend;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecBackendException.Reason;
import rose.ipsec.backend.IpsecEvent;
import rose.ipsec.backend.IpsecEventListener;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.SaCounters;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.Selector;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.Transform;

/**
 * The userspace {@link IpsecBackend}: SAs and policies live in this router's dataplane.
 *
 * <ol>
 *   <li>IKE (or the test installer) calls {@code addSa/addPolicy/...} on a control-plane thread.
 *       Each call rebuilds one immutable {@link IpsecTables} (SPD + SAD) and publishes it with
 *       one volatile write; workers pick it up at their next vector (make-before-break: an
 *       outbound SA takes over when its snapshot is published, an inbound one stays until deleted).
 *       Inside a {@link #batch()} the calling thread's changes are published once, at the batch's
 *       flush or close: a table costs O(SAs + policies) to build and to re-pin in every worker,
 *       so one per SA made bringing up a thousand tunnels quadratic (the IKE loop opens a batch
 *       per turn).</li>
 *   <li>Each worker keys its own cipher per SA and keeps sequence numbers, replay windows and
 *       counters ({@link IpsecWorker}, {@link SaRuntime}).</li>
 *   <li>Workers post events (acquire, byte/packet limits, NAT mapping) to a queue;
 *       {@link #maintain()} — called by the appliance about once a second, and by tests — checks
 *       time limits, deletes hard-expired SAs and delivers the events to the listener.</li>
 * </ol>
 *
 * <p>Wiring: build the router with {@code options.withHooks(backend.hooks(firewallHooks))}, then
 * {@link #bind(Router)}. Route-based tunnels: attach an {@link IpsecInterfacePort} for an
 * {@code /interface ipsec} and {@link #bindInterface} it to an XFRM interface id.
 */
public final class DataplaneIpsecBackend implements IpsecBackend {
    /** The metadata flag of packets that arrived decrypted (the firewall's {@code ipsec-policy=in,ipsec}). */
    public static final int F_IPSEC_IN = PacketLoader.F_IPSEC_IN;
    private static final int NODES_PER_WORKER = 8;

    private final CryptoEngines engines;
    private final LongSupplier clock;
    private final Map<SaId, SaEntry> sas = new LinkedHashMap<>();
    private final List<Policy> policies = new ArrayList<>();
    /** {@link #policies}, compiled once when added (a table re-resolves only their outbound SAs). */
    private final List<CompiledPolicy> compiled = new ArrayList<>();
    private final Set<PolicyKey> policyKeys = new HashSet<>();
    private final Map<Integer, Integer> xfrmIfs = new HashMap<>();
    private final Set<Integer> untracked = new HashSet<>(), mangled = new HashSet<>();
    private final Set<Long> softTimeFired = new HashSet<>();
    private final ConcurrentLinkedQueue<IpsecEvent> pending = new ConcurrentLinkedQueue<>();
    private final List<IpsecWorker> workers = new CopyOnWriteArrayList<>();
    private final ParallelCrypto parallel;
    /**
     * Whether an SA's owner offers half of each large vector's crypto to the other workers
     * ({@link ParallelCrypto}). Off by default: measured on a 2-core x86 (rose bench --cores 1,2,
     * one AES-128-GCM tunnel) the fork-join cost 15-25 % more than it saved, since a JCE seal of
     * half a vector is too short to pay for the hand-over and the wait; a board or a bench where
     * it is shown to pay turns it on.
     */
    private volatile boolean splitCrypto;
    private volatile IpsecTables current = IpsecTables.EMPTY;
    private volatile IpsecEventListener listener = e -> { };
    private volatile Router router;
    private volatile rose.dataplane.ip4.LocalDelivery kernel;
    private long serials, generation;
    private IpsecWorker building;
    /** The thread whose changes wait for its batch's flush, the batch's nesting depth, and whether it holds changes. */
    private Thread batchOwner;
    private int batchDepth;
    private boolean unpublished;

    public DataplaneIpsecBackend(CryptoEngines engines, LongSupplier nanoClock) {
        this.engines = engines;
        this.clock = nanoClock;
        this.parallel = new ParallelCrypto(engines);
    }

    // ---- wiring ---------------------------------------------------------------------------

    /** {@code base} (the firewall's hooks, or {@link FlowHooks#NONE}) plus the IPsec nodes. */
    public FlowHooks hooks(FlowHooks base) {
        FlowHooks.Builder b = FlowHooks.builder();
        base.points().forEach(b::at);
        base.extras().forEach(b::extra);
        base.pollers().forEach(b::poller);
        return b.at(FlowPoint.IPSEC_INPUT, () -> new Ipsec4InputNode(claim()))
                .at(FlowPoint.IPSEC_OUTPUT, () -> new Ipsec4OutputPolicyNode(claim()))
                .extra(() -> new Esp4EncryptNode(claim()))
                .extra(() -> new Esp4DecryptNode(claim()))
                .extra(() -> new Ah4EncryptNode(claim()))
                .extra(() -> new Ah4DecryptNode(claim()))
                .extra((NodeFactory) () -> { claim(); return new Udp4EspInputNode(); })
                .extra(() -> new KernelHandoffNode(claim()))
                .poller(parallel)
                .steering((spi, dst) -> current.steer(spi, dst))
                .build();
    }

    /** The eight node factories of one worker's graph are called one after another; they share one {@link IpsecWorker}. */
    private synchronized IpsecWorker claim() {
        if (building == null || building.claims == NODES_PER_WORKER) {
            building = new IpsecWorker(this);
            workers.add(building);
        }
        building.claims++;
        return building;
    }

    /** The router whose routes give the PMTU of outer packets. */
    public void bind(Router r) { this.router = r; }

    /** Makes router interface {@code routerIf} an {@code /interface ipsec} of XFRM interface id {@code ifId} (0 unbinds). */
    public synchronized void bindInterface(int routerIf, int ifId) { bindInterface(routerIf, ifId, false, true); }

    /**
     * As {@link #bindInterface(int, int)}; with {@code acceptUntracked} the interface takes every
     * packet its SAs decrypt, not only those an inbound policy of its if_id describes
     * ({@code accept-untracked-peer=yes}); without {@code mangling} its decrypted packets skip the
     * mangle chains ({@code mangling=no}).
     */
    public synchronized void bindInterface(int routerIf, int ifId, boolean acceptUntracked, boolean mangling) {
        Integer old = xfrmIfs.remove(routerIf);
        if (old != null) { untracked.remove(old); mangled.remove(old); }
        if (ifId != 0) {
            xfrmIfs.put(routerIf, ifId);
            if (acceptUntracked) untracked.add(ifId);
            if (mangling) mangled.add(ifId);
        }
        publish();
    }

    /** The router interfaces bound to XFRM interface ids, as {@link #bindInterface} left them. */
    public synchronized Map<Integer, Integer> boundInterfaces() { return Map.copyOf(xfrmIfs); }

    IpsecTables current() { return current; }
    List<IpsecWorker> workers() { return workers; }
    CryptoEngines engines() { return engines; }
    ParallelCrypto parallel() { return parallel; }

    /** Turns the fork-join split of an SA's crypto over the workers on or off ({@link ParallelCrypto}; off by default). */
    public void splitCrypto(boolean on) { this.splitCrypto = on; }

    /** Whether an SA's owner splits large vectors' crypto with the other workers. */
    public boolean splitsCrypto() { return splitCrypto; }

    /** Half-vectors of crypto another worker ran for an SA's owner ({@link ParallelCrypto}), since start. */
    public long cryptoJobsHelped() { return parallel.helped(); }

    /** Half-vectors offered that no other worker took, so the owner ran them itself. */
    public long cryptoJobsTakenBack() { return parallel.takenBack(); }

    /** Packets worker {@code worker} sealed or opened for another worker's vectors ({@link ParallelCrypto}). */
    public long cryptoPacketsRunForOthers(int worker) { return parallel.ranForOthers(worker); }

    /** Packets of worker {@code worker}'s vectors that another worker sealed or opened. */
    public long cryptoPacketsRunByOthers(int worker) { return parallel.ranByOthers(worker); }
    Tables routerTables() { Router r = router; return r == null ? null : r.tables(); }

    // ---- IpsecBackend ---------------------------------------------------------------------

    @Override public String name() { return "userspace"; }
    @Override public boolean supports(Transform t) { return engines.select(t).isPresent(); }
    @Override public boolean supportsInterfaceIds() { return true; }

    @Override
    public synchronized void addSa(SaParams p) throws IpsecBackendException {
        check(p);
        if (sas.containsKey(p.id())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.id().toString());
        sas.put(p.id(), SaEntry.compile(++serials, p, clock.getAsLong()));
        publish();
    }

    /**
     * A per-CPU SA (RFC 9611 per-resource Child SA; Linux's {@code XFRMA_SA_PCPU}): one of several
     * SAs with the same traffic selectors, each used by one worker, so one tunnel's traffic is
     * encrypted on every worker at once without a packet changing worker, and each SA keeps its
     * own sequence numbers and replay window.
     * <ul>
     *   <li>Outbound, worker {@code cpu} encrypts with the newest such SA its policy's template
     *       accepts; a worker with none uses the policy's newest SA that is not per-CPU (RFC 9611's
     *       fallback SA), or without one the newest per-CPU SA, through that SA's owner.</li>
     *   <li>Inbound, the receive path steers ESP with this SPI to worker {@code cpu} (RSS on the
     *       SPI, {@link rose.dataplane.FlowHash}), where its replay window lives.</li>
     * </ul>
     * A {@code cpu} the router has no worker for leaves the SA unused outbound and its ESP
     * steered by the flow hash, as Linux leaves an SA pinned to an offline CPU.
     */
    public synchronized void addPerCpuSa(SaParams p, int cpu) throws IpsecBackendException {
        check(p);
        if (cpu < 0 || cpu >= rose.dataplane.RouterOptions.MAX_WORKERS)
            throw new IpsecBackendException(Reason.INVALID, "cpu " + cpu + " is outside 0.." + (rose.dataplane.RouterOptions.MAX_WORKERS - 1));
        if (sas.containsKey(p.id())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.id().toString());
        sas.put(p.id(), SaEntry.compile(++serials, p, clock.getAsLong(), false, cpu));
        publish();
    }

    /** The worker a per-CPU SA belongs to ({@link #addPerCpuSa}), or empty for any other SA or none. */
    public synchronized java.util.OptionalInt cpuOf(SaId id) {
        SaEntry e = sas.get(id);
        return e == null || e.cpu() < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(e.cpu());
    }

    /**
     * An SA whose ESP the kernel does (its XFRM holds the same SA): policy and SPI lookups here
     * find it as any other, lifetimes and counters are kept as for any other, but its packets
     * leave the graph through {@link #kernelHandoff} instead of being encrypted or decrypted here.
     */
    public synchronized void addKernelSa(SaParams p) throws IpsecBackendException {
        check(p);
        if (sas.containsKey(p.id())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.id().toString());
        if (p.encap().isPresent())
            throw new IpsecBackendException(Reason.UNSUPPORTED, "ESP in UDP to the kernel: its UDP 4500 socket is IKE's, here");
        sas.put(p.id(), SaEntry.compile(++serials, p, clock.getAsLong(), true, SaEntry.NO_CPU));
        publish();
    }

    /**
     * Where packets of kernel-held SAs go ({@code ipsec4-kernel-handoff}): a TUN into the
     * kernel, whose XFRM encrypts or decrypts them and gives the result back. Null: they are
     * dropped ({@code ipsec4-kernel-handoff.no-kernel}).
     */
    public void kernelHandoff(rose.dataplane.ip4.LocalDelivery d) { this.kernel = d; }

    rose.dataplane.ip4.LocalDelivery kernelHandoff() { return kernel; }

    @Override
    public synchronized void updateSa(SaParams p) throws IpsecBackendException {
        SaEntry old = sas.get(p.id());
        if (old == null) throw new IpsecBackendException(Reason.NOT_FOUND, p.id().toString());
        check(p);
        sas.put(p.id(), SaEntry.compile(old.serial(), p, old.addedNanos(), old.kernel(), old.cpu()));
        publish();
    }

    private void check(SaParams p) throws IpsecBackendException {
        if (p.id().protocol() == IpsecProtocol.AH && (p.transform().enc() != EncAlgorithm.NULL || p.transform().auth() == AuthAlgorithm.NONE))
            throw new IpsecBackendException(Reason.UNSUPPORTED, "AH authenticates only: it needs an auth-algorithm and no enc-algorithm, got " + p.transform());
        if (!SaEntry.isIp4(p.src()) || !SaEntry.isIp4(p.id().dst())) throw new IpsecBackendException(Reason.UNSUPPORTED, "IPv6 SAs: " + p.id());
        if (!supports(p.transform())) throw new IpsecBackendException(Reason.UNSUPPORTED, "no crypto engine accepts " + p.transform());
    }

    @Override
    public Optional<SaCounters> querySa(SaId id) {
        SaEntry e;
        synchronized (this) { e = sas.get(id); }
        if (e == null) return Optional.empty();
        List<Map<Long, SaRuntime>> runtimes = new ArrayList<>();
        for (IpsecWorker w : workers) runtimes.add(w.runtimesBySerial());
        return Optional.of(counters(e, runtimes));
    }

    /** An SA's counters added up over the workers' runtimes (each worker keeps its own). */
    private static SaCounters counters(SaEntry e, List<Map<Long, SaRuntime>> runtimes) {
        long bytes = 0, packets = 0, replay = 0, icv = 0, used = 0;
        for (Map<Long, SaRuntime> m : runtimes) {
            SaRuntime r = m.get(e.serial());
            if (r == null) continue;
            bytes += r.bytes; packets += r.packets; replay += r.replayDrops; icv += r.integrityFailures;
            if (r.firstUseNanos != 0 && (used == 0 || r.firstUseNanos < used)) used = r.firstUseNanos;
        }
        return new SaCounters(bytes, packets, replay, icv, e.addedNanos() / 1_000_000_000L, used / 1_000_000_000L);
    }

    @Override
    public synchronized void deleteSa(SaId id) throws IpsecBackendException {
        SaEntry e = sas.remove(id);
        if (e == null) throw new IpsecBackendException(Reason.NOT_FOUND, id.toString());
        softTimeFired.remove(e.serial());
        publish();
    }

    @Override
    public synchronized void addPolicy(Policy p) throws IpsecBackendException {
        if (policyKeys.contains(p.key())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.key().toString());
        if (!SaEntry.isIp4(p.selector().src().address()) || !SaEntry.isIp4(p.selector().dst().address()))
            throw new IpsecBackendException(Reason.UNSUPPORTED, "IPv6 policies");
        // lookup order: priority, then insertion order within a priority (after every policy of the same priority)
        int lo = 0, hi = policies.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (policies.get(mid).priority() <= p.priority()) lo = mid + 1; else hi = mid;
        }
        policies.add(lo, p);
        compiled.add(lo, CompiledPolicy.compile(p, -1));
        policyKeys.add(p.key());
        publish();
    }

    @Override
    public synchronized void deletePolicy(PolicyKey key) throws IpsecBackendException {
        if (!policyKeys.remove(key)) throw new IpsecBackendException(Reason.NOT_FOUND, key.toString());
        for (int i = 0; i < policies.size(); i++) {
            if (!policies.get(i).key().equals(key)) continue;
            policies.remove(i);
            compiled.remove(i);
            break;
        }
        publish();
    }

    @Override public synchronized List<Policy> policies() { return List.copyOf(policies); }

    @Override public void setListener(IpsecEventListener l) { this.listener = l == null ? e -> { } : l; }

    @Override
    public synchronized void close() {
        sas.clear();
        policies.clear();
        compiled.clear();
        policyKeys.clear();
        softTimeFired.clear();
        pending.clear();
        publish();
    }

    /**
     * Opens a batch on the calling thread: its changes to SAs, policies and interfaces are
     * published as one table at {@link Batch#flush()} or at the outermost {@link Batch#close()},
     * not once each. Other threads' changes are published at once, as always (with whatever the
     * batch holds so far: every state between two calls is a consistent one). Batches nest; a
     * batch asked for while another thread holds one defers nothing.
     */
    public synchronized Batch batch() {
        if (batchOwner != null && batchOwner != Thread.currentThread()) return new Batch(false);
        batchOwner = Thread.currentThread();
        batchDepth++;
        return new Batch(true);
    }

    /** One {@link #batch()}: close it exactly once, on the thread that opened it. */
    public final class Batch implements AutoCloseable {
        private final boolean owns;
        private boolean closed;

        private Batch(boolean owns) { this.owns = owns; }

        /** Publishes the changes made so far (the batch stays open). */
        public void flush() {
            synchronized (DataplaneIpsecBackend.this) {
                if (unpublished) build();
            }
        }

        @Override public void close() {
            synchronized (DataplaneIpsecBackend.this) {
                if (closed || !owns) return;
                closed = true;
                if (--batchDepth > 0) return;
                batchOwner = null;
                if (unpublished) build();
            }
        }
    }

    /** Whether the calling thread's batch holds changes not yet published. */
    public synchronized boolean holdsChanges() { return unpublished && batchOwner == Thread.currentThread(); }

    /**
     * How many SPD/SAD tables have been published since start: each one is built in O(SAs +
     * policies) here and re-pinned by every worker (tests count them).
     */
    public synchronized long publications() { return generation; }

    private void publish() {
        if (batchOwner == Thread.currentThread()) {
            unpublished = true;
            return;
        }
        build();
    }

    private void build() {
        unpublished = false;
        int max = 0;
        for (int k : xfrmIfs.keySet()) max = Math.max(max, k + 1);
        int[] ifs = new int[max];
        xfrmIfs.forEach((k, v) -> ifs[k] = v);
        current = new IpsecTables(++generation, sas.values().toArray(new SaEntry[0]), compiled, ifs, untracked, mangled);
    }

    // ---- events ---------------------------------------------------------------------------

    /**
     * Control-plane housekeeping: fires time limits, deletes SAs whose hard limit passed, and
     * delivers queued events to the listener on the caller's thread. Call about once a second.
     */
    public void maintain() {
        long now = clock.getAsLong();
        List<IpsecEvent> out = new ArrayList<>();
        synchronized (this) {
            for (SaEntry e : List.copyOf(sas.values())) {
                Lifetime l = e.params().lifetime();
                long age = now - e.addedNanos();
                if (l.softSeconds() > 0 && age >= l.softSeconds() * 1_000_000_000L && softTimeFired.add(e.serial()))
                    pending.add(new IpsecEvent.SoftExpire(e.params().id(), IpsecEvent.LimitKind.TIME));
                if (l.hardSeconds() > 0 && age >= l.hardSeconds() * 1_000_000_000L)
                    pending.add(new IpsecEvent.HardExpire(e.params().id(), IpsecEvent.LimitKind.TIME));
            }
            boolean changed = false;
            for (IpsecEvent ev; (ev = pending.poll()) != null; ) {
                if (ev instanceof IpsecEvent.HardExpire hx) {
                    SaEntry gone = sas.remove(hx.sa());
                    if (gone == null) continue;         // deleted meanwhile (or already expired): no event
                    softTimeFired.remove(gone.serial());
                    changed = true;
                } else if (ev instanceof IpsecEvent.SoftExpire sx && !sas.containsKey(sx.sa())) {
                    continue;
                }
                out.add(ev);
            }
            if (changed) publish();
        }
        IpsecEventListener l = listener;
        for (IpsecEvent ev : out) l.onEvent(ev);
    }

    void post(IpsecEvent e) { pending.add(e); }

    void acquire(CompiledPolicy p, int src, int dst, int proto, int sport, int dport) {
        Selector packet = new Selector(IpPrefix.host(inet(src)), IpPrefix.host(inet(dst)), proto, sport, dport);
        pending.add(new IpsecEvent.Acquire(p.policy(), p.template(), packet));
    }

    void mappingChanged(SaEntry e, int oldIp, int oldPort, int ip, int port) {
        pending.add(new IpsecEvent.NatMappingChange(e.params().id(), new InetSocketAddress(inet(oldIp), oldPort),
                new InetSocketAddress(inet(ip), port)));
    }

    static InetAddress inet(int ip) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- status views ---------------------------------------------------------------------

    /** {@code /ip ipsec installed-sa print}: one row per installed SA, with live counters. */
    public List<InstalledSa> installedSas() {
        List<SaEntry> list;
        Set<Long> dying;
        synchronized (this) { list = List.copyOf(sas.values()); dying = Set.copyOf(softTimeFired); }
        long now = clock.getAsLong();
        // each worker's runtimes once per listing, not once per SA: with 2,000 SAs that was 4 million map entries per print
        List<Map<Long, SaRuntime>> runtimes = new ArrayList<>();
        for (IpsecWorker w : workers) runtimes.add(w.runtimesBySerial());
        List<InstalledSa> rows = new ArrayList<>();
        for (SaEntry e : list) {
            boolean soft = dying.contains(e.serial());
            for (Map<Long, SaRuntime> m : runtimes) { SaRuntime r = m.get(e.serial()); if (r != null && r.softFired) soft = true; }
            rows.add(InstalledSa.of(e, counters(e, runtimes), soft, now));   // from the maps taken above, not querySa's lock and maps per SA
        }
        return rows;
    }

    /** {@code /ip ipsec statistics print} from this router's counters. */
    public static Map<String, Long> statistics(CounterSnapshot counters) { return IpsecStatistics.from(counters); }

    /** Wireshark {@code esp_sa} UAT file text for every installed ESP SA (keys included: handle as a secret). */
    public String wiresharkEspSa() {
        List<SaEntry> list;
        synchronized (this) { list = List.copyOf(sas.values()); }
        return WiresharkEspSa.export(list.stream().filter(e -> !e.ah()).map(SaEntry::params).toList());
    }
}
