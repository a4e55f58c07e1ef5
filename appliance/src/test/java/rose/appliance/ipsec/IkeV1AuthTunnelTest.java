package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * Two routers on an in-memory wire, configured from the console, with IKEv1 (exchange-mode=main)
 * authenticated by RSA certificates from /certificate, and by pre-shared-key-xauth with the
 * responder's /ip ipsec user: the tunnel carries pings; a wrong XAuth password leaves it down
 * and the log says why.
 */
class IkeV1AuthTunnelTest {
    @TempDir Path dir;

    private static String run(Session s, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(s.execute(line, out), line + ":\n" + out);
        return out.toString();
    }

    private interface Body { void run(Appliance a, Appliance b, Session sa, Session sb) throws Exception; }

    private void twoRouters(Body body) throws Exception {
        try (Appliance a = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("a"), BuildInfo.current());
             Appliance b = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("b"), BuildInfo.current())) {
            MemoryWire w = MemoryWire.connect("a:ether1", 0x020000000001L, "b:ether1", 0x020000000002L);
            a.dataplane().attachPort("ether1", w.a());
            b.dataplane().attachPort("ether1", w.b());
            Session sa = new Session(a.router(), Principal.full("admin"));
            Session sb = new Session(b.router(), Principal.full("admin"));
            run(sa, "/ip address add address=10.9.0.1/24 interface=ether1");
            run(sb, "/ip address add address=10.9.0.2/24 interface=ether1");
            run(sa, "/ip ipsec peer add name=p address=10.9.0.2/32 exchange-mode=main");
            run(sb, "/ip ipsec peer add name=p address=10.9.0.1/32 exchange-mode=main passive=yes");
            body.run(a, b, sa, sb);
        }
    }

    private static void policies(Session sa, Session sb) {
        run(sa, "/ip ipsec policy add peer=p src-address=10.9.0.1/32 dst-address=10.9.0.2/32 protocol=icmp");
        run(sb, "/ip ipsec policy add peer=p src-address=10.9.0.2/32 dst-address=10.9.0.1/32 protocol=icmp");
    }

    private static boolean tunnelCarriesPings(Session sa) throws Exception {
        run(sa, "/ping 10.9.0.2 count=1");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!run(sa, "/ip ipsec installed-sa print").contains("mature") && System.nanoTime() < deadline) Thread.sleep(50);
        return run(sa, "/ping 10.9.0.2 count=3 interval=100ms").contains("received=3");
    }

    @Test
    void mainModeWithRsaCertificates() throws Exception {
        twoRouters((a, b, sa, sb) -> {
            run(sa, "/certificate add name=ca common-name=\"ROSE CA\"");
            run(sa, "/certificate sign ca");
            run(sa, "/certificate add name=seattle common-name=seattle key-size=2048");
            run(sa, "/certificate sign seattle ca=ca");
            run(sa, "/certificate add name=boise common-name=boise key-size=2048");
            run(sa, "/certificate sign boise ca=ca");
            Path from = a.dataDir().resolve("certificates");
            Files.createDirectories(b.dataDir());
            Files.copy(from.resolve("ca.crt"), b.dataDir().resolve("ca.pem"));
            Files.writeString(b.dataDir().resolve("boise.pem"), Files.readString(from.resolve("boise.crt")) + Files.readString(from.resolve("boise.key")));
            run(sb, "/certificate add name=ca common-name=\"ROSE CA\"");
            run(sb, "/certificate import file-name=ca.pem name=ca");
            run(sb, "/certificate add name=boise common-name=boise");
            run(sb, "/certificate import file-name=boise.pem name=boise");
            // IKEv1 my-id auto sends the subject DN; match-by=certificate lets the CA decide, remote-id is not consulted
            run(sa, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=seattle match-by=certificate");
            run(sb, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=boise match-by=certificate remote-id=fqdn:nobody.example");
            policies(sa, sb);
            assertTrue(tunnelCarriesPings(sa), run(sa, "/log print") + run(sb, "/log print"));
        });
    }

    @Test
    void preSharedKeyXauthWithIpsecUser() throws Exception {
        twoRouters((a, b, sa, sb) -> {
            run(sa, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y username=alice password=wonderland");
            run(sb, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y");
            run(sb, "/ip ipsec user add name=alice password=wonderland");
            policies(sa, sb);
            assertTrue(tunnelCarriesPings(sa), run(sa, "/log print") + run(sb, "/log print"));
            assertTrue(run(sb, "/log print").contains("xauth user alice authenticated"), run(sb, "/log print"));
        });
    }

    @Test
    void aWrongXauthPasswordLeavesTheTunnelDownAndTheLogSaysWhy() throws Exception {
        twoRouters((a, b, sa, sb) -> {
            run(sa, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y username=alice password=looking-glass");
            run(sb, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y");
            run(sb, "/ip ipsec user add name=alice password=wonderland");
            policies(sa, sb);
            run(sa, "/ping 10.9.0.2 count=1");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!run(sb, "/log print").contains("xauth user alice gave a wrong password") && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(run(sb, "/log print").contains("xauth user alice gave a wrong password"), run(sb, "/log print"));
            assertFalse(run(sa, "/ip ipsec installed-sa print").contains("mature"), run(sa, "/ip ipsec installed-sa print"));
        });
    }

    @Test
    void xauthOnAnIkeV2PeerIsRefusedInWords() throws Exception {
        twoRouters((a, b, sa, sb) -> {
            run(sa, "/ip ipsec peer set p exchange-mode=ike2");
            run(sa, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y username=alice password=x");
            String log = "";
            long deadline = System.nanoTime() + 3_000_000_000L;
            // the console wraps the message column mid-word, wherever its width puts the break
            while (!(log = run(sa, "/log print").replaceAll("\\s+", "")).contains("pre-shared-key-xauthisforIKEv1only") && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(log.contains("pre-shared-key-xauthisforIKEv1only"), log);
        });
    }
}
