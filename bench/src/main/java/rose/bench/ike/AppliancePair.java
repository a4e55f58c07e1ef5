package rose.bench.ike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rose.appliance.Appliance;
import rose.appliance.Board;
import rose.appliance.BuildInfo;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;
import rose.dataplane.port.MemoryWire;

/**
 * Two whole ROSE routers as {@code rose run} runs them (dataplane threads, IKE event loop,
 * system clock, configuration database) on one in-memory Ethernet wire. Router "a" has one
 * address per tunnel (10.9.x.y/16) and a peer + identity + tunnel policy per tunnel towards
 * "b" (10.9.255.254), which answers with the mirror configuration ({@code passive=yes}).
 * What is timed is a reboot of "a" with that configuration stored: from boot to every
 * tunnel's CHILD_SA installed on "a" (both directions, as {@code installed-sa} shows them).
 */
final class AppliancePair implements AutoCloseable {
    static final String PROFILE = "/ip ipsec profile set [find default=yes] hash-algorithm=sha256 enc-algorithm=aes-128 dh-group=modp2048";
    final int n;
    final Path dir;
    private Appliance a, b;
    long configureMillis;
    /** Where packets were lost on the way, one line per router, after {@link #rebootAndEstablish}. */
    String losses = "";

    AppliancePair(int n, Path dir) { this.n = n; this.dir = dir; }

    static String run(Session s, String line) {
        StringBuilder out = new StringBuilder();
        if (!s.execute(line, out)) throw new IllegalStateException(line + ": " + out);
        return out.toString();
    }

    static String addr(int i) { return "10.9." + (i / 250) + "." + (1 + i % 250); }

    /**
     * Configures both routers (in parallel, one per core); "a" is shut down afterwards, its configuration stored.
     * A directory that already holds both configurations for the same n (kept with {@code -Drose.bench.keep=DIR}
     * from an earlier run) is booted as it is: configuring 1,000 tunnels through the console takes minutes.
     */
    void configure() throws Exception {
        long t0 = System.nanoTime();
        if (Files.exists(dir.resolve("configured-" + n))) {
            b = Appliance.boot(Board.genericX86("bench"), dir.resolve("b"), BuildInfo.current());
            configureMillis = 0;
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> fa = pool.submit(() -> {
                try (Appliance a0 = Appliance.boot(Board.genericX86("bench"), dir.resolve("a"), BuildInfo.current())) {
                    Session s = new Session(a0.router(), Principal.full("admin"));
                    run(s, PROFILE);
                    for (int i = 0; i < n; i++) {
                        run(s, "/ip address add address=" + addr(i) + "/16 interface=ether1");
                        run(s, "/ip ipsec peer add name=t" + i + " address=10.9.255.254/32 local-address=" + addr(i) + " exchange-mode=ike2");
                        run(s, "/ip ipsec identity add peer=t" + i + " secret=bench-secret");
                        run(s, "/ip ipsec policy add peer=t" + i + " tunnel=yes src-address=" + lanA(i) + " dst-address=" + lanB(i));
                    }
                }
                return null;
            });
            Future<?> fb = pool.submit(() -> {
                b = Appliance.boot(Board.genericX86("bench"), dir.resolve("b"), BuildInfo.current());
                Session s = new Session(b.router(), Principal.full("admin"));
                run(s, PROFILE);
                run(s, "/ip address add address=10.9.255.254/16 interface=ether1");
                for (int i = 0; i < n; i++) {
                    run(s, "/ip ipsec peer add name=t" + i + " address=" + addr(i) + "/32 passive=yes exchange-mode=ike2");
                    run(s, "/ip ipsec identity add peer=t" + i + " secret=bench-secret");
                    run(s, "/ip ipsec policy add peer=t" + i + " tunnel=yes src-address=" + lanB(i) + " dst-address=" + lanA(i));
                }
                return null;
            });
            fa.get();
            fb.get();
        } finally {
            pool.shutdown();
        }
        configureMillis = (System.nanoTime() - t0) / 1_000_000;
        Files.createFile(dir.resolve("configured-" + n));
    }

    static String lanA(int i) { return "10." + (100 + i / 250) + "." + (i % 250) + ".0/24"; }
    static String lanB(int i) { return "172." + (16 + i / 250) + "." + (i % 250) + ".0/24"; }

    /** Boots "a" with its stored configuration on the wire to "b"; milliseconds until all tunnels are installed on "a". */
    long rebootAndEstablish(long timeoutMillis) throws Exception {
        MemoryWire w = MemoryWire.connect("a:ether1", 0x020000000001L, "b:ether1", 0x020000000002L);
        b.dataplane().attachPort("ether1", w.b());
        long t0 = System.nanoTime();
        ThreadCpu cpu = new ThreadCpu();
        a = Appliance.boot(Board.genericX86("bench"), dir.resolve("a"), BuildInfo.current());
        a.dataplane().attachPort("ether1", w.a());
        Session s = new Session(a.router(), Principal.full("admin"));
        long deadline = t0 + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            // the status read waits for the IKE event loop, which is busy negotiating: a failed read is "not yet"
            StringBuilder out = new StringBuilder();
            if (s.execute("/ip ipsec installed-sa print count-only", out) && count(out.toString()) >= 2 * n) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(200);   // the last snapshot of "b" (the responder finishes first, but publishes on its own loop)
                losses = Losses.of("a", a) + Losses.of("b", b) + cpu.since();
                return ms;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("after " + timeoutMillis + " ms: " + run(s, "/ip ipsec installed-sa print count-only").trim()
                + " SAs of " + 2 * n + "; a's log:\n" + tail(run(s, "/log print")));
    }

    private static int count(String out) {
        String t = out.trim();
        return t.isEmpty() ? 0 : Integer.parseInt(t);
    }

    private static String tail(String s) { return s.length() > 3000 ? s.substring(s.length() - 3000) : s; }

    @Override public void close() throws IOException {
        if (a != null) a.close();
        if (b != null) b.close();
    }
}
