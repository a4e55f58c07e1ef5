package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The default lab (Seattle–Boise, seed configurations) with IKE wired in: whole appliances on
 * memory wires in step mode, so every run negotiates the same way.
 */
class SeattleBoiseTunnelTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final DefaultLab fixture = new DefaultLab("rose-ipsec-lab");

    private String ok(String node, String line) {
        return fixture.ok(node, line);
    }

    private void ike2() {
        ok("seattle", "/ip ipsec peer set [find] exchange-mode=ike2");
        ok("boise", "/ip ipsec peer set [find] exchange-mode=ike2");
    }

    private String log(String node) { return ok(node, "/log print where topics~\"ipsec\""); }

    @Test
    void seedTunnelComesUpWithIkeV1MainModeAndPingsLanToLan() {
        // the first echo request raises the acquire and is dropped (level=require), as on RouterOS
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("    0 192.168.90.10                                                timeout\n"), ping);
        assertTrue(ping.contains("sent=3 received=2"), ping);
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=3").contains("sent=3 received=3"));
        String peers = ok("seattle", "/ip ipsec active-peers print");
        assertTrue(peers.contains("87.16.79.2") && peers.contains("established"), peers);
        String sas = ok("boise", "/ip ipsec installed-sa print");
        assertTrue(sas.contains("mature"), sas);
        assertTrue(ok("seattle", "/ip ipsec policy print detail").contains("ph2-state=established"));
    }

    @Test
    void ikeV2TunnelComesUpAndCarriesLanToLanThroughEsp() {
        ike2();
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=3").contains("sent=3 received=2"));
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("sent=3 received=3"), ping);
        assertTrue(log("boise").contains("IKE SA established"), log("boise"));

        String peers = ok("seattle", "/ip ipsec active-peers print");
        assertTrue(peers.contains("87.16.79.2") && peers.contains("established"), peers);
        String detail = ok("boise", "/ip ipsec active-peers print detail");
        assertTrue(detail.contains("side=initiator") || detail.contains("side=responder"), detail);

        String sas = ok("seattle", "/ip ipsec installed-sa print");
        assertTrue(sas.contains("165.95.23.2") && sas.contains("87.16.79.2") && sas.contains("mature"), sas);
        assertTrue(sas.contains(" SE 0x"), "seen traffic, ESP, no H (software):\n" + sas);
        assertTrue(ok("seattle", "/ip ipsec installed-sa print detail").contains("engine=\"software (auto:"));
        String policies = ok("seattle", "/ip ipsec policy print");
        assertTrue(policies.matches("(?s).*\\n *1 +A .*"), policies);
        assertTrue(ok("seattle", "/ip ipsec policy print detail").contains("ph2-state=established"));
        assertTrue(ok("seattle", "/ip ipsec peer explain peer1").contains("established with 87.16.79.2"));

        // the internet router forwards ESP between the public addresses, never the LANs
        String conns = ok("internet", "/ip firewall connection print");
        assertFalse(conns.contains("192.168."), conns);
    }

    @Test
    void wrongSecretKeepsTheTunnelDownAndExplainSaysThePskIsWrong() {
        ok("boise", "/ip ipsec identity set [find] secret=my_great_secret");
        ike2();
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=2");
        assertTrue(ping.contains("received=0"), ping);
        String log = log("seattle") + log("boise");
        assertTrue(log.contains("parsing packet failed, possible cause: wrong password"), log);
        String why = ok("boise", "/ip ipsec peer explain peer1") + ok("seattle", "/ip ipsec peer explain peer1");
        assertTrue(why.contains("wrong pre-shared key"), why);
    }

    @Test
    void guideSecretKeepsTheIkeV1TunnelDownAndSaysWhy() {
        ok("boise", "/ip ipsec identity set [find] secret=my_great_secret");
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=2").contains("received=0"));
        assertTrue(log("seattle").contains("parsing packet failed, possible cause: wrong password"), log("seattle"));
        assertTrue(ok("seattle", "/ip ipsec peer explain peer1").contains("down: wrong pre-shared key"));
        assertFalse(ok("seattle", "/ip ipsec active-peers print").contains("established"));
    }

    @Test
    void proposalMismatchIsExplainedWithBothLists() {
        ike2();
        ok("boise", "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-128-gcm auth-algorithms=\"\"");
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=2").contains("received=0"));
        assertTrue(log("seattle").contains("no suitable proposal found"), log("seattle"));
        String why = ok("seattle", "/ip ipsec peer explain peer1");
        assertTrue(why.contains("no phase-2 SA: proposal mismatch"), why);
        assertTrue(why.contains("peer offered [aes-gcm-16-128]") && why.contains("accepts [aes-cbc-256"), "both lists:\n" + why);
        assertTrue(ok("boise", "/ip ipsec peer explain peer1").contains("proposal mismatch"));
    }

    @Test
    void silentPeerIsExplainedAsNoReply() {
        ike2();
        ok("internet", "/interface ethernet disable ether1");
        ok("boise-pc", "/ping 192.168.90.10 count=1");
        fixture.lab().advance(200_000_000_000L);
        assertTrue(log("boise").contains("phase1 negotiation failed due to time up"), log("boise"));
        String why = ok("boise", "/ip ipsec peer explain peer1");
        assertTrue(why.contains("no reply from the peer"), why);
    }

    @Test
    void killConnectionsAndFlushTakeSasDownAndTrafficBringsThemBack() {
        ike2();
        ok("boise-pc", "/ping 192.168.90.10 count=1");
        ok("seattle", "/ip ipsec active-peers kill-connections");
        assertFalse(ok("seattle", "/ip ipsec installed-sa print").contains("mature"));
        assertFalse(ok("boise", "/ip ipsec installed-sa print").contains("mature"), "the peer got our Delete");
        // no waiting out the 30 s acquire hold: the SAs changed, so the next packet asks IKE again
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("received=2"), "the first packet re-triggers negotiation:\n" + ping);
        assertTrue(ok("seattle", "/ip ipsec installed-sa print").contains("mature"));

        assertTrue(ok("boise", "/ip ipsec statistics print").contains("   in-no-states: 0\n"));
        ok("boise", "/ip ipsec installed-sa flush");
        assertFalse(ok("boise", "/ip ipsec installed-sa print").contains("mature"));
        // Seattle still sends on the flushed SA: Boise counts it under RouterOS's name
        ok("seattle-pc", "/ping 192.168.30.10 count=1");
        String stats = ok("boise", "/ip ipsec statistics print");
        assertTrue(stats.contains("   in-no-states: 1\n"), stats);
    }
}
