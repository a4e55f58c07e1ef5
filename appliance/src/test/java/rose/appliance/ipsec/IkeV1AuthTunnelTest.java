package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.appliance.BackToBackRouters.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.BackToBackRouters;
import rose.cli.lang.Session;

/**
 * Two routers on an in-memory wire, configured from the console, with IKEv1 (exchange-mode=main)
 * authenticated by RSA certificates from /certificate, and by pre-shared-key-xauth with the
 * responder's /ip ipsec user: the tunnel carries pings; a wrong XAuth password leaves it down
 * and the log says why.
 */
class IkeV1AuthTunnelTest {
    @TempDir Path dir;

    private interface Body { void run(BackToBackRouters r, Session sa, Session sb) throws Exception; }

    private void twoRouters(Body body) throws Exception {
        try (BackToBackRouters r = new BackToBackRouters(dir)) {
            Session sa = r.sa, sb = r.sb;
            run(sa, "/ip address add address=10.9.0.1/24 interface=ether1");
            run(sb, "/ip address add address=10.9.0.2/24 interface=ether1");
            run(sa, "/ip ipsec peer add name=p address=10.9.0.2/32 exchange-mode=main");
            run(sb, "/ip ipsec peer add name=p address=10.9.0.1/32 exchange-mode=main passive=yes");
            body.run(r, sa, sb);
        }
    }

    private static void policies(Session sa, Session sb) {
        run(sa, "/ip ipsec policy add peer=p src-address=10.9.0.1/32 dst-address=10.9.0.2/32 protocol=icmp");
        run(sb, "/ip ipsec policy add peer=p src-address=10.9.0.2/32 dst-address=10.9.0.1/32 protocol=icmp");
    }

    @Test
    void mainModeWithRsaCertificates() throws Exception {
        twoRouters((r, sa, sb) -> {
            r.issueCertificatesFromA("key-size=2048", "key-size=2048");
            // IKEv1 my-id auto sends the subject DN; match-by=certificate lets the CA decide, remote-id is not consulted
            run(sa, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=seattle match-by=certificate");
            run(sb, "/ip ipsec identity add peer=p auth-method=digital-signature certificate=boise match-by=certificate remote-id=fqdn:nobody.example");
            policies(sa, sb);
            r.assertPingsCrossTheTunnel();
        });
    }

    @Test
    void preSharedKeyXauthWithIpsecUser() throws Exception {
        twoRouters((r, sa, sb) -> {
            run(sa, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y username=alice password=wonderland");
            run(sb, "/ip ipsec identity add peer=p auth-method=pre-shared-key-xauth secret=k3y");
            run(sb, "/ip ipsec user add name=alice password=wonderland");
            policies(sa, sb);
            r.assertPingsCrossTheTunnel();
            assertTrue(run(sb, "/log print").contains("xauth user alice authenticated"), run(sb, "/log print"));
        });
    }

    @Test
    void aWrongXauthPasswordLeavesTheTunnelDownAndTheLogSaysWhy() throws Exception {
        twoRouters((r, sa, sb) -> {
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
        twoRouters((r, sa, sb) -> {
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
