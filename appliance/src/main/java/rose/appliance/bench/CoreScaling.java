package rose.appliance.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * {@code rose bench --cores 1,2}: the same workloads on routers with 1, 2, … dataplane workers,
 * each worker its own thread ({@link ScalingLab}), side by side in one run (issue 4 and issue 7
 * item 6): forwarding at 64 B over many flows, and one IPsec tunnel carrying many flows at each
 * size. Each cell: a warm-up, then packets delivered to the sink over the cell's duration, the
 * best of {@link #ROUNDS} rounds. The
 * machine's load average is recorded before and after, since other work on it shows in the figures.
 */
final class CoreScaling {
    static final int FLOWS = 64;

    record Cell(String workload, int sizeBytes, int cores, double pps) {
        double mbps() { return pps * sizeBytes * 8 / 1e6; }
    }

    private final List<Cell> cells = new ArrayList<>();
    private final String algorithm;
    private double loadBefore, loadAfter;
    private final Map<String, String> cryptoShares = new LinkedHashMap<>();   // last round, by workload at the most workers

    private CoreScaling(String algorithm) { this.algorithm = algorithm; }

    interface Lab {
        ScalingLab open() throws Exception;
    }

    /**
     * Every workload at every core count, {@link #ROUNDS} times in turn (1, 2, 1, 2 …) after one
     * warm-up round, keeping each cell's best: on a shared machine the others' bursts then cost
     * both columns alike, rather than whichever cell ran during one.
     */
    static CoreScaling run(List<Integer> cores, String algorithm, List<Integer> sizes, long cellNanos, IntConsumer progress)
            throws Exception {
        CoreScaling s = new CoreScaling(algorithm);
        Transform t = BenchCommand.transform(algorithm);
        CryptoEngines engines = CryptoEngines.standard();
        List<String> workloads = new ArrayList<>();
        workloads.add("forwarding@64");
        for (int size : sizes) workloads.add("ipsec@" + size);
        s.loadBefore = load();
        for (String w : workloads) for (int c : cores) measure(lab(w, c, t, engines), cellNanos / 4, new String[1]);   // JIT warm-up
        Map<String, Double> best = new LinkedHashMap<>();
        int done = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String w : workloads) {
                for (int c : cores) {
                    String[] share = new String[1];
                    double pps = measure(lab(w, c, t, engines), cellNanos, share);
                    if (share[0] != null && c == cores.get(cores.size() - 1)) s.cryptoShares.put(w, share[0]);
                    best.merge(w + "/" + c, pps, Math::max);
                    progress.accept(++done);
                }
            }
        }
        for (String w : workloads) {
            String[] p = w.split("@");
            for (int c : cores) s.cells.add(new Cell(p[0], Integer.parseInt(p[1]), c, best.get(w + "/" + c)));
        }
        s.loadAfter = load();
        return s;
    }

    static final int ROUNDS = 3;

    private static Lab lab(String workload, int cores, Transform t, CryptoEngines engines) {
        String[] p = workload.split("@");
        int size = Integer.parseInt(p[1]);
        return p[0].equals("forwarding") ? () -> ScalingLab.forwarding(cores, size, FLOWS) : () -> ScalingLab.ipsec(cores, t, size, FLOWS, engines);
    }

    static int cellCount(List<Integer> cores, List<Integer> sizes) { return ROUNDS * cores.size() * (1 + sizes.size()); }

    /** Packets per second delivered after a warm-up of half the cell (the JIT, the pools). */
    private static double measure(Lab lab, long nanos, String[] cryptoShare) throws Exception {
        try (ScalingLab l = lab.open()) {
            Thread.sleep(Math.max(200, nanos / 4_000_000));
            long before = l.delivered(), start = System.nanoTime();
            Thread.sleep(nanos / 1_000_000);
            long got = l.delivered() - before, took = System.nanoTime() - start;
            cryptoShare[0] = l.cryptoShare();
            return got * 1e9 / took;
        }
    }

    private static double load() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

    List<Cell> cells() { return cells; }

    String table() {
        Map<String, Map<Integer, Cell>> rows = new LinkedHashMap<>();
        List<Integer> cores = new ArrayList<>();
        for (Cell c : cells) {
            rows.computeIfAbsent(c.workload() + "@" + c.sizeBytes(), k -> new LinkedHashMap<>()).put(c.cores(), c);
            if (!cores.contains(c.cores())) cores.add(c.cores());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Scaling over dataplane workers per router (one thread each; memory ports, %d UDP flows; IPsec: one tunnel, %s,%n"
                + "two routers, so N workers per router is 2N threads; the generator's port is received by worker 0, which steers by flow hash)%n",
                FLOWS, BenchReport.configuration(algorithm)));
        sb.append(String.format(Locale.ROOT, "%-22s", "workload"));
        for (int c : cores) sb.append(String.format(Locale.ROOT, "%26s", c + (c == 1 ? " worker" : " workers")));
        if (cores.size() > 1) sb.append(String.format(Locale.ROOT, "%10s", cores.get(cores.size() - 1) + "/" + cores.get(0)));
        sb.append('\n');
        for (Map.Entry<String, Map<Integer, Cell>> e : rows.entrySet()) {
            Cell first = e.getValue().values().iterator().next();
            sb.append(String.format(Locale.ROOT, "%-22s", (first.workload().equals("ipsec") ? "IPsec " : "forwarding ") + first.sizeBytes() + " B"));
            for (int c : cores) {
                Cell x = e.getValue().get(c);
                sb.append(String.format(Locale.ROOT, "%26s", String.format(Locale.ROOT, "%.1f kpps %.1f Mbps", x.pps() / 1e3, x.mbps())));
            }
            if (cores.size() > 1) {
                double a = e.getValue().get(cores.get(0)).pps(), b = e.getValue().get(cores.get(cores.size() - 1)).pps();
                sb.append(String.format(Locale.ROOT, "%9.2fx", a > 0 ? b / a : 0));
            }
            sb.append('\n');
        }
        for (Map.Entry<String, String> e : cryptoShares.entrySet())
            sb.append(String.format(Locale.ROOT, "IPsec %s B, %d workers: half-vectors of crypto run by the other worker: %s%n",
                    e.getKey().substring(e.getKey().indexOf('@') + 1), cores.get(cores.size() - 1), e.getValue()));
        sb.append(String.format(Locale.ROOT, "Load average %.2f before, %.2f after, on %d CPUs (other work on the machine shows in these figures).%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("workload,algorithm,size_bytes,cores,kpps,mbps\n");
        for (Cell c : cells)
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.1f,%.1f%n", c.workload(), c.workload().equals("ipsec") ? algorithm : "",
                    c.sizeBytes(), c.cores(), c.pps() / 1e3, c.mbps()));
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"workload\": \"%s\", \"size_bytes\": %d, \"cores\": %d, \"kpps\": %.1f, \"mbps\": %.1f}",
                    c.workload(), c.sizeBytes(), c.cores(), c.pps() / 1e3, c.mbps()));
        }
        return sb.append(String.format(Locale.ROOT, "\n  ], \"load_before\": %.2f, \"load_after\": %.2f", loadBefore, loadAfter)).toString();
    }

    void print(PrintStream out) { out.print(table()); }
}
