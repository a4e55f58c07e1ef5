package rose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rose.appliance.netns.NetLab;
import rose.appliance.netns.RoseProcess;

/**
 * ROSE's memory footprint as the kernel sees it (issue 8: at most 128 MB RSS with 100 tunnels,
 * so a 256 MB board fits): {@code VmRSS} and {@code VmHWM} of real {@code rose run} processes,
 * started with the firmware image's JVM options.
 *
 * <ol>
 *   <li>two network namespaces joined by a veth pair ({@link NetLab}, needs root);</li>
 *   <li>router "a" alone with an empty configuration and its services on (SSH, API, REST listen on
 *       loopback inside its namespace): RSS after it settles;</li>
 *   <li>"b" with n passive peers, then "a" with n initiating peers (one address, peer, identity and
 *       tunnel policy each, IKEv2, PSK, modp2048), rebooted so that its peers initiate: RSS of both
 *       once "a" shows 2n installed SAs.</li>
 * </ol>
 * Run from the repository root (the image's options are read from
 * {@code firmware-image/src/main/resources/rose/image/default-rose} with its environment
 * ({@code MALLOC_ARENA_MAX}), or given with {@code -Drose.footprint.jvm="-Xmx.. ..."}):
 * {@code java -cp bench/target/benchmarks.jar rose.bench.Footprint [tunnels] [board]}.
 * Not a timing. Each case prints its RSS at the end, the median and range of 20 readings over
 * the 10 s before (RSS moves by 5-10 MiB with C2's compilations, whose arenas are malloc memory
 * handed back by the native trim every 5 s, and with when the collector last ran), and VmHWM.
 *
 * <p>To find where memory goes: {@code -Drose.footprint.detail=DIR} writes each process's threads,
 * {@code smaps_rollup}, {@code pmap -x}, heap shape, NMT summary and class histogram to DIR;
 * {@code -Drose.footprint.nmt=true} prints the NMT categories (add
 * {@code -XX:NativeMemoryTracking=summary} to the options); {@code -Drose.footprint.hold=S} keeps
 * both routers up S seconds after the report. The responder is configured live by default (its
 * 400 commands run in the measured process: about 2-3 MiB more code cache and 2 MiB more
 * metaspace than a router that read them at boot); {@code -Drose.footprint.reboot-responder=true}
 * reboots it first, as the initiator is, so it runs as a board does after a power-on.
 */
public final class Footprint {
    static final Path IMAGE_DEFAULTS = Path.of("firmware-image/src/main/resources/rose/image/default-rose");
    static final String PROFILE = "/ip ipsec profile set [find default=yes] hash-algorithm=sha256 enc-algorithm=aes-128 dh-group=modp2048\n";
    /** Services on, as on a fresh router (the lab's start script turns them off), on loopback inside the namespace. */
    static final String SERVICES = "/ip service set [find] disabled=no\n";
    static final long SETTLE_MILLIS = 10_000;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String board = args.length > 1 ? args[1] : "hex-rb750gr3";
        String why = NetLab.unavailable();
        if (why != null) {
            System.out.println("footprint: SKIPPED, " + why);
            return;
        }
        List<String> jvm = jvmOptions();
        Map<String, String> env = environment();
        System.out.printf("rose run as board %s, JVM options: %s, environment: %s, load average %s%n", board,
                String.join(" ", jvm), env, loadAverage());
        try (NetLab lab = new NetLab("fp")) {
            String nsA = lab.ns("a"), nsB = lab.ns("b");
            lab.veth(nsA, "wan", nsB, "wan");
            RoseProcess empty = RoseProcess.start(lab, "empty", nsA, board, List.of("ether1=wan"), SERVICES, jvm, env);
            Thread.sleep(SETTLE_MILLIS);
            long[][] emptyRss = sampleRss(empty);
            report("empty configuration", empty, emptyRss[0]);
            empty.stop();

            StringBuilder a = new StringBuilder(SERVICES + PROFILE), b = new StringBuilder(SERVICES + PROFILE);
            b.append("/ip address add address=10.9.255.254/16 interface=ether1\n");
            for (int i = 0; i < n; i++) {
                a.append("/ip address add address=").append(addr(i)).append("/16 interface=ether1\n")
                 .append("/ip ipsec peer add name=t").append(i).append(" address=10.9.255.254/32 local-address=")
                 .append(addr(i)).append(" exchange-mode=ike2\n")
                 .append("/ip ipsec identity add peer=t").append(i).append(" secret=bench-secret\n")
                 .append("/ip ipsec policy add peer=t").append(i).append(" tunnel=yes src-address=").append(lanA(i))
                 .append(" dst-address=").append(lanB(i)).append('\n');
                b.append("/ip ipsec peer add name=t").append(i).append(" address=").append(addr(i))
                 .append("/32 passive=yes exchange-mode=ike2\n")
                 .append("/ip ipsec identity add peer=t").append(i).append(" secret=bench-secret\n")
                 .append("/ip ipsec policy add peer=t").append(i).append(" tunnel=yes src-address=").append(lanB(i))
                 .append(" dst-address=").append(lanA(i)).append('\n');
            }
            RoseProcess rb = RoseProcess.start(lab, "b", nsB, board, List.of("ether1=wan"), b.toString(), jvm, env);
            if (Boolean.getBoolean("rose.footprint.reboot-responder")) {
                // as a board runs: its configuration read at boot, not typed into this process
                rb.stop();
                rb = RoseProcess.start(lab, "b", nsB, board, List.of("ether1=wan"), SERVICES, jvm, env);
            }
            // peers initiate when the router boots with them (or on traffic, by acquire): configure "a", then reboot it
            RoseProcess.start(lab, "a", nsA, board, List.of("ether1=wan"), a.toString(), jvm, env).stop();
            RoseProcess ra = RoseProcess.start(lab, "a", nsA, board, List.of("ether1=wan"), SERVICES, jvm, env);
            long t0 = System.nanoTime();
            int sas = 0;
            long waitNanos = Long.getLong("rose.footprint.wait", 300) * 1_000_000_000L;
            while (System.nanoTime() - t0 < waitNanos) {
                sas = count(ra.console("/ip ipsec installed-sa print count-only"));
                if (sas >= 2 * n) break;
                Thread.sleep(1000);
            }
            System.out.printf("%d of %d SAs installed on a after %.1f s%n", sas, 2 * n, (System.nanoTime() - t0) / 1e9);
            if (sas < 2 * n) System.out.println(ra.console("/log print where topics~\"ipsec\"") + rb.console("/ip ipsec peer print") + ra.console("/ip ipsec active-peers print"));
            Thread.sleep(SETTLE_MILLIS);
            long[][] rss = sampleRss(ra, rb);
            report(n + " tunnels, initiator (a)", ra, rss[0]);
            report(n + " tunnels, responder (b)", rb, rss[1]);
            System.out.println("load average " + loadAverage());
            // -Drose.footprint.hold=S: both routers stay up S seconds more, to be looked at with jcmd, pmap, ...
            Thread.sleep(Long.getLong("rose.footprint.hold", 0) * 1000);
        }
    }

    /** The image's {@code ROSE_JAVA_OPTS}, unless given. */
    static List<String> jvmOptions() throws IOException {
        String given = System.getProperty("rose.footprint.jvm");
        if (given != null) return split(given);
        if (!Files.exists(IMAGE_DEFAULTS)) throw new IOException("run from the repository root, or give -Drose.footprint.jvm");
        Matcher m = Pattern.compile("(?m)^ROSE_JAVA_OPTS=\"([^\"]*)\"").matcher(Files.readString(IMAGE_DEFAULTS));
        if (!m.find()) throw new IOException(IMAGE_DEFAULTS + ": no ROSE_JAVA_OPTS=\"...\" line");
        return split(m.group(1));
    }

    /**
     * The environment {@code rose.service} gives the JVM from the image's defaults: every
     * {@code NAME=value} line of it but the option lists ({@code MALLOC_ARENA_MAX=2}), unless
     * {@code -Drose.footprint.jvm} replaced the image's settings.
     */
    static Map<String, String> environment() throws IOException {
        if (System.getProperty("rose.footprint.jvm") != null) return Map.of();
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Z_][A-Z0-9_]*)=\"?([^\"\n]*)\"?$").matcher(Files.readString(IMAGE_DEFAULTS));
        while (m.find()) if (!m.group(1).startsWith("ROSE_")) env.put(m.group(1), m.group(2));
        return env;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String o : s.trim().split("\\s+")) if (!o.isEmpty()) out.add(o);
        return out;
    }

    /** Samples taken of each router's RSS after it settled, one every {@link #SAMPLE_MILLIS}. */
    static final int SAMPLES = 20;
    static final long SAMPLE_MILLIS = 500;

    /**
     * VmRSS (KiB) of each process, {@link #SAMPLES} times over 10 s, side by side: a router's RSS
     * moves by 5-10 MiB while C2 still compiles (its arenas are malloc memory, handed back by the
     * trim every 5 s), so one reading says more about when it was taken than about the router.
     */
    static long[][] sampleRss(RoseProcess... ps) throws IOException, InterruptedException {
        long[][] out = new long[ps.length][SAMPLES];
        for (int k = 0; k < SAMPLES; k++) {
            if (k > 0) Thread.sleep(SAMPLE_MILLIS);
            for (int i = 0; i < ps.length; i++)
                out[i][k] = kib(Files.readString(Path.of("/proc/" + ps[i].pid() + "/status")), "VmRSS");
        }
        return out;
    }

    /** The last reading, then the median and range of {@code rss} (the samples), then the peak. */
    static void report(String what, RoseProcess p, long[] rss) throws IOException {
        String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
        long[] sorted = rss.clone();
        Arrays.sort(sorted);
        System.out.printf("%-32s VmRSS %7.1f MiB  (median of %d over %d s %7.1f, %.1f-%.1f)  VmHWM %7.1f MiB  (pid %d, %s)%n", what,
                kib(status, "VmRSS") / 1024.0, rss.length, rss.length * SAMPLE_MILLIS / 1000, sorted[sorted.length / 2] / 1024.0,
                sorted[0] / 1024.0, sorted[sorted.length - 1] / 1024.0, kib(status, "VmHWM") / 1024.0, p.pid(), field(status, "Name"));
        if (Boolean.getBoolean("rose.footprint.nmt")) nmt(p.pid());
        String dir = System.getProperty("rose.footprint.detail");
        if (dir != null) detail(Path.of(dir), what.replaceAll("[^A-Za-z0-9]+", "-"), p.pid());
    }

    /**
     * What a process holds, for comparing two of them ({@code -Drose.footprint.detail=DIR}): into
     * {@code DIR/<case>.txt} its thread names, {@code smaps_rollup}, {@code pmap -x}, the heap's
     * shape and class histogram, and the NMT summary when tracking is on.
     */
    static void detail(Path dir, String name, long pid) throws IOException {
        Files.createDirectories(dir);
        StringBuilder out = new StringBuilder();
        Path task = Path.of("/proc/" + pid + "/task");
        List<String> threads = new ArrayList<>();
        try (var ids = Files.list(task)) {
            for (Path t : (Iterable<Path>) ids::iterator) {
                try { threads.add(Files.readString(t.resolve("comm")).trim()); } catch (IOException gone) { /* thread ended */ }
            }
        }
        threads.sort(null);
        out.append("== threads (").append(threads.size()).append(")\n").append(String.join("\n", threads)).append('\n');
        out.append("== smaps_rollup\n").append(Files.readString(Path.of("/proc/" + pid + "/smaps_rollup")));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (String[] c : new String[][] {{"pmap", "-x", Long.toString(pid)},
                {jcmd.toString(), Long.toString(pid), "GC.heap_info"},
                {jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary"},
                {jcmd.toString(), Long.toString(pid), "GC.class_histogram"}}) {
            out.append("== ").append(String.join(" ", c)).append('\n').append(run(c));
        }
        Files.writeString(dir.resolve(name + ".txt"), out);
    }

    private static String run(String... command) throws IOException {
        Process pr = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new String(pr.getInputStream().readAllBytes());
    }

    /**
     * Where the JVM's own memory goes ({@code -Drose.footprint.nmt=true} with
     * {@code -XX:NativeMemoryTracking=summary} among the JVM options): the committed size of each
     * NMT category, from {@code jcmd VM.native_memory summary}.
     */
    static void nmt(long pid) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process pr = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary", "scale=MB")
                .redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        Matcher m = Pattern.compile("(?m)^-\\s+(\\S[^(]*)\\(reserved=\\d+MB, committed=(\\d+)MB\\)").matcher(out);
        StringBuilder line = new StringBuilder("    NMT committed:");
        while (m.find()) if (!m.group(2).equals("0")) line.append(' ').append(m.group(1).trim()).append('=').append(m.group(2)).append("MB");
        Matcher total = Pattern.compile("Total: reserved=\\d+MB, committed=(\\d+)MB").matcher(out);
        if (total.find()) line.append("  total=").append(total.group(1)).append("MB");
        System.out.println(line.length() > 20 ? line : "    NMT: " + out.trim());
    }

    private static long kib(String status, String field) {
        return Long.parseLong(field(status, field).replace("kB", "").trim());
    }

    private static String field(String status, String name) {
        return Arrays.stream(status.split("\n")).filter(l -> l.startsWith(name + ":"))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse("?");
    }

    private static int count(String out) {
        String t = out.trim();
        try { return t.isEmpty() ? 0 : Integer.parseInt(t); } catch (NumberFormatException e) { return 0; }
    }

    static String addr(int i) { return "10.9." + (i / 250) + "." + (1 + i % 250); }
    static String lanA(int i) { return "10." + (100 + i / 250) + "." + (i % 250) + ".0/24"; }
    static String lanB(int i) { return "172." + (16 + i / 250) + "." + (i % 250) + ".0/24"; }
}
