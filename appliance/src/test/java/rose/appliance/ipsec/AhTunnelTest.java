package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code /ip ipsec policy ... ipsec-protocols=ah} in the default lab (Seattle–Boise): IKEv1 (main
 * mode) and IKEv2 negotiate AH, the dataplanes install AH SAs, and the LANs talk through them.
 */
class AhTunnelTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final DefaultLab fixture = new DefaultLab("rose-ah-lab");

    private String ok(String node, String line) {
        return fixture.ok(node, line);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "exchange-mode={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"main", "ike2"})
    void ahPoliciesNegotiateAhAndCarryLanToLan(String exchangeMode) {
        for (String site : new String[] {"seattle", "boise"}) {
            ok(site, "/ip ipsec peer set [find] exchange-mode=" + exchangeMode);
            ok(site, "/ip ipsec proposal set [find default=yes] auth-algorithms=sha256");
            ok(site, "/ip ipsec policy set [find default=no] ipsec-protocols=ah");
        }
        // the internet router has no firewall rule: RouterOS's enabled=auto would track nothing there
        ok("internet", "/ip firewall connection tracking set enabled=yes");
        ok("boise-pc", "/ping 192.168.90.10 count=3");
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("sent=3 received=3"), ping + ok("boise", "/log print") + ok("seattle", "/log print"));
        String sas = ok("seattle", "/ip ipsec installed-sa print");
        assertTrue(sas.contains(" SA 0x"), "seen traffic, AH:\n" + sas);
        assertFalse(sas.contains("E 0x"), "no ESP SA:\n" + sas);
        assertTrue(sas.contains("sha256"), sas);
        String detail = ok("boise", "/ip ipsec installed-sa print detail");
        assertTrue(detail.contains("enc-algorithm=none"), detail);
        String conns = ok("internet", "/ip firewall connection print");
        assertTrue(conns.contains("ipsec-ah  87.16.79.2"), "the internet router forwards AH between the public addresses:\n" + conns);
        assertFalse(conns.contains("192.168."), conns);
    }

    @Test
    void anAhPolicyWithoutAnAuthAlgorithmIsNotAppliedAndSaysWhy() {
        ok("seattle", "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-128-gcm auth-algorithms=\"\"");
        ok("seattle", "/ip ipsec policy set [find default=no] ipsec-protocols=ah");
        String log = ok("seattle", "/log print where topics~\"ipsec\"").replaceAll(" *\n +", "");   // unwrap the MESSAGE column
        assertTrue(log.contains("not applied: policy") && log.contains("ipsec-protocols=ah needs auth-algorithms other than null"), log);
    }
}
