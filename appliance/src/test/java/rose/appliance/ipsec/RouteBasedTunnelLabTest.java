package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Route-based IPsec between the two ROSE routers of the default lab (Seattle–Boise), IKE and
 * all: each site replaces its policy by an {@code /interface ipsec} bound to its peer and a
 * route into it; the firewall sees the decrypted traffic arrive on that interface.
 */
class RouteBasedTunnelLabTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final DefaultLab fixture = new DefaultLab("rose-route-based-lab");

    private String ok(String node, String line) {
        return fixture.ok(node, line);
    }

    private void routeBased(String site, String remoteLan) {
        ok(site, "/ip ipsec peer set [find] exchange-mode=ike2");
        ok(site, "/ip ipsec policy remove [find default=no]");
        ok(site, "/interface ipsec add name=ipsec-vpn1 peer=peer1 mangling=yes accept-untracked-peer=no");
        ok(site, "/ip route add dst-address=" + remoteLan + " gateway=ipsec-vpn1");
    }

    @Test
    void manglingSaysWhetherDecryptedTrafficPassesTheMangleChains() {
        ok("boise", "/ip ipsec identity set [find] secret=my_secret");
        routeBased("seattle", "192.168.30.0/24");
        routeBased("boise", "192.168.90.0/24");
        ok("seattle", "/ip firewall mangle add chain=prerouting in-interface=ipsec-vpn1 action=passthrough comment=mangled");
        ok("seattle", "/ip firewall filter add chain=forward in-interface=ipsec-vpn1 action=accept comment=filtered");
        ok("boise-pc", "/ping 192.168.90.10 count=2");
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=2").contains("received=2"));
        assertTrue(packets("seattle", "mangle", "mangled") > 0, "mangling=yes: through mangle prerouting");
        ok("seattle", "/interface ipsec set ipsec-vpn1 mangling=no");
        ok("seattle", "/ip firewall mangle reset-counters-all");
        ok("seattle", "/ip firewall filter reset-counters-all");
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=2").contains("received=2"));
        assertEquals(0, packets("seattle", "mangle", "mangled"), "mangling=no: the mangle chains leave it alone");
        assertTrue(packets("seattle", "filter", "filtered") > 0, "the filter still sees it on ipsec-vpn1");
    }

    private long packets(String site, String table, String comment) {
        String out = ok(site, "/ip firewall " + table + " print stats where comment=" + comment);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*0\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+(\\d+)\\s*$").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(2));
    }

    @Test
    void aDisabledInterfaceCarriesNothing() {
        ok("boise", "/ip ipsec identity set [find] secret=my_secret");
        routeBased("seattle", "192.168.30.0/24");
        routeBased("boise", "192.168.90.0/24");
        ok("boise-pc", "/ping 192.168.90.10 count=2");
        assertTrue(ok("boise-pc", "/ping 192.168.90.10 count=2").contains("received=2"));
        ok("seattle", "/interface ipsec disable ipsec-vpn1");
        assertTrue(ok("seattle", "/interface ipsec print").contains("0 X ipsec-vpn1"), "disabled, not running");
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=2");
        assertTrue(ping.contains("received=0"), ping);
    }

    @Test
    void routesIntoTheInterfaceNegotiateAndCarryTheLansAndTheFirewallSeesTheInterface() {
        ok("boise", "/ip ipsec identity set [find] secret=my_secret");
        routeBased("seattle", "192.168.30.0/24");
        routeBased("boise", "192.168.90.0/24");
        ok("seattle", "/ip firewall filter add chain=forward in-interface=ipsec-vpn1 action=accept comment=from-tunnel");
        ok("seattle", "/ip firewall filter add chain=forward in-interface=ether1 src-address=192.168.30.0/24 action=drop comment=not-in-clear");
        // the internet router has no firewall rule: RouterOS's enabled=auto would track nothing there
        ok("internet", "/ip firewall connection tracking set enabled=yes");
        ok("boise-pc", "/ping 192.168.90.10 count=3");
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("sent=3 received=3"), ping + ok("boise", "/log print") + ok("seattle", "/log print"));
        String sas = ok("seattle", "/ip ipsec installed-sa print");
        assertTrue(sas.contains(" SE 0x") && sas.contains("165.95.23.2") && sas.contains("87.16.79.2"), sas);
        String stats = ok("seattle", "/ip firewall filter print stats where comment=from-tunnel");
        assertTrue(stats.matches("(?s).*forward\\s+accept\\s+\\d+\\s+[1-9]\\d*\\s*\n.*"), "decrypted packets came in on ipsec-vpn1:\n" + stats);
        String conns = ok("internet", "/ip firewall connection print");
        assertFalse(conns.contains("192.168."), "the LANs never cross the internet in clear:\n" + conns);
        String iface = ok("seattle", "/interface ipsec print");
        assertTrue(iface.matches("(?s).*\\n0 R ipsec-vpn1\\s+auto\\s+1422\\s+peer1.*"),
                "actual-mtu: 1500 less ESP-in-UDP tunnel overhead for the default proposal's worst transform (aes-cbc, sha1):\n" + iface);
    }
}
