package rose.appliance.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A {@code rose run} process in a namespace, as a user would start it: {@code --port}
 * mappings, a startup script ({@code --import}), and a console on its stdin
 * ({@code --console-stdin}) for live status ({@code /ip ipsec installed-sa print}).
 *
 * <ol>
 *   <li>the JVM is this JVM's {@code java} with its class path (the appliance's classes
 *       and dependencies), so no jar needs building;</li>
 *   <li>stdout is read by one thread: every line goes to {@code rose.log} in the lab directory
 *       and into a queue that {@link #console} and {@link #awaitLine} consume;</li>
 *   <li>{@link #console} writes the command and {@code :put "@@end-N"}, and returns what came
 *       before the marker, minus log lines (they interleave: {@code HH:mm:ss topics …}).</li>
 * </ol>
 */
public final class RoseProcess {
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d \\S.*");
    private final String name;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final AtomicInteger markers = new AtomicInteger();

    private RoseProcess(String name, Process process, Path log) throws IOException {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Writer logFile = Files.newBufferedWriter(log);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (all) { all.add(line); }
                    lines.add(line);
                    logFile.write(line);
                    logFile.write('\n');
                    logFile.flush();
                }
            } catch (IOException e) {
                lines.add("rose-process: " + e);
            } finally {
                try { logFile.close(); } catch (IOException ignored) { /* best effort */ }
            }
        }, "rose-out-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts ROSE in {@code ns} with {@code ports} ({@code ether1=veth0}, …) and {@code script}
     * imported at start; returns once it says {@code rose: running} and the import is done.
     */
    public static RoseProcess start(NetLab lab, String name, String ns, List<String> ports, String script) throws IOException, InterruptedException {
        return start(lab, name, ns, "x86-minipc", ports, script);
    }

    /** The same, booted as board profile {@code board}. */
    public static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script)
            throws IOException, InterruptedException {
        return start(lab, name, ns, board, ports, script, List.of("-Xmx384m", "-XX:+UseSerialGC"));
    }

    /** The same with {@code cores} dataplane workers ({@code --cores}; 0: the board's default). */
    public static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script, int cores)
            throws IOException, InterruptedException {
        return start(lab, name, ns, board, ports, script, List.of("-Xmx384m", "-XX:+UseSerialGC"), cores);
    }

    /** The same, with {@code jvmOptions} instead of the lab's roomy heap (the footprint bench runs the image's). */
    public static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script,
                                    List<String> jvmOptions) throws IOException, InterruptedException {
        return start(lab, name, ns, board, ports, script, jvmOptions, Map.of());
    }

    /** The same with {@code environment} added to the JVM's (the image's {@code MALLOC_ARENA_MAX}, …). */
    public static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script,
                                    List<String> jvmOptions, Map<String, String> environment) throws IOException, InterruptedException {
        return start(lab, name, ns, board, ports, script, jvmOptions, 0, environment);
    }

    private static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script,
                                     List<String> jvmOptions, int cores) throws IOException, InterruptedException {
        return start(lab, name, ns, board, ports, script, jvmOptions, cores, Map.of());
    }

    private static RoseProcess start(NetLab lab, String name, String ns, String board, List<String> ports, String script,
                                     List<String> jvmOptions, int cores, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path data = lab.dir.resolve(name + "-data");
        Files.createDirectories(data);
        Path rsc = lab.dir.resolve(name + ".rsc");
        // management stays on loopback inside the router's namespace; nothing listens on 22/80 of the host
        Files.writeString(rsc, "/ip service set [find] disabled=yes\n" + script);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED");   // as the rose launcher: AES-GCM's JDK GHASH
        cmd.addAll(jvmOptions);
        // the port tunables, when this JVM was given them, so a lab or bench can run both ways side by side
        // (ROSE_JAVA_OPTS=-Drose.port.rx-ring=false ./rose bench --compare, or -Drose.port.tx-ring=true)
        for (String p : new String[] {"rose.port.rx-ring", "rose.port.rx-ring-frames", "rose.port.rcvbuf", "rose.port.ingress-drop", "rose.port.tx-ring", "rose.port.tx-ring-frames"}) {
            String v = System.getProperty(p);
            if (v != null) cmd.add("-D" + p + "=" + v);
        }
        cmd.addAll(List.of(
                "-Drose.ipsec.debug=" + Boolean.getBoolean("rose.ipsec.debug"), "-cp", System.getProperty("java.class.path"), "rose.appliance.Main", "run", "--data", data.toString(),
                "--board", board, "--listen", "127.0.0.1", "--import", rsc.toString(), "--console-stdin"));
        if (cores > 0) cmd.addAll(List.of("--cores", Integer.toString(cores)));
        for (String p : ports) {
            cmd.add("--port");
            cmd.add(p);
        }
        ProcessBuilder pb = new ProcessBuilder(lab.command(ns, cmd)).redirectErrorStream(true);
        pb.environment().putAll(environment);   // ip netns exec passes it on to java
        Process p = pb.start();
        RoseProcess rose = new RoseProcess(name, p, lab.dir.resolve(name + ".log"));
        lab.own(rose::stop);
        // a JVM boot takes seconds; three at once on a busy 2-CPU machine have taken over a minute
        rose.awaitLine(l -> l.startsWith("rose: imported"), 180);
        return rose;
    }

    /** Waits for a line of output matching {@code test}; fails with the output so far. */
    public String awaitLine(java.util.function.Predicate<String> test, long seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = end - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line != null && test.test(line)) return line;
            if (line == null && (left <= 0 || !process.isAlive() && lines.isEmpty())) {
                if (!process.isAlive()) {
                    Thread.sleep(200);
                    throw new IOException("rose " + name + " exited " + process.exitValue() + ":\n" + output());
                }
                throw new IOException("rose " + name + ": no such line in " + seconds + " s:\n" + output());
            }
        }
    }

    /** Runs one console command; returns its output (log lines removed). */
    public synchronized String console(String command) throws IOException, InterruptedException {
        String marker = "@@end-" + markers.incrementAndGet();
        lines.clear();
        stdin.write(command + "\n:put \"" + marker + "\"\n");
        stdin.flush();
        StringBuilder out = new StringBuilder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean started = false;
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) break;
                continue;
            }
            if (line.equals(marker)) return out.toString();
            if (!started) {
                started = line.endsWith("> " + command) || line.endsWith(">" + command);
                continue;
            }
            if (line.contains(":put \"" + marker)) continue;
            if (LOG_LINE.matcher(line).matches()) continue;
            out.append(line).append('\n');
        }
        throw new IOException("rose " + name + ": no answer to " + command + ":\n" + output());
    }

    /** Everything ROSE printed so far. */
    public String output() {
        synchronized (all) { return String.join("\n", all); }
    }

    public boolean alive() { return process.isAlive(); }

    /** The JVM's process id ({@code ip netns exec} execs it, so it is the process started here). */
    public long pid() { return process.pid(); }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
