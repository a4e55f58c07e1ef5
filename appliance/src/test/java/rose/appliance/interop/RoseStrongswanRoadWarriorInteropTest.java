package rose.appliance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;


import org.junit.jupiter.api.Test;

import rose.appliance.netns.Cmd;

/**
 * Mode-config against strongSwan: strongSwan is a road warrior ({@code vips = 0.0.0.0}) and
 * ROSE the office, leasing from {@code /ip pool} with {@code generate-policy=port-strict} and
 * {@code split-include} of its LAN. strongSwan's kernel pings the host behind ROSE from the
 * address it got. Skipped, loudly, where the interop tier cannot run ({@link InteropGate}).
 */
class RoseStrongswanRoadWarriorInteropTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final InteropLab interop = new InteropLab();

    @Test
    void strongswanGetsAnAddressFromRosesPoolAndReachesItsLan() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose("/ip pool add name=rw-pool ranges=10.9.0.10-10.9.0.20\n"
                + "/ip ipsec mode-config add name=rw responder=yes address-pool=rw-pool split-include=" + SiteToSite.ROSE_LAN + "\n"
                + "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec peer add name=rw address=" + s.swWan + "/32 profile=sw exchange-mode=ike2 passive=yes\n"
                + "/ip ipsec identity add peer=rw auth-method=pre-shared-key secret=\"interop-rw\" generate-policy=port-strict mode-config=rw\n");
        s.charon.load("connections {\n"
                + "  rose {\n    version = 2\n    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n    vips = 0.0.0.0\n"
                + "    local { auth = psk\n id = " + s.swWan + " }\n    remote { auth = psk\n id = %any }\n"
                + "    children {\n      rose-net {\n        remote_ts = " + SiteToSite.ROSE_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n        start_action = start\n      }\n    }\n  }\n}\n"
                + "secrets {\n  ike-rose { secret = \"interop-rw\" }\n}\n");
        String sas = s.charon.awaitInstalled("rose-net", 20);
        assertTrue(sas.contains("10.9.0.10/32"), "strongSwan's CHILD_SA is from the leased address: " + sas + s.state());
        Cmd.Result ping = interop.lab().exec(25, s.swNs, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "10.9.0.10", SiteToSite.LANA);
        assertEquals(0, ping.exit(), "ping from the road warrior's address to ROSE's LAN: " + ping.out() + "\n" + s.state());
        s.awaitRose("the lease in /ip pool used", o -> o.contains("rw-pool") && o.contains("10.9.0.10"), "/ip pool used print", 5);
        s.awaitRose("dynamic-address", o -> o.contains("dynamic-address=10.9.0.10"), "/ip ipsec active-peers print detail", 5);
        s.awaitRose("the dynamic policy", o -> o.contains("10.9.0.10/32") && o.contains("ph2-state=established"), "/ip ipsec policy print detail", 5);
        s.charon.swanctl("--terminate", "--ike", "rose");
        s.awaitRose("the address back in the pool", o -> !o.contains("10.9.0.10"), "/ip pool used print", 10);
        s.awaitRose("the dynamic policy gone", o -> !o.contains("10.9.0.10"), "/ip ipsec policy print detail", 5);
    }

    /**
     * ROSE as the road warrior ({@code mode-config=request-only src-address-list=lan}) of a
     * strongSwan responder with an address pool: the LAN host behind ROSE reaches strongSwan's LAN,
     * src-natted to the received address by the dynamic rule; all of it goes with the IKE SA.
     */
    @Test
    void roseGetsAnAddressFromStrongswanAndItsLanIsSourceNattedToIt() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.charon.load("connections {\n"
                + "  rose {\n    version = 2\n    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n    pools = rw\n"
                + "    local { auth = psk\n id = " + s.swWan + " }\n    remote { auth = psk\n id = %any }\n"
                + "    children {\n      rose-net {\n        local_ts = " + SiteToSite.SW_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n        start_action = none\n      }\n    }\n  }\n}\n"
                + "pools {\n  rw { addrs = 10.8.0.5-10.8.0.9 }\n}\n"
                + "secrets {\n  ike-rose { secret = \"interop-rw-client\" }\n}\n");
        s.startRose("/ip firewall address-list add list=lan address=" + SiteToSite.ROSE_LAN + "\n"
                + "/ip ipsec mode-config set [find name=request-only] src-address-list=lan\n"
                + "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec policy set [find default=yes] dst-address=" + SiteToSite.SW_LAN + "\n"
                + "/ip ipsec peer add name=office address=" + s.swWan + "/32 profile=sw exchange-mode=ike2\n"
                + "/ip ipsec identity add peer=office auth-method=pre-shared-key secret=\"interop-rw-client\" mode-config=request-only generate-policy=port-strict\n");
        String sas = s.charon.awaitInstalled("rose-net", 20);
        assertTrue(sas.contains("10.8.0.5/32"), "the CHILD_SA is from the address strongSwan gave: " + sas + s.state());
        s.awaitRose("the dynamic address", o -> o.contains("10.8.0.5/32"), "/ip address print", 5);
        s.awaitRose("the dynamic src-nat rule", o -> o.contains("to-addresses=10.8.0.5") && o.contains("ipsec mode-config"), "/ip firewall nat print all", 5);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping from ROSE's LAN to strongSwan's, src-natted to 10.8.0.5: " + ping.out() + "\n" + s.state());
        s.charon.swanctl("--terminate", "--ike", "rose");
        s.awaitRose("the dynamic address gone", o -> !o.contains("10.8.0.5"), "/ip address print", 10);
        s.awaitRose("the dynamic src-nat rule gone", o -> !o.contains("10.8.0.5"), "/ip firewall nat print all", 5);
    }

}
