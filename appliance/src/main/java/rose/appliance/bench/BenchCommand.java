package rose.appliance.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import rose.appliance.Io;
import rose.board.BoardDataException;
import rose.board.BoardProfile;
import rose.board.BoardProfiles;
import rose.board.ThroughputFigure;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * {@code rose bench}: IPsec throughput in MikroTik's product-page layout (issue 7 item 4).
 *
 * <ol>
 *   <li>for each tunnel count, algorithm and size, build the lab: {@link TwoRouterLab} (default:
 *       generator, two routers on a memory wire with {@code n} SAs and policy pairs, a sink; traffic
 *       spread over the tunnels one batch of 64 per tunnel in turn) or, with {@code --lab loopback},
 *       {@link EspLoopbackLab} (the ESP nodes alone);</li>
 *   <li>warm up until the JIT has settled ({@link #warmUp}) and for half a cell more, then push vectors
 *       for {@code --duration} and count the inner packets that come out decrypted;</li>
 *   <li>after all the tunnel cells, measure the crypto limit of each algorithm and size in the same run
 *       ({@link CryptoLimit}: the tunnel's engine, warmed until the JIT settles, on CPU time); one that
 *       comes out below its tunnel is measured once more, longer, and the report flags it if it stays below;</li>
 *   <li>print the table with a progress bar on stderr meanwhile; write CSV, JSON and SVG when asked.</li>
 * </ol>
 * With {@code --compare}, {@link CompareRun} then sends the same single-tunnel workload through ROSE,
 * ROSE without IPsec, strongSwan and the kernel in network namespaces ({@link CompareReport}).
 */
public final class BenchCommand {
    static final List<String> DEFAULT_ALGORITHMS = List.of("aes-128-cbc/sha1", "aes-128-cbc/sha256", "aes-256-cbc/sha1",
            "aes-128-gcm", "aes-256-gcm");
    static final String USAGE = "Usage: rose bench [--board ID] [--algorithms A,B] [--sizes 64,512,1400] [--tunnels 1,256]\n"
            + "                  [--duration MS] [--lab two-routers|loopback] [--compare] [--burst N] [--repeat N] [--cores N[,M]] [--scheme S]\n"
            + "                  [--format table|csv|json] [--chart FILE.svg] [--csv FILE] [--json FILE] [--svg FILE] [--no-progress]\n"
            + "  algorithms are RouterOS words, enc/auth: aes-128-cbc/sha1, aes-256-gcm, chacha20poly1305\n"
            + "  --duration is per cell in milliseconds (default 800; with --compare 1000, whole seconds)\n"
            + "  --compare (root): the same single-tunnel workload through ROSE IPsec, ROSE without IPsec, strongSwan's\n"
            + "            userspace ESP and the kernel's XFRM, in network namespaces with iperf3 UDP; one algorithm\n"
            + "            (default aes-128-gcm); prints Mbps and kpps per size and the ratios\n"
            + "  --cores   also measure one router on N, M ... dataplane workers (one thread each, at most this machine's\n"
            + "            CPUs): forwarding, one tunnel's encrypt and its decrypt, each alone, side by side with the ratio;\n"
            + "            with --compare, the CPUs that lab is pinned to (taskset, default: all)\n"
            + "  --scheme  how --cores spreads the one tunnel over the workers: per-cpu-sas (default: one SA pair per worker\n"
            + "            for the one policy, RFC 9611 style, installed by the bench), split (one SA, its owner worker splits each\n"
            + "            vector's crypto with the others) or owner (one SA, its owner worker does all the crypto)\n"
            + "  --burst   with --compare, iperf3's sender writes N datagrams per pacing step (-b RATE/N; default "
            + CompareRun.DEFAULT_BURST + ",\n"
            + "            1: one system call and one select per datagram, as iperf3 does by default); the same for every path\n"
            + "  --repeat  with --compare, measure every path N times in turns; cells are medians, ratios the median of\n"
            + "            the rounds' own ratios with their range (default 1)\n"
            + "  --format  what goes to stdout: the table (default), or the cells as csv or json\n"
            + "  --chart   an SVG bar chart of the comparison (or of the table without --compare)\n";

    private BenchCommand() {}

    /** Options as parsed. */
    record Options(String board, List<String> algorithms, List<Integer> sizes, List<Integer> tunnels, long durationMillis,
                   Path csv, Path json, Path svg, boolean progress, boolean loopback, boolean compare, List<Integer> cores,
                   String format, Path chart, boolean scaling, ScalingLab.Scheme scheme, int burst, int repeat) {}

    public static int run(List<String> args, Io io) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            io.err().println("rose bench: " + e.getMessage());
            io.err().print(USAGE);
            return 2;
        }
        if (o == null) {
            io.out().print(USAGE);
            return 0;
        }
        BenchReport report;
        CompareReport compare = null;
        CoreScaling scaling = null;
        PrintStream progress = o.progress() ? io.err() : null;
        try {
            // with --compare the memory-port table is the reference beside it: short cells, the namespaces get the time
            report = run(o.compare() ? withDuration(o, 300) : o, progress);
            if (o.scaling()) scaling = scaling(o, progress);
            if (o.compare()) compare = compare(o, progress);
        } catch (Exception e) {
            io.err().println("rose bench: " + e.getMessage());
            return 1;
        }
        PrintStream out = io.out();
        if (o.format().equals("csv")) {
            out.print(compare != null ? compare.csv() : report.csv());
            if (scaling != null) out.print("\n" + scaling.csv());
        } else if (o.format().equals("json")) {
            String main = compare != null ? compare.json() : report.json();
            out.print(scaling == null ? main : "{\"results\": " + main.strip() + ",\n \"scaling\": " + scaling.json() + "}\n");
        } else {
            table(o, report, compare, out);
            if (scaling != null) {
                out.println();
                scaling.print(out);
            }
        }
        try {
            if (o.csv() != null) Files.writeString(o.csv(), report.csv());
            if (o.json() != null) Files.writeString(o.json(), report.json());
            if (o.svg() != null) Files.writeString(o.svg(), report.svg());
            if (o.chart() != null) Files.writeString(o.chart(), compare != null ? compare.svg() : report.svg());
        } catch (IOException e) {
            io.err().println("rose bench: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private static void table(Options o, BenchReport report, CompareReport compare, PrintStream out) {
        out.print(report.table());
        out.println();
        out.println("Numbers are from this machine (" + machine() + "), not from the board.");
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (load > cpus) out.println(String.format(Locale.ROOT,
                "The machine was busy (load average %.1f on %d CPUs): expect noisy numbers; rerun on an idle machine or with a longer --duration.", load, cpus));
        out.println(o.loopback()
                ? "Harness: the dataplane's IPsec nodes back to back in one worker (SPD, esp4-encrypt, esp4-decrypt, replay and inbound policy check)."
                : "Harness: generator -> left router (route, SPD, esp4-encrypt) -> memory wire -> right router (esp4-decrypt, replay, IN policy, forward) -> sink.");
        out.println("Static keys (IKE not measured), both routers stepped on one thread.");
        boardNotes(o.board(), out);
        if (compare == null) return;
        out.println();
        out.print(compare.table());
        out.println("Each path: iperf3 UDP -l SIZE-28 -w 4M from host namespace src to dst through two routers in namespaces: a 1 s probe");
        out.println("unpaced, then paced runs from 1.2x what it got through, 1.5x more while under 1% is lost; the best rate dst received.");
        out.println(o.burst() == 1 ? "The sender paces every datagram (--burst 1)."
                : "The sender paces bursts of " + o.burst() + " datagrams (-b RATE/" + o.burst() + ", --burst): it shares the CPUs with the routers.");
        String rx = ("false".equals(System.getProperty("rose.port.rx-ring")) ? "recvmmsg" : "PACKET_RX_RING")
                + ("true".equals(System.getProperty("rose.port.tx-ring")) ? ", PACKET_TX_RING" : ", sendmmsg");
        StringBuilder workers = new StringBuilder();
        for (int c : o.cores()) workers.append(workers.length() == 0 ? "" : "/").append(CompareRun.routerWorkers(c));
        out.println("ROSE: two 'rose run' processes, " + workers + " dataplane worker(s) each (half the --cores), AF_PACKET on veths (" + rx + "),");
        out.println("IKEv2 PSK tunnel. strongSwan: charon + kernel-libipsec,");
        out.println("ESP in userspace over TUN, kernel forwarding. Linux routed: the router namespaces forwarding in the kernel, the");
        out.println("lab's ceiling. Every process pinned to the first --cores CPUs (taskset).");
    }

    private static Options withDuration(Options o, long millis) {
        return new Options(o.board(), o.algorithms(), o.sizes(), o.tunnels(), millis, o.csv(), o.json(), o.svg(), o.progress(), o.loopback(),
                o.compare(), o.cores(), o.format(), o.chart(), o.scaling(), o.scheme(), o.burst(), o.repeat());
    }

    /** Forwarding, encrypt and decrypt of one tunnel on a router with each --cores count of workers (issue 7 item 6). */
    static CoreScaling scaling(Options o, PrintStream progress) throws Exception {
        String alg = o.algorithms().contains("aes-128-gcm") ? "aes-128-gcm" : o.algorithms().get(0);
        int total = CoreScaling.cellCount(o.cores(), o.sizes());
        bar(progress, 0, total, "scaling over workers");
        CoreScaling s = CoreScaling.run(o.cores(), alg, o.sizes(), Math.max(1000, o.durationMillis()) * 1_000_000L, o.scheme(),
                done -> bar(progress, done, total, "scaling over workers"));
        if (progress != null) progress.println();
        return s;
    }

    /** Every path of --compare at every size, once per core count and round, with the progress bar. */
    static CompareReport compare(Options o, PrintStream progress) {
        String alg = o.algorithms().get(0);
        int seconds = (int) Math.max(1, Math.round(o.durationMillis() / 1000.0));
        int total = o.repeat() * o.cores().size() * ComparePath.values().length * o.sizes().size();
        int[] done = {0};
        String[] prefix = {""};
        CompareRun run = new CompareRun(PeerAlgorithms.of(alg), o.sizes(), seconds, o.burst(), new CompareRun.Progress() {
            @Override public void step(String what) { bar(progress, ++done[0], total, prefix[0] + what); }
            @Override public void doing(String what) { bar(progress, done[0], total, prefix[0] + what); }
        });
        List<List<CompareCell>> rounds = new ArrayList<>();
        for (int r = 1; r <= o.repeat(); r++) {
            List<CompareCell> cells = new ArrayList<>();
            for (int c : o.cores()) {
                prefix[0] = (o.repeat() > 1 ? "round " + r + "/" + o.repeat() + ", " : "") + "compare, " + c + " core" + (c == 1 ? "" : "s") + ": ";
                bar(progress, done[0], total, prefix[0] + "setting up namespaces");
                cells.addAll(run.run(c));
            }
            rounds.add(cells);
        }
        bar(progress, done[0], total, "done");
        if (progress != null) progress.println();
        return CompareReport.ofRounds(alg, CompareRun.strongswanVersion(), seconds, rounds);
    }

    static Options parse(List<String> args) {
        String board = null;
        List<String> algs = DEFAULT_ALGORITHMS;
        List<Integer> sizes = List.of(64, 512, 1400), tunnels = List.of(1, 256);
        long duration = -1;
        Path csv = null, json = null, svg = null, chart = null;
        boolean progress = true, loopback = false, compare = false, algsGiven = false, tunnelsGiven = false, coresGiven = false;
        List<Integer> cores = List.of(Runtime.getRuntime().availableProcessors());
        String format = "table";
        ScalingLab.Scheme scheme = ScalingLab.Scheme.PER_CPU_SAS;
        int burst = CompareRun.DEFAULT_BURST;
        int repeat = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help": case "-h": return null;
                case "--no-progress": progress = false; continue;
                case "--compare": compare = true; continue;
                default: break;
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException("unknown option or missing value: " + a);
            String v = args.get(++i);
            switch (a) {
                case "--board": board = v; break;
                case "--algorithms": algs = List.of(v.split(",")); algsGiven = true; break;
                case "--sizes": sizes = ints(v, 28, 9000, "size"); break;
                case "--tunnels": tunnels = ints(v, 1, 256, "tunnel count"); tunnelsGiven = true; break;
                case "--cores": cores = cores(v); coresGiven = true; break;
                case "--scheme": scheme = ScalingLab.Scheme.of(v); break;
                case "--burst": burst = ints(v, 1, 1024, "burst").get(0); break;
                case "--repeat": repeat = ints(v, 1, 50, "repeat").get(0); break;
                case "--format":
                    if (!v.equals("table") && !v.equals("csv") && !v.equals("json")) throw new IllegalArgumentException("--format is table, csv or json");
                    format = v;
                    break;
                case "--chart": chart = Path.of(v); break;
                case "--duration": duration = ints(v, 10, 600_000, "duration").get(0); break;
                case "--csv": csv = Path.of(v); break;
                case "--json": json = Path.of(v); break;
                case "--svg": svg = Path.of(v); break;
                case "--lab":
                    if (!v.equals("two-routers") && !v.equals("loopback")) throw new IllegalArgumentException("--lab is two-routers or loopback");
                    loopback = v.equals("loopback");
                    break;
                default: throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        for (String alg : algs) transform(alg);
        if (compare) {
            if (!algsGiven) algs = List.of("aes-128-gcm");
            if (algs.size() != 1) throw new IllegalArgumentException("--compare measures one algorithm per run, not " + algs.size());
            if (PeerAlgorithms.of(algs.get(0)) == null)
                throw new IllegalArgumentException("--compare: no strongSwan and kernel spelling for " + algs.get(0) + " (aes-128-gcm, aes-256-gcm, aes-128-cbc/sha1, aes-256-cbc/sha256 ...)");
            if (!tunnelsGiven) tunnels = List.of(1);
            for (int s : sizes) if (s < 16 + rose.appliance.netns.Iperf3.IP_UDP_HEADERS) throw new IllegalArgumentException("--compare sends iperf3 UDP: sizes from 44 bytes");
        }
        if (duration < 0) duration = compare ? 1000 : 800;
        return new Options(board, algs, sizes, tunnels, duration, csv, json, svg, progress, loopback, compare, cores, format, chart, coresGiven,
                scheme, burst, repeat);
    }

    /**
     * --cores: each count at most this machine's CPUs. N workers measured on fewer CPUs would share
     * them, and the figure would measure the sharing, not the scaling (the same holds for --compare's taskset).
     */
    static List<Integer> cores(String v) {
        int cpus = Runtime.getRuntime().availableProcessors();
        List<Integer> r = ints(v, 1, Integer.MAX_VALUE, "core count");
        for (int n : r)
            if (n > cpus) throw new IllegalArgumentException("--cores " + n + ": this machine has " + cpus + " CPU" + (cpus == 1 ? "" : "s")
                    + "; " + n + " workers would share them and measure that, not scaling (at most --cores " + cpus + ")");
        return r;
    }

    private static List<Integer> ints(String v, int min, int max, String what) {
        List<Integer> r = new ArrayList<>();
        for (String s : v.split(",")) {
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + s);
            }
            if (n < min || n > max) throw new IllegalArgumentException(what + " " + n + " is outside " + min + ".." + max);
            r.add(n);
        }
        return r;
    }

    static Transform transform(String alg) {
        String[] p = alg.split("/");
        try {
            return Transform.of(p[0], p.length > 1 ? p[1] : "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("algorithm " + alg + ": " + e.getMessage());
        }
    }

    static BenchReport run(Options o, PrintStream progress) throws Exception {
        CryptoEngines engines = CryptoEngines.standard();
        List<BenchCell> cells = new ArrayList<>();
        int total = (o.tunnels().size() + 1) * o.algorithms().size() * o.sizes().size(), done = 0;
        long nanos = o.durationMillis() * 1_000_000L;
        for (int tunnels : o.tunnels()) {
            for (String alg : o.algorithms()) {
                Transform t = transform(alg);
                for (int size : o.sizes()) {
                    bar(progress, done, total, BenchReport.mode(tunnels) + ", " + BenchReport.configuration(alg) + ", " + size + " B");
                    java.util.function.LongSupplier lab = lab(o, t, tunnels, size, engines);
                    boolean settled = warmUp(lab, nanos).settled();
                    long warmEnd = System.nanoTime() + nanos / 2;
                    while (System.nanoTime() < warmEnd) lab.getAsLong();
                    long before = lab.getAsLong(), start = System.nanoTime(), end = start + nanos, got = before;
                    long now;
                    do {
                        got = lab.getAsLong();
                        now = System.nanoTime();
                    } while (now < end);
                    cells.add(new BenchCell(alg, tunnels, size, got - before, now - start, settled));
                    done++;
                }
            }
        }
        List<CryptoFigure> limits = new ArrayList<>();
        long slice = sliceNanos(nanos);
        for (String alg : o.algorithms()) {
            for (int size : o.sizes()) {
                bar(progress, done, total, "crypto limit, " + BenchReport.configuration(alg) + ", " + size + " B");
                limits.add(cryptoLimit(engines, alg, size, slice, cells));
                done++;
            }
        }
        bar(progress, done, total, "done");
        if (progress != null) progress.println();
        return new BenchReport("ROSE IPsec throughput (tunnel mode, ESP, userspace dataplane, "
                + (o.loopback() ? "ESP nodes back to back" : "two routers on a memory wire") + ", 1 core)", cells, limits);
    }

    /**
     * Runs a lab until the JIT has settled on it ({@link SteadyRate}'s warm-up on this thread's CPU
     * time, at most {@link CryptoLimit#MAX_WARMUP_NANOS}), before the cell's own half-duration
     * warm-up and its measurement on wall time. The JIT compiles the routers' nodes and the
     * AES/GHASH intrinsics only after thousands of calls, in background threads that wait for a
     * CPU on a busy machine: a fixed 250 ms warm-up per algorithm left the first cells measuring
     * the interpreter (the same single-tunnel cell three times in a row read 73, 115 and 206 kpps).
     */
    static SteadyRate.Result warmUp(java.util.function.LongSupplier lab, long cellNanos) throws Exception {
        long[] last = {lab.getAsLong()};
        return SteadyRate.onThisThread(sliceNanos(cellNanos), 1, CryptoLimit.MAX_WARMUP_NANOS).warmUp(() -> {
            long n = lab.getAsLong(), d = n - last[0];
            last[0] = n;
            return d;
        });
    }

    /** CPU time per warm-up and crypto-limit slice ({@link SteadyRate}): an eighth of a cell, from 10 to 50 ms. */
    static long sliceNanos(long cellNanos) {
        return Math.max(10_000_000L, Math.min(50_000_000L, cellNanos / 8));
    }

    /**
     * The crypto limit of one algorithm and size. One below a tunnel cell of the same algorithm and
     * size cannot be (the tunnel runs this crypto and more, on one thread): it is measured once more
     * with slices three times as long and the higher figure kept; the report flags it if still below.
     */
    static CryptoFigure cryptoLimit(CryptoEngines engines, String alg, int size, long slice, List<BenchCell> cells) throws Exception {
        CryptoFigure f = CryptoLimit.measure(engines, alg, size, slice);
        double tunnel = 0;
        for (BenchCell c : cells) if (c.algorithm().equals(alg) && c.sizeBytes() == size) tunnel = Math.max(tunnel, c.pps());
        if (!f.measured() || f.pps() >= tunnel) return f;
        CryptoFigure again = CryptoLimit.measure(engines, alg, size, 3 * slice);
        return again.pps() > f.pps() ? again : f;
    }

    /** A step of the chosen lab; returns the inner packets delivered so far. */
    private static java.util.function.LongSupplier lab(Options o, Transform t, int tunnels, int size, CryptoEngines engines)
            throws rose.ipsec.backend.IpsecBackendException {
        if (o.loopback()) {
            EspLoopbackLab l = new EspLoopbackLab(t, tunnels, size, engines);
            return l::vector;
        }
        TwoRouterLab l = new TwoRouterLab(t, tunnels, size, engines);
        return l::step;
    }

    private static void bar(PrintStream err, int done, int total, String what) {
        if (err == null) return;
        int width = 30, filled = total == 0 ? width : done * width / total;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " "
                + String.format(Locale.ROOT, "%-50s", what));
        err.flush();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }

    private static void boardNotes(String id, PrintStream out) {
        if (id == null) return;
        BoardProfile p;
        try {
            p = BoardProfiles.load().byId(id).orElse(null);
        } catch (BoardDataException e) {
            out.println("board " + id + ": profiles unreadable: " + e.getMessage());
            return;
        }
        if (p == null) {
            out.println("board " + id + ": no such profile");
            return;
        }
        out.println();
        out.println("Board " + p.name() + p.productCode().map(c -> " (" + c + ")").orElse("") + ": RouterOS acceleration row "
                + p.crypto().routerosRow().orElse("unknown"));
        int n = 0;
        for (ThroughputFigure f : p.throughput()) {
            if (!f.metric().toLowerCase(Locale.ROOT).contains("ipsec")) continue;
            out.println("  published: " + f.metric() + ": " + f.value() + " (" + f.conditions() + "; " + f.source() + ")");
            n++;
        }
        if (n == 0) out.println("  published IPsec figures: none found (reference 07 §A.4)");
    }
}
