package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.appliance.dataplane.TunnelMtu;

/**
 * actual-mtu of tunnel interfaces and {@code /ip ipsec policy print mtu} in the default lab
 * (Seattle–Boise), checked against reference 07 §C's numbers.
 */
class TunnelMtuTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final DefaultLab fixture = new DefaultLab("rose-mtu-lab");

    private String ok(String node, String line) {
        return fixture.ok(node, line);
    }

    @Test
    void worstTransformOfAProposalIsTheOneWithTheMostOverhead() {
        assertEquals("aes-256-cbc+sha512", TunnelMtu.worstOf("aes-128-gcm,aes-256-cbc", "sha1,sha512").toString());
        assertEquals("aes-128-gcm", TunnelMtu.worstOf("aes-128-gcm", "").toString());
    }

    @Test
    void policyPrintMtuShowsInnerPacketAndMssFromTheProposalThenTheSa() {
        // IKEv1, profile without NAT-T, default proposal: the worst is aes-256-cbc+sha1 (§C.2: 1438)
        String before = ok("seattle", "/ip ipsec policy print mtu detail");
        assertTrue(before.contains("sa-dst-address=87.16.79.2 path-mtu=1500 inner-mtu=1438 clamp-mss=1398"), before);
        assertTrue(before.contains("mtu-transform=\"aes-256-cbc+sha1\""), before);
        // the SA's own transform once it is up: AES-GCM leaves 1446 (§C.2)
        ok("seattle", "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-128-gcm");
        ok("boise", "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-128-gcm");
        ok("boise-pc", "/ping 192.168.90.10 count=3");
        String after = ok("seattle", "/ip ipsec policy print mtu");
        assertTrue(after.contains("path-mtu=1500 inner-mtu=1446 clamp-mss=1406"), after);
        // a smaller MTU on the way out shrinks it
        ok("seattle", "/interface ethernet set [find] mtu=1400");
        assertTrue(ok("seattle", "/ip ipsec policy print mtu").contains("path-mtu=1400 inner-mtu=1346 clamp-mss=1306"));
        // the mtu form is only for policies
        assertFalse(fixture.lab().run("seattle", "/ip address print mtu", new StringBuilder()));
    }

    @Test
    void tunnelInterfacesFollowThePath() {
        ok("seattle", "/interface gre add name=gre1 remote-address=87.16.79.2");
        ok("seattle", "/interface ipip add name=ipip1 remote-address=87.16.79.2");
        ok("seattle", "/interface gre add name=gre2 remote-address=87.16.79.2 mtu=1300");
        // route-based IPsec to peer1 (IKEv2 may use NAT-T): worst of the default proposal, aes-256-cbc+sha1 + NAT-T = 1422 (§C.2)
        ok("seattle", "/ip ipsec peer set [find] exchange-mode=ike2");
        ok("seattle", "/interface ipsec add name=ipsec1 peer=peer1");
        String all = ok("seattle", "/interface print");
        assertTrue(all.matches("(?s).*gre1 +gre-tunnel +1476.*"), all);
        assertTrue(all.matches("(?s).*ipip1 +ipip-tunnel +1480.*"), all);
        assertTrue(all.matches("(?s).*gre2 +gre-tunnel +1300.*"), all);
        assertTrue(all.matches("(?s).*ipsec1 +ipsec +1422.*"), all);
        assertTrue(ok("seattle", "/interface gre print").matches("(?s).*gre1 +auto +1476.*"));
        ok("seattle", "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-128-gcm");
        assertTrue(ok("seattle", "/interface ipsec print").matches("(?s).*ipsec1 +auto +1438.*"));
    }
}
