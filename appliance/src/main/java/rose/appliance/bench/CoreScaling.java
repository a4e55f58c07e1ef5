package rose.appliance.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * {@code rose bench --cores 1,2}: one router's packet path on 1, 2, … worker threads (issue 7 item 6).
 *
 * <ol>
 *   <li>Seal the decrypt lab's traffic once per size and worker count ({@link ScalingLab#sealedFrames}: with
 *       per-CPU SAs, frames of each worker's SA) and measure
 *       what each traffic source costs per packet on its own: that work is done by worker 0 in
 *       every cell and is printed beside the figures.</li>
 *   <li>One warm-up pass over every cell (the JIT), then {@link #ROUNDS} rounds in turn
 *       (1, 2, 1, 2 …), keeping each cell's best: on a shared machine the others' bursts then cost
 *       both columns alike, rather than whichever cell ran during one.</li>
 *   <li>Each cell is ONE router ({@link ScalingLab}) with N workers and nothing else running, so N
 *       workers on a machine with at least N CPUs measure scaling, not oversubscription: forwarding,
 *       encrypt (one tunnel into a sink that only counts and checks ESP order) and decrypt (the
 *       same tunnel's sealed frames, replayed) are separate cells, never two routers at once.</li>
 *   <li>Record, at the most workers, how much each worker did (packets taken in, packets sealed or
 *       opened), the ESP frames that left out of order, and the load average before and after.</li>
 * </ol>
 */
final class CoreScaling {
    static final int FLOWS = 64;
    static final int ROUNDS = 3;
    /** Sealed frames the decrypt lab replays: sequence numbers 1 … RING, the inner flows in turn. */
    static final int RING = 4096;

    enum Workload {
        FORWARDING("Forwarding", "routing, no firewall"), ENCRYPT("Encrypt", "esp4-encrypt"), DECRYPT("Decrypt", "esp4-decrypt");
        final String title, path;
        Workload(String title, String path) { this.title = title; this.path = path; }
        String word() { return name().toLowerCase(Locale.ROOT); }
    }

    /** {@code cpus}: CPU time the process got over wall time during the cell (N on a quiet machine). */
    record Cell(Workload workload, int sizeBytes, int cores, double pps, double cpus) {
        double mbps() { return pps * sizeBytes * 8 / 1e6; }
    }

    /**
     * What each worker did in one cell: packets into ip4-input, packets sealed or opened, frames
     * it received and steered to another worker, packets its nodes handed to an SA's owner.
     */
    record Spread(long[] packetsIn, long[] crypto, long[] steered, long[] handedToOwner) {}

    private final List<Cell> cells = new ArrayList<>();
    private final String algorithm;
    private final ScalingLab.Scheme scheme;
    private final List<Integer> cores;
    private double loadBefore, loadAfter;
    private final Map<String, Spread> spreads = new LinkedHashMap<>();     // workload@size at the most workers, last round
    private final Map<String, Double> sourceNanos = new LinkedHashMap<>(); // workload@size
    private final Map<String, Map<String, Long>> drops = new LinkedHashMap<>();  // workload@size at the most workers, summed over rounds
    private long outOfOrder;

    private CoreScaling(String algorithm, ScalingLab.Scheme scheme, List<Integer> cores) {
        this.algorithm = algorithm;
        this.scheme = scheme;
        this.cores = List.copyOf(cores);
    }

    interface Lab {
        ScalingLab open() throws Exception;
    }

    static CoreScaling run(List<Integer> cores, String algorithm, List<Integer> sizes, long cellNanos, ScalingLab.Scheme scheme,
                           IntConsumer progress) throws Exception {
        CoreScaling s = new CoreScaling(algorithm, scheme, cores);
        Transform t = BenchCommand.transform(algorithm);
        CryptoEngines engines = CryptoEngines.standard();
        s.loadBefore = load();
        // the decrypt lab's ESP by size and worker count: with per-CPU SAs, RING frames of each worker's SA
        Map<String, byte[][]> sealed = new LinkedHashMap<>();
        for (int size : sizes)
            for (int c : cores) sealed.put(size + "/" + c, ScalingLab.sealedFrames(t, size, FLOWS, RING, engines, scheme, c));
        List<String> keys = new ArrayList<>();
        for (Workload w : Workload.values()) for (int size : sizes) keys.add(w.name() + "@" + size);
        for (String k : keys) {
            Workload w = workload(k);
            int size = size(k);
            // twice: the first pass warms the JIT
            for (int pass = 0; pass < 2; pass++)
                s.sourceNanos.put(k, ScalingLab.sourceNanosPerPacket(w == Workload.DECRYPT ? ScalingLab.ring(sealed.get(size + "/" + cores.get(0)))
                        : ScalingLab.generator(size, FLOWS), 100_000_000L));
        }
        for (String k : keys) for (int c : cores) s.measure(lab(k, c, t, engines, sealed, scheme), cellNanos / 4, null);   // JIT warm-up
        Map<String, double[]> best = new LinkedHashMap<>();          // pps, CPUs of the best round
        int done = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String k : keys) {
                for (int c : cores) {
                    double[] r = s.measure(lab(k, c, t, engines, sealed, scheme), cellNanos, c == cores.get(cores.size() - 1) ? k : null);
                    best.merge(k + "/" + c, r, (a, b) -> a[0] >= b[0] ? a : b);
                    progress.accept(++done);
                }
            }
        }
        for (String k : keys) for (int c : cores) {
            double[] r = best.get(k + "/" + c);
            s.cells.add(new Cell(workload(k), size(k), c, r[0], r[1]));
        }
        s.loadAfter = load();
        return s;
    }

    private static Workload workload(String key) { return Workload.valueOf(key.substring(0, key.indexOf('@'))); }
    private static int size(String key) { return Integer.parseInt(key.substring(key.indexOf('@') + 1)); }

    private static Lab lab(String key, int cores, Transform t, CryptoEngines engines, Map<String, byte[][]> sealed, ScalingLab.Scheme scheme) {
        int size = size(key);
        switch (workload(key)) {
            case FORWARDING: return () -> ScalingLab.forwarding(cores, size, FLOWS);
            case ENCRYPT: return () -> ScalingLab.encrypt(cores, t, size, FLOWS, engines, 0, scheme);
            default: return () -> ScalingLab.decrypt(cores, t, sealed.get(size + "/" + cores), 0, engines, scheme);
        }
    }

    static int cellCount(List<Integer> cores, List<Integer> sizes) { return ROUNDS * cores.size() * Workload.values().length * sizes.size(); }

    /**
     * Packets per second delivered over {@code nanos}, after a warm-up of a quarter of it (the JIT,
     * the pools), and the CPUs the process got meanwhile; {@code spreadKey} non-null records how
     * the workers shared the cell.
     */
    private double[] measure(Lab lab, long nanos, String spreadKey) throws Exception {
        try (ScalingLab l = lab.open()) {
            Thread.sleep(Math.max(200, nanos / 4_000_000));
            long before = l.delivered(), start = System.nanoTime(), cpu0 = processCpuNanos();
            Thread.sleep(nanos / 1_000_000);
            long got = l.delivered() - before, took = System.nanoTime() - start, cpu = processCpuNanos() - cpu0;
            if (spreadKey != null) {
                spreads.put(spreadKey, new Spread(l.packetsIn(), l.cryptoPackets(), l.steeredAway(), l.nodeHandoffs()));
                outOfOrder += l.outOfOrder();
                Map<String, Long> d = drops.computeIfAbsent(spreadKey, k -> new TreeMap<>());
                l.drops().forEach((k, v) -> d.merge(k, v, Long::sum));
            }
            return new double[] {got * 1e9 / took, cpu0 < 0 ? Double.NaN : cpu / (double) took};
        }
    }

    /** CPU time of this JVM (the workers; this thread sleeps), or -1 where the JVM cannot say. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static double load() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

    List<Cell> cells() { return cells; }
    Spread spread(Workload w, int size) { return spreads.get(w.name() + "@" + size); }
    long outOfOrder() { return outOfOrder; }
    Map<String, Map<String, Long>> drops() { return drops; }
    ScalingLab.Scheme scheme() { return scheme; }

    private Cell cell(Workload w, int size, int cores) {
        for (Cell c : cells) if (c.workload() == w && c.sizeBytes() == size && c.cores() == cores) return c;
        return null;
    }

    private List<Integer> sizesLargestFirst() {
        TreeMap<Integer, Boolean> s = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Cell c : cells) s.put(c.sizeBytes(), true);
        return new ArrayList<>(s.keySet());
    }

    /** MikroTik's product-page layout: per workload a row per core count, then the ratio row. */
    String table() {
        List<Integer> sizes = sizesLargestFirst();
        int cpus = Runtime.getRuntime().availableProcessors();
        int most = cores.get(cores.size() - 1), fewest = cores.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Scaling over cores: one router, N dataplane workers (one thread each) on a host with %d CPUs;%n"
                + "single tunnel %s, %d UDP flows, memory ports; one router per cell, nothing else running%n"
                + "One tunnel over N workers (--scheme %s): %s%n",
                cpus, BenchReport.configuration(algorithm), FLOWS, scheme.word, scheme.description));
        sb.append(String.format(Locale.ROOT, "%-14s %-22s", "Workload", "Cores"));
        for (int s : sizes) sb.append(String.format(Locale.ROOT, " | %-19s", s + " byte"));
        sb.append('\n').append(String.format(Locale.ROOT, "%-14s %-22s", "", ""));
        for (int ignored : sizes) sb.append(String.format(Locale.ROOT, " | %8s %10s", "kpps", "Mbps"));
        sb.append('\n');
        for (Workload w : Workload.values()) {
            for (int c : cores) {
                sb.append(String.format(Locale.ROOT, "%-14s %-22s", c == fewest ? w.title : "", c + (c == 1 ? " core" : " cores")));
                for (int s : sizes) {
                    Cell x = cell(w, s, c);
                    sb.append(String.format(Locale.ROOT, " | %8.1f %10.1f", x.pps() / 1e3, x.mbps()));
                }
                sb.append('\n');
            }
            if (cores.size() > 1) {
                sb.append(String.format(Locale.ROOT, "%-14s %-22s", "", most + " / " + fewest));
                for (int s : sizes) {
                    double a = cell(w, s, fewest).pps(), b = cell(w, s, most).pps();
                    sb.append(String.format(Locale.ROOT, " | %19s", String.format(Locale.ROOT, "%.2fx", a > 0 ? b / a : 0)));
                }
                sb.append('\n');
            }
            if (cores.size() > 1) {
                // packets per CPU-second, most over fewest: on a machine where others take CPU time the
                // plain ratio says which cell got more CPU; this one says what each CPU-second carried
                sb.append(String.format(Locale.ROOT, "%-14s %-22s", "", most + " / " + fewest + " per CPU used"));
                for (int s : sizes) {
                    Cell a = cell(w, s, fewest), b = cell(w, s, most);
                    double e = a.pps() > 0 && a.cpus() > 0 && b.cpus() > 0 ? (b.pps() / b.cpus()) / (a.pps() / a.cpus()) : Double.NaN;
                    sb.append(String.format(Locale.ROOT, " | %19s", Double.isNaN(e) ? "-" : String.format(Locale.ROOT, "%.2fx", e)));
                }
                sb.append('\n');
            }
        }
        sb.append('\n');
        sb.append("Forwarding: generators -> router (route) -> sink. Encrypt: generators -> router (route, SPD, esp4-encrypt) -> sink that\n"
                + "counts ESP and checks each SA's sequence order. Decrypt: " + RING + " ESP frames per SA sealed beforehand, replayed (anti-replay\n"
                + "off, window 0, since the ring repeats) -> router (esp4-decrypt, IN policy, forward) -> sink. Mbps counts the inner packet.\n"
                + (scheme == ScalingLab.Scheme.PER_CPU_SAS
                        ? "Per-CPU SAs: the bench installs N SA pairs for the one policy itself (routers with /ip ipsec settings per-cpu-sas=yes negotiate them over IKEv2, RFC 9611).\n" : ""));
        sb.append("CPUs the router got (process CPU time / wall time during the cell; N on an idle machine):");
        for (Workload w : Workload.values()) {
            sb.append(String.format(Locale.ROOT, "%n  %-11s", w.word()));
            for (int s : sizes) {
                sb.append(String.format(Locale.ROOT, "  %d B", s));
                for (int c : cores) sb.append(String.format(Locale.ROOT, " %s", String.format(Locale.ROOT, "%.2f", cell(w, s, c).cpus())));
            }
        }
        sb.append('\n');
        sb.append("Traffic: each worker polls its own source port with the flows RSS gives it (the decrypt rings: by SPI, the worker\n"
                + "the router steers each SA's ESP to), pre-built frames copied into its buffers; closed loop, at most " + ScalingLab.WINDOW + " packets\n"
                + "inside the router, so no queue overflows. Its CPU ns per packet, measured alone, and share of one core's time at the 1-core rate:");
        for (Workload w : Workload.values()) {
            sb.append(String.format(Locale.ROOT, "%n  %-11s", w.word()));
            for (int s : sizes) {
                double ns = sourceNanos.getOrDefault(w.name() + "@" + s, 0.0);
                Cell one = cell(w, s, fewest);
                sb.append(String.format(Locale.ROOT, "  %d B %.0f ns (%.0f%%)", s, ns, one == null ? 0 : ns * one.pps() / 1e7 / (one.cpus() > 0 ? one.cpus() : 1)));
            }
        }
        sb.append('\n');
        if (most > 1) {
            sb.append(String.format(Locale.ROOT, "Work per worker at %d cores (packets in at ip4-input; packets sealed or opened; packets handed to%n"
                    + "another worker: received frames steered on, and packets sent to the SA's owner to be numbered):%n", most));
            for (Workload w : Workload.values()) {
                for (int s : sizes) {
                    Spread sp = spread(w, s);
                    if (sp == null) continue;
                    sb.append(String.format(Locale.ROOT, "  %-11s %4d B  in %s", w.word(), s, shares(sp.packetsIn())));
                    if (w != Workload.FORWARDING) sb.append("  crypto ").append(shares(sp.crypto()));
                    sb.append(String.format(Locale.ROOT, "  hand-offs %d steered, %d to the owner", sum(sp.steered()), sum(sp.handedToOwner())));
                    sb.append('\n');
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "ESP frames out of sequence order at the encrypt sink: %d.%n", outOfOrder));
        StringBuilder d = new StringBuilder();
        drops.forEach((k, v) -> { if (!v.isEmpty()) d.append(String.format(Locale.ROOT, "%n  %-11s %4d B  %s", workload(k).word(), size(k), v)); });
        sb.append(String.format(Locale.ROOT, "Drops at %d cores%s%n", most, d.length() == 0 ? ": none." : ":" + d));
        sb.append(String.format(Locale.ROOT, "Load average %.2f before, %.2f after, on %d CPUs%s%n", loadBefore, loadAfter, cpus,
                loadBefore > cpus - most + 1.0       // + 1: this bench's own thread until now
                        ? ":\nother work competed for the CPUs, so the plain ratios say which cell got more CPU time (see 'CPUs the router got');\n"
                        + "'per CPU used' (1.00x = each added core carries as much as the first) is steadier; re-measure on an idle machine." : "."));
        return sb.toString();
    }

    private static long sum(long[] a) {
        long t = 0;
        for (long v : a) t += v;
        return t;
    }

    /** "w0 52% w1 48%" of a per-worker count. */
    private static String shares(long[] perWorker) {
        long total = 0;
        for (long v : perWorker) total += v;
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < perWorker.length; w++)
            sb.append(w == 0 ? "" : " ").append(String.format(Locale.ROOT, "w%d %d%%", w, total == 0 ? 0 : Math.round(100.0 * perWorker[w] / total)));
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("workload,algorithm,scheme,size_bytes,cores,kpps,mbps,cpus_used\n");
        for (Cell c : cells) {
            boolean fwd = c.workload() == Workload.FORWARDING;
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%.1f,%.2f%n", c.workload().word(), fwd ? "" : algorithm, fwd ? "" : scheme.word,
                    c.sizeBytes(), c.cores(), c.pps() / 1e3, c.mbps(), c.cpus()));
        }
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"workload\": \"%s\", \"size_bytes\": %d, \"cores\": %d, \"kpps\": %.1f, \"mbps\": %.1f, \"cpus_used\": %.2f}",
                    c.workload().word(), c.sizeBytes(), c.cores(), c.pps() / 1e3, c.mbps(), Double.isNaN(c.cpus()) ? 0 : c.cpus()));
        }
        return sb.append(String.format(Locale.ROOT, "\n  ], \"scheme\": \"%s\", \"cpus\": %d, \"load_before\": %.2f, \"load_after\": %.2f, \"out_of_order\": %d",
                scheme.word, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, outOfOrder)).toString();
    }

    void print(PrintStream out) { out.print(table()); }
}
