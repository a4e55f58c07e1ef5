package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import rose.cli.auth.Principal;
import rose.cli.lang.Session;
import rose.dataplane.port.MemoryWire;

/**
 * Two routers (generic x86 boards, data under {@code dir/a} and {@code dir/b}) whose ether1s
 * are joined by one memory wire, with an admin console session on each: the bench for the
 * tunnel tests, configured only through console lines as an engineer would. Router a is
 * "seattle", b is "boise"; the tests put 10.9.0.1 and 10.9.0.2 on the wire.
 */
public final class BackToBackRouters implements AutoCloseable {
    public final Appliance a, b;
    public final Session sa, sb;

    public BackToBackRouters(Path dir) throws IOException {
        a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current());
        Appliance second;
        try {
            second = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("b"), BuildInfo.current());
        } catch (IOException | RuntimeException | Error e) {
            a.close();                       // a booted: its threads must not outlive the test
            throw e;
        }
        b = second;
        MemoryWire w = MemoryWire.connect("a:ether1", 0x020000000001L, "b:ether1", 0x020000000002L);
        a.dataplane().attachPort("ether1", w.a());
        b.dataplane().attachPort("ether1", w.b());
        sa = new Session(a.router(), Principal.full("admin"));
        sb = new Session(b.router(), Principal.full("admin"));
    }

    /** Runs one console line that must succeed; its output. */
    public static String run(Session s, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(s.execute(line, out), line + ":\n" + out);
        return out.toString();
    }

    /**
     * A CA on a issues both routers' certificates ({@code seattle} and {@code boise}, each with
     * the given extra /certificate add properties); b gets the CA certificate and its own
     * certificate with its key by file and /certificate import, as an engineer would copy them.
     * Returns what b's import of its own key printed.
     */
    public String issueCertificatesFromA(String seattleProperties, String boiseProperties) throws IOException {
        run(sa, "/certificate add name=ca common-name=\"ROSE CA\"");
        run(sa, "/certificate sign ca");
        run(sa, "/certificate add name=seattle common-name=seattle " + seattleProperties);
        run(sa, "/certificate sign seattle ca=ca");
        run(sa, "/certificate add name=boise common-name=boise " + boiseProperties);
        run(sa, "/certificate sign boise ca=ca");
        Path from = a.dataDir().resolve("certificates");
        Files.createDirectories(b.dataDir());
        Files.copy(from.resolve("ca.crt"), b.dataDir().resolve("ca.pem"));
        Files.writeString(b.dataDir().resolve("boise.pem"), Files.readString(from.resolve("boise.crt")) + Files.readString(from.resolve("boise.key")));
        run(sb, "/certificate add name=ca common-name=\"ROSE CA\"");
        run(sb, "/certificate import file-name=ca.pem name=ca");
        run(sb, "/certificate add name=boise common-name=boise");
        return run(sb, "/certificate import file-name=boise.pem name=boise");
    }

    /**
     * The first ping raises the acquire; once a's installed SA is mature (up to 10 s of real
     * time: IKE runs on its own thread) three more pings must all come back. On failure the
     * message carries both routers' logs, which say why a tunnel did not come up.
     */
    public void assertPingsCrossTheTunnel() throws InterruptedException {
        run(sa, "/ping 10.9.0.2 count=1");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!run(sa, "/ip ipsec installed-sa print").contains("mature") && System.nanoTime() < deadline) Thread.sleep(50);
        String ping = run(sa, "/ping 10.9.0.2 count=3 interval=100ms");
        assertTrue(ping.contains("received=3"), ping + run(sa, "/log print") + run(sb, "/log print"));
    }

    /** Closes b, then a (as a try-with-resources over both would), even when one of them throws. */
    @Override
    public void close() throws IOException {
        try (Appliance first = a; Appliance second = b) {
            // nothing more: the resources are the point
        }
    }
}
