package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;
import rose.dataplane.port.MemoryWire;

/**
 * Two routers as {@code rose run} runs them (own dataplane threads, IKE on its own event-loop
 * thread, system clock) on one memory wire: an IKEv2 transport-mode policy between their
 * addresses comes up on the first ping and carries the rest.
 */
class ThreadedTunnelTest {
    @TempDir Path dir;

    private static String run(Session s, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(s.execute(line, out), line + ":\n" + out);
        return out.toString();
    }

    @Test
    void ikeV2TransportPolicyComesUpOnItsOwnThreads() throws Exception {
        try (Appliance a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current());
             Appliance b = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("b"), BuildInfo.current())) {
            MemoryWire w = MemoryWire.connect("a:ether1", 0x020000000001L, "b:ether1", 0x020000000002L);
            a.dataplane().attachPort("ether1", w.a());
            b.dataplane().attachPort("ether1", w.b());
            Session sa = new Session(a.router(), Principal.full("admin"));
            Session sb = new Session(b.router(), Principal.full("admin"));
            for (String[] x : new String[][] {{"10.9.0.1", "10.9.0.2"}, {"10.9.0.2", "10.9.0.1"}}) {
                Session s = x[0].endsWith(".1") ? sa : sb;
                run(s, "/ip address add address=" + x[0] + "/24 interface=ether1");
                run(s, "/ip ipsec peer add name=p address=" + x[1] + "/32 exchange-mode=ike2");
                run(s, "/ip ipsec identity add peer=p secret=threads");
                run(s, "/ip ipsec policy add peer=p src-address=" + x[0] + "/32 dst-address=" + x[1] + "/32 protocol=icmp");
            }
            run(sa, "/ping 10.9.0.2 count=1");                      // raises the acquire; real time from here
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!run(sa, "/ip ipsec installed-sa print").contains("mature") && System.nanoTime() < deadline) Thread.sleep(50);
            String ping = run(sa, "/ping 10.9.0.2 count=3 interval=100ms");
            assertTrue(ping.contains("received=3"), ping + run(sa, "/log print") + run(sb, "/log print"));
            String peers = run(sb, "/ip ipsec active-peers print");
            assertTrue(peers.contains("established"), peers);
            String sas = run(sb, "/ip ipsec installed-sa print");
            assertTrue(sas.contains(" SE 0x"), sas);
        }
    }
}
