package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;
import rose.dataplane.Router;
import rose.dataplane.port.MemoryWire;

/**
 * Two whole routers as {@code rose run} runs them (own threads, system clock) on a memory wire,
 * "a" rebooting with 200 tunnels to "b" configured: every tunnel comes up without a single
 * datagram lost inside either router (no IKE retransmission, no queue or ARP drop anywhere),
 * the console answers status reads while the IKE loop is busy, and the dataplane's SPD/SAD is
 * published per IKE loop turn, not per SA.
 */
class ManyTunnelsTest {
    static final int TUNNELS = 200;
    @TempDir Path dir;

    private static String run(Session s, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(s.execute(line, out), line + ":\n" + out);
        return out.toString();
    }

    static String addr(int i) { return "10.9." + (i / 250) + "." + (1 + i % 250); }

    private static int count(Session s, String menu) {
        String t = run(s, menu + " print count-only").trim();
        return t.isEmpty() ? 0 : Integer.parseInt(t);
    }

    /**
     * One dataplane worker each, whatever the machine: with more, every tunnel between two ROSE
     * routers also negotiates per-CPU SAs (RFC 9611, PerCpuSaLabTest), one CREATE_CHILD_SA and SA
     * pair per further worker, which the exact counts of datagrams, SAs and tables here leave out.
     */
    private static final rose.appliance.dataplane.RouterDataplane.Options ONE_WORKER =
            rose.appliance.dataplane.RouterDataplane.Options.THREADED.withWorkers(1);

    @Test
    void twoHundredTunnelsComeUpWithNoDatagramLostOnTheWay() throws Exception {
        try (Appliance a0 = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current(), ONE_WORKER)) {
            Session s = new Session(a0.router(), Principal.full("admin"));
            for (int i = 0; i < TUNNELS; i++) {
                run(s, "/ip address add address=" + addr(i) + "/16 interface=ether1");
                run(s, "/ip ipsec peer add name=t" + i + " address=10.9.255.254/32 local-address=" + addr(i) + " exchange-mode=ike2");
                run(s, "/ip ipsec identity add peer=t" + i + " secret=many");
                run(s, "/ip ipsec policy add peer=t" + i + " tunnel=yes src-address=10.100." + i + ".0/24 dst-address=172.16." + i + ".0/24");
            }
        }
        try (Appliance b = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("b"), BuildInfo.current(), ONE_WORKER)) {
            Session sb = new Session(b.router(), Principal.full("admin"));
            run(sb, "/ip address add address=10.9.255.254/16 interface=ether1");
            for (int i = 0; i < TUNNELS; i++) {
                run(sb, "/ip ipsec peer add name=t" + i + " address=" + addr(i) + "/32 passive=yes exchange-mode=ike2");
                run(sb, "/ip ipsec identity add peer=t" + i + " secret=many");
                run(sb, "/ip ipsec policy add peer=t" + i + " tunnel=yes src-address=172.16." + i + ".0/24 dst-address=10.100." + i + ".0/24");
            }
            long bTablesBefore = b.dataplane().ipsec().publications();
            MemoryWire w = MemoryWire.connect("a:ether1", 0x020000000001L, "b:ether1", 0x020000000002L);
            b.dataplane().attachPort("ether1", w.b());
            try (Appliance a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current(), ONE_WORKER)) {
                a.dataplane().attachPort("ether1", w.a());   // a initiates every tunnel at its first IKE tick
                Session sa = new Session(a.router(), Principal.full("admin"));

                // while the setup runs, hold a's IKE loop (as a long batch of Diffie-Hellman would):
                // the console still answers, from the last snapshot, without waiting for the loop
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (count(sa, "/ip ipsec installed-sa") == 0 && System.nanoTime() < deadline) Thread.sleep(5);
                CountDownLatch held = new CountDownLatch(1), release = new CountDownLatch(1);
                a.ipsec().loop().post(() -> {
                    held.countDown();
                    try { release.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                });
                assertTrue(held.await(10, TimeUnit.SECONDS), "a's IKE loop took the blocking task");
                int peersDuring, sasDuring;
                IkeCounters during;
                try {
                    peersDuring = count(sa, "/ip ipsec active-peers");
                    sasDuring = count(sa, "/ip ipsec installed-sa");
                    during = a.ipsec().counters();
                } finally {
                    release.countDown();
                }
                assertTrue(sasDuring > 0 && sasDuring < 2 * TUNNELS, "a status read while setting up: " + sasDuring + " SAs");
                assertTrue(peersDuring > 0, "active-peers while setting up: " + peersDuring);
                assertTrue(during.initiationsWaiting() > 0, "tunnels were still waiting their turn: " + during);
                assertTrue(during.initiationsInFlight() <= during.initLimitHalfOpen(), during.toString());

                while (count(sa, "/ip ipsec installed-sa") < 2 * TUNNELS && System.nanoTime() < deadline) Thread.sleep(20);
                assertEquals(2 * TUNNELS, count(sa, "/ip ipsec installed-sa"), run(sa, "/log print"));
                Thread.sleep(300);   // b's last snapshot
                for (Appliance r : new Appliance[] {a, b}) {
                    IkeCounters c = r.ipsec().counters();
                    Router dp = r.dataplane().router();
                    String why = r.dataplane().router().name() + ": " + c + " " + dp.stats("ether1") + " " + dp.counters().nonZeroDrops();
                    assertEquals(0, c.retransmits(), why);
                    assertEquals(0, c.receiveQueueDrops(), why);
                    assertEquals(0, c.cookiesSent(), why);
                    assertEquals(0, dp.stats("ether1").txDrops(), why);
                    assertTrue(dp.counters().nonZeroDrops().isEmpty(), why);
                    assertEquals(2L * TUNNELS, c.datagramsSent(), "IKE_SA_INIT and IKE_AUTH, once each: " + why);
                    assertEquals(2L * TUNNELS, c.datagramsReceived(), why);
                }
                assertEquals(TUNNELS, count(new Session(b.router(), Principal.full("admin")), "/ip ipsec active-peers"));
                // the SPD/SAD is published once per IKE loop turn, not once per SA or policy: a's 600 policies at boot
                // and 400 SAs, b's 400 SAs were each a table of their own (at least 1,000 and 400), now at most one
                // per turn that changed something (b: the turns with an IKE_AUTH request in them)
                long aTables = a.dataplane().ipsec().publications(), bTables = b.dataplane().ipsec().publications() - bTablesBefore;
                System.out.println("SPD/SAD tables published while " + TUNNELS + " tunnels came up: a " + aTables + ", b " + bTables);
                assertTrue(aTables <= TUNNELS + 10, "a published " + aTables + " tables");
                assertTrue(bTables <= TUNNELS, "b published " + bTables + " tables");
            }
        }
    }
}
