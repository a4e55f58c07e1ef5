package rose.appliance.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.Ip4InputNode;
import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.ipsec.Esp4DecryptNode;
import rose.dataplane.ipsec.Esp4EncryptNode;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.Port;
import rose.ipsec.backend.IpPrefix;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * The labs of {@code rose bench --cores}: ONE router on N worker threads, and nothing else that
 * runs, so N workers get N CPUs and the figure is that router's alone. The traffic sources are
 * ports the router's workers poll, one per worker with the flows RSS would queue there
 * ({@link #attachSources}: pre-built frames copied into the worker's pool, as a NIC's DMA would
 * fill them; the cost per packet is measured apart, {@link #sourceNanosPerPacket}), closed loop
 * ({@link InFlightWindow}: what the router carries without loss, not how it sheds overload), and
 * the far end is a port that only counts. Three workloads:
 *
 * <ul>
 *   <li>{@link #forwarding}: generator → router (route, no firewall) → counting sink.</li>
 *   <li>{@link #encrypt}: generator → router (route, SPD, esp4-encrypt) → {@link EspSink}, one
 *       tunnel carrying {@code flows} UDP flows; the sink checks the ESP sequence numbers arrive
 *       in order.</li>
 *   <li>{@link #decrypt}: {@link FrameRing} of ESP frames the encrypt side sealed beforehand
 *       ({@link #sealedFrames}) → router (esp4-decrypt, IN policy, forward) → counting sink.</li>
 * </ul>
 * Encrypt and decrypt are measured one after the other, never at once: two routers on two CPUs
 * would each get one, whatever their worker count. How the one tunnel uses several workers is the
 * {@link Scheme}: per-CPU SAs (the default), the fork-join split of the owner's crypto, or the
 * owner alone.
 */
final class ScalingLab implements AutoCloseable {
    /** How one tunnel is spread over the router's workers. */
    enum Scheme {
        /**
         * One SA pair per worker for the one policy (RFC 9611's per-resource SAs, Linux's per-CPU
         * SAs), installed by the lab as IKE would after negotiating them: each worker encrypts
         * with its own SA, and each SA's ESP is received by its own worker (RSS on the SPI).
         */
        PER_CPU_SAS("per-cpu-sas", "per-CPU SAs: one SA per worker for the one policy (RFC 9611 style), ESP steered by SPI"),
        /** One SA; its owner numbers every packet and splits large vectors' crypto with the other workers. */
        SPLIT("split", "one SA; its owner worker numbers every packet and splits each vector's crypto with the others"),
        /** One SA; its owner numbers and seals every packet, the other workers hand theirs over. */
        OWNER("owner", "one SA; its owner worker does all the crypto, the others hand their packets to it");

        final String word, description;
        Scheme(String word, String description) { this.word = word; this.description = description; }

        static Scheme of(String word) {
            for (Scheme s : values()) if (s.word.equals(word)) return s;
            throw new IllegalArgumentException("--scheme is per-cpu-sas, split or owner, not " + word);
        }
    }

    private static final long GEN_MAC = Ethernet.local(0x51), LEFT1 = Ethernet.local(0x11), LEFT2 = Ethernet.local(0x12),
            RIGHT2 = Ethernet.local(0x22), RIGHT1 = Ethernet.local(0x21), SINK_MAC = Ethernet.local(0x61);
    /** SPI of the lab's SA, or of worker k's per-CPU SA: SPI + k. */
    static final int SPI = 0x1000;
    /** Packets the sources keep inside the router at most ({@link InFlightWindow}): under a hand-over ring's 1024. */
    static final int WINDOW = 512;

    private final Router router;
    private final DataplaneIpsecBackend backend;     // null for forwarding
    private final String cryptoNode;                 // esp4-encrypt / esp4-decrypt, null for forwarding
    private final LongSupplier delivered;
    private final EspSink espSink;                   // encrypt only

    private ScalingLab(Router router, DataplaneIpsecBackend backend, String cryptoNode, LongSupplier delivered, EspSink espSink, boolean start) {
        this.router = router;
        this.backend = backend;
        this.cryptoNode = cryptoNode;
        this.delivered = delivered;
        this.espSink = espSink;
        if (start) router.start();
    }

    static ScalingLab forwarding(int workers, int size, int flows) {
        Router r = new Router("fwd", RouterOptions.DEFAULT.withBuffers(4096).withWorkers(workers));
        RouterConfig.Builder c = RouterConfig.builder();
        InFlightWindow window = new InFlightWindow(WINDOW);
        attachSources(r, c, workers, size, flows, window);
        EspSink sink = new EspSink("ether2", LEFT2, 0);      // counts; forwarded UDP counts as not ESP
        window.countedBy(sink::frames);
        r.attach("ether2", sink);
        r.apply(c.iface("ether2").address("ether2", "10.2.0.1/16")
                .arp(new ArpConfig("ether2", Ip4Address.parse("10.2.0.9"), SINK_MAC)).build());
        return new ScalingLab(r, null, null, sink::frames, null, true);
    }

    /** The encrypting router, its ESP counted by an {@link EspSink} that keeps the first {@code keep} frames. */
    static ScalingLab encrypt(int workers, Transform t, int size, int flows, CryptoEngines engines, int keep, Scheme scheme)
            throws IpsecBackendException {
        return encrypt(workers, t, size, flows, engines, keep, true, scheme, SPI);
    }

    /** {@code spi}: the one SA's, or the first per-CPU SA's (worker k's is spi + k). */
    private static ScalingLab encrypt(int workers, Transform t, int size, int flows, CryptoEngines engines, int keep, boolean start,
                                      Scheme scheme, int spi) throws IpsecBackendException {
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(engines, System::nanoTime);
        b.splitCrypto(scheme == Scheme.SPLIT);
        Router r = new Router("left", RouterOptions.DEFAULT.withHooks(b.hooks(FlowHooks.NONE)).withBuffers(4096).withWorkers(workers));
        b.bind(r);
        RouterConfig.Builder c = RouterConfig.builder();
        InFlightWindow window = new InFlightWindow(WINDOW);
        attachSources(r, c, workers, size, flows, window);
        EspSink sink = new EspSink("ether2", LEFT2, keep);
        window.countedBy(sink::frames);
        r.attach("ether2", sink);
        r.apply(c.iface("ether2").address("ether2", "192.0.2.1/24")
                .route(RouteConfig.via("10.2.0.0/16", "192.0.2.2"))
                .arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.2"), RIGHT2)).build());
        installSas(b, scheme, workers, t, 1024, spi);
        b.addPolicy(policy(PolicyDirection.OUT));
        return new ScalingLab(r, b, Esp4EncryptNode.NAME, sink::frames, sink, start);
    }

    /**
     * The decrypting router, fed {@code esp} round and round. {@code replayWindow} 0 turns the SA's
     * anti-replay check off (RFC 4303 §3.4.3 lets a receiver do so), which a ring that repeats its
     * sequence numbers needs; a window above 0 checks them, for frames sent once.
     */
    static ScalingLab decrypt(int workers, Transform t, byte[][] esp, int replayWindow, CryptoEngines engines, Scheme scheme)
            throws IpsecBackendException {
        return decrypt(workers, t, esp, replayWindow, engines, true, scheme);
    }

    /** The decrypting router, not started, fed each frame of {@code esp} once: {@link #poll} steps it. */
    static ScalingLab decryptOnce(int workers, Transform t, byte[][] esp, int replayWindow, CryptoEngines engines, Scheme scheme)
            throws IpsecBackendException {
        return decrypt(workers, t, esp, replayWindow, engines, false, scheme);
    }

    /**
     * The ESP is received as a NIC with one receive queue per worker and RSS on the SPI would queue
     * it: each frame in the ring of the worker the router itself steers it to
     * ({@link Router#receiveWorker}: a per-CPU SA's worker, else the flow hash), so no frame is
     * copied across before the router's work starts. Worker w's ring is ether2 for w = 0, else
     * ether(w+2), with interface id w (ports are polled by id modulo workers); the sink comes next.
     */
    private static ScalingLab decrypt(int workers, Transform t, byte[][] esp, int replayWindow, CryptoEngines engines, boolean start,
                                      Scheme scheme) throws IpsecBackendException {
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(engines, System::nanoTime);
        b.splitCrypto(scheme == Scheme.SPLIT);
        Router r = new Router("right", RouterOptions.DEFAULT.withHooks(b.hooks(FlowHooks.NONE)).withBuffers(4096).withWorkers(workers));
        b.bind(r);
        installSas(b, scheme, workers, t, replayWindow, SPI);        // first: the steering reads them
        b.addPolicy(policy(PolicyDirection.IN));
        for (int w = 0; w < workers; w++) r.interfaceId(ring(w));
        EspSink sink = new EspSink("ether1", RIGHT1, 0);        // counts the inner packets (not ESP)
        InFlightWindow window = new InFlightWindow(WINDOW);
        window.countedBy(sink::frames);
        r.attach("ether1", sink);
        RouterConfig.Builder c = RouterConfig.builder().iface("ether1").address("ether1", "10.2.0.1/16")
                .arp(new ArpConfig("ether1", Ip4Address.parse("10.2.0.9"), SINK_MAC));
        for (int w = 0; w < workers; w++) {
            c.iface(ring(w)).address(ring(w), w == 0 ? "192.0.2.2/24" : "198.18." + w + ".1/24");
            List<byte[]> mine = new java.util.ArrayList<>();
            long mac = w == 0 ? RIGHT2 : Ethernet.local(0x80 + w);
            for (byte[] f : esp) {
                if (r.receiveWorker(f) != w) continue;
                byte[] g = f.clone();
                Bytes.put48(g, 0, mac);
                mine.add(g);
            }
            // started: measured, round and round; stepped: each once
            if (!mine.isEmpty()) r.attach(ring(w), new FrameRing(ring(w), mac, mine.toArray(new byte[0][]), 64, start, window));
        }
        r.apply(c.arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.1"), LEFT2)).build());
        return new ScalingLab(r, b, Esp4DecryptNode.NAME, sink::frames, null, start);
    }

    private static String ring(int worker) { return worker == 0 ? "ether2" : "ether" + (worker + 2); }

    /** The one SA ({@code spi}), or for {@link Scheme#PER_CPU_SAS} one per worker k (spi + k), pinned to k. */
    private static void installSas(DataplaneIpsecBackend b, Scheme scheme, int workers, Transform t, int replayWindow, int spi)
            throws IpsecBackendException {
        if (scheme != Scheme.PER_CPU_SAS) {
            b.addSa(sa(t, replayWindow, spi));
            return;
        }
        for (int k = 0; k < workers; k++) b.addPerCpuSa(sa(t, replayWindow, spi + k), k);
    }

    /**
     * {@code count} ESP frames of the encrypt lab's tunnel (sequence numbers 1 … count, {@code flows}
     * inner flows), sealed by a one-worker router stepped on this thread: the decrypt lab's traffic.
     */
    static byte[][] sealedFrames(Transform t, int size, int flows, int count, CryptoEngines engines) throws IpsecBackendException {
        return sealedFrames(t, size, flows, count, engines, SPI);
    }

    /** As {@link #sealedFrames(Transform, int, int, int, CryptoEngines)}, for the SA of SPI {@code spi} (a per-CPU SA: SPI + k). */
    static byte[][] sealedFrames(Transform t, int size, int flows, int count, CryptoEngines engines, int spi) throws IpsecBackendException {
        try (ScalingLab l = encrypt(1, t, size, flows, engines, count, false, Scheme.OWNER, spi)) {
            while (l.espSink.frames() < count) l.router.poll();
            return l.espSink.kept().toArray(new byte[0][]);
        }
    }

    /**
     * The decrypt lab's traffic for {@code workers} workers under {@code scheme}: {@code count}
     * frames of the one SA, or for per-CPU SAs {@code count} frames of each worker's SA, the SAs
     * in turn (frame i of SA k follows frame i of SA k-1).
     */
    static byte[][] sealedFrames(Transform t, int size, int flows, int count, CryptoEngines engines, Scheme scheme, int workers)
            throws IpsecBackendException {
        if (scheme != Scheme.PER_CPU_SAS) return sealedFrames(t, size, flows, count, engines);
        byte[][][] per = new byte[workers][][];
        for (int k = 0; k < workers; k++) per[k] = sealedFrames(t, size, flows, count, engines, SPI + k);
        byte[][] all = new byte[workers * count][];
        for (int i = 0; i < count; i++) for (int k = 0; k < workers; k++) all[i * workers + k] = per[k][i];
        return all;
    }

    /**
     * The traffic, as a NIC with one receive queue per worker and RSS would deliver it: worker w
     * polls its own generator port holding the flows the router's flow hash gives w, so no frame
     * is copied from worker to worker before the router's own work starts (a single generator
     * port would be received by worker 0 alone and steered from there: the lab's bottleneck, not
     * the router's). Port w is ether1 for worker 0, else ether(w+2); its interface id is w, so
     * worker w polls it (ports are polled by id modulo workers); the egress port comes next.
     */
    private static void attachSources(Router r, RouterConfig.Builder c, int workers, int size, int flows, InFlightWindow window) {
        byte[][] all = frames(size, flows);
        for (int w = 0; w < workers; w++) r.interfaceId(source(w));
        for (int w = 0; w < workers; w++) {
            List<byte[]> mine = new java.util.ArrayList<>();
            long mac = w == 0 ? LEFT1 : Ethernet.local(0x70 + w);
            for (byte[] f : all) {
                if (r.receiveWorker(f) != w) continue;
                byte[] g = f.clone();
                Bytes.put48(g, 0, mac);
                mine.add(g);
            }
            c.iface(source(w)).address(source(w), "10.1." + w + ".1/24");
            if (!mine.isEmpty()) r.attach(source(w), new FrameRing(source(w), mac, mine.toArray(new byte[0][]), 64, true, window));
        }
    }

    private static String source(int worker) { return worker == 0 ? "ether1" : "ether" + (worker + 2); }

    /** The lab's SA of SPI {@code spi}: keys that differ per SPI (per-CPU SAs each have their own, as IKE would derive them). */
    private static SaParams sa(Transform t, int replayWindow, int spi) {
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1 + 31 * spi);
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7 + 17 * spi);
        // no ESN: a window of 0 cannot have it (XFRM's rule, kept by SaParams), and both ends must agree
        return new SaParams(new SaId(spi, EspLoopbackLab.ip("192.0.2.2"), IpsecProtocol.ESP), EspLoopbackLab.ip("192.0.2.1"),
                SaMode.TUNNEL, t, ek, ak, Optional.empty(), replayWindow, false, Lifetime.UNLIMITED, 1, 0, Optional.empty());
    }

    private static Policy policy(PolicyDirection d) {
        InetAddress l = EspLoopbackLab.ip("192.0.2.1"), r = EspLoopbackLab.ip("192.0.2.2");
        Selector s = Selector.between(new IpPrefix(EspLoopbackLab.ip("10.1.0.0"), 16), new IpPrefix(EspLoopbackLab.ip("10.2.0.0"), 16));
        return new Policy(new PolicyKey(s, d, 0), PolicyAction.ENCRYPT, 1, List.of(Template.tunnel(l, r, 1, PolicyLevel.REQUIRE)));
    }

    /** Packets that reached the far end so far (inner packets, or ESP frames for encrypt). */
    long delivered() { return delivered.getAsLong(); }

    int workers() { return router.workers(); }

    /** Packets each worker took into ip4-input: how the flow hash spread the work. */
    long[] packetsIn() {
        long[] p = new long[router.workers()];
        for (int w = 0; w < p.length; w++) p[w] = router.workerCounters(w).packets(Ip4InputNode.NAME);
        return p;
    }

    /**
     * Packets each worker sealed or opened: its own vectors' packets ({@code esp4-encrypt} or
     * {@code esp4-decrypt} on the SA's owner) less those another worker ran for it, plus those it
     * ran for another. All zeros for forwarding.
     */
    long[] cryptoPackets() {
        long[] p = new long[router.workers()];
        if (backend == null) return p;
        for (int w = 0; w < p.length; w++)
            p[w] = router.workerCounters(w).packets(cryptoNode) - backend.cryptoPacketsRunByOthers(w) + backend.cryptoPacketsRunForOthers(w);
        return p;
    }

    /** Frames each worker received and handed to another (software RSS; 0 when each source is at its worker). */
    long[] steeredAway() {
        long[] p = new long[router.workers()];
        for (int w = 0; w < p.length; w++) p[w] = router.steeredAway(w);
        return p;
    }

    /** Packets each worker's nodes handed to another worker (an SA's owner): 0 with per-CPU SAs. */
    long[] nodeHandoffs() {
        long[] p = new long[router.workers()];
        for (int w = 0; w < p.length; w++) p[w] = router.nodeHandoffs(w);
        return p;
    }

    /** ESP frames the sink saw with a sequence number not above the last one of their SA (encrypt lab). */
    long outOfOrder() { return espSink == null ? 0 : espSink.outOfOrder(); }

    /** Frames the encrypt lab's sink kept, in the order sent. */
    List<byte[]> kept() { return espSink == null ? List.of() : espSink.kept(); }

    java.util.Map<String, Long> drops() { return router.counters().nonZeroDrops(); }

    /** Steps a router that was not started (tests, {@link #sealedFrames}). */
    int poll() { return router.poll(); }

    @Override
    public void close() { router.stop(); }

    /**
     * What the traffic source costs the worker that polls it, in nanoseconds per packet: {@code port}'s
     * receive into a pool and the free, on this thread for {@code nanos}. Reported beside the
     * figures, since in every lab that work is done by worker 0 on top of the router's.
     */
    static double sourceNanosPerPacket(Port port, long nanos) {
        java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = tm.getCurrentThreadCpuTime();
        rose.dataplane.buffer.PacketPool pool = new rose.dataplane.buffer.PacketPool(512,
                rose.dataplane.buffer.PacketPool.DEFAULT_BUFFER_SIZE, rose.dataplane.buffer.PacketPool.DEFAULT_HEADROOM);
        rose.dataplane.graph.PacketVector v = new rose.dataplane.graph.PacketVector();
        long packets = 0, start = System.nanoTime(), end = start + nanos, now;
        do {
            v.clear();
            int n = port.receive(pool, v, 0);
            for (int i = 0; i < n; i++) pool.free(v.handle(i));
            packets += n;
            now = System.nanoTime();
        } while (now < end);
        // CPU time, not wall time: on a shared machine the thread is descheduled part of the wall time
        long cpu = tm.getCurrentThreadCpuTime() - cpu0;
        return packets == 0 ? 0 : (cpu > 0 ? cpu : now - start) / (double) packets;
    }

    /** The generator port of the forwarding and encrypt labs, alone (for {@link #sourceNanosPerPacket}). */
    static Port generator(int size, int flows) { return new FrameRing("ether1", LEFT1, frames(size, flows), 64, true, null); }

    /** The decrypt lab's ring, alone (for {@link #sourceNanosPerPacket}). */
    static Port ring(byte[][] esp) { return new FrameRing("ether2", RIGHT2, esp, 64, true, null); }

    /** {@code flows} frames 10.1.0.5:(1024+f) -> 10.2.0.9:5678, {@code size} bytes of IP each. */
    static byte[][] frames(int size, int flows) {
        byte[][] f = new byte[flows][];
        for (int k = 0; k < flows; k++) {
            f[k] = TwoRouterLab.frame(size, 0);
            Bytes.put16(f[k], 14 + 20, 1024 + k);
            f[k][14 + 26] = 0;          // UDP checksum 0: none (RFC 768), valid whatever the port
            f[k][14 + 27] = 0;
            Bytes.put48(f[k], 0, LEFT1);
            Bytes.put48(f[k], 6, GEN_MAC);
        }
        return f;
    }
}
