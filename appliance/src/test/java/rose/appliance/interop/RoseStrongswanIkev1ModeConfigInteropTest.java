package rose.appliance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;


import org.junit.jupiter.api.Test;

import rose.appliance.netns.Cmd;

/**
 * IKEv1 mode-config (transaction exchange) against strongSwan, both roles and both of
 * strongSwan's modes: {@code pull = yes} (its default: the client asks) and {@code pull = no}
 * (the server pushes). ROSE as office leases from {@code /ip pool} with generate-policy; ROSE as
 * road warrior ({@code mode-config=request-only}) takes strongSwan's pool address and src-nats its
 * LAN to it. Each test pings through the tunnel. Skipped, loudly, where the interop tier cannot run.
 */
class RoseStrongswanIkev1ModeConfigInteropTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final InteropLab interop = new InteropLab();

    private static String roseOffice(SiteToSite s, String identityExtra) {
        return "/ip pool add name=rw-pool ranges=10.9.0.10-10.9.0.20\n"
                + "/ip ipsec mode-config add name=rw responder=yes address-pool=rw-pool split-include=" + SiteToSite.ROSE_LAN + " static-dns=10.1.0.1\n"
                + "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec peer add name=rw address=" + s.swWan + "/32 profile=sw exchange-mode=main passive=yes\n"
                + "/ip ipsec identity add peer=rw secret=\"interop-v1-rw\" generate-policy=port-strict mode-config=rw" + identityExtra + "\n";
    }

    private static String swRoadWarrior(SiteToSite s, boolean pull, boolean xauth) {
        String auth = xauth
                ? "    local-1 { auth = psk\n id = " + s.swWan + " }\n    local-2 { auth = xauth\n xauth_id = alice }\n    remote { auth = psk\n id = %any }\n"
                : "    local { auth = psk\n id = " + s.swWan + " }\n    remote { auth = psk\n id = %any }\n";
        return "connections {\n  rose {\n    version = 1\n    aggressive = no\n    pull = " + (pull ? "yes" : "no") + "\n"
                + "    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n    vips = 0.0.0.0\n" + auth
                + "    children {\n      rose-net {\n        remote_ts = " + SiteToSite.ROSE_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n        start_action = start\n      }\n    }\n  }\n}\n"
                + "secrets {\n  ike-rose { secret = \"interop-v1-rw\" }\n  xauth-alice { id = alice\n secret = wonderland }\n}\n";
    }

    private void strongswanIsTheRoadWarrior(boolean pull, boolean xauth) throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(roseOffice(s, xauth ? " auth-method=pre-shared-key-xauth" : "")
                + (xauth ? "/ip ipsec user add name=alice password=wonderland\n" : ""));
        s.charon.load(swRoadWarrior(s, pull, xauth));
        String sas = s.charon.awaitInstalled("rose-net", 25);
        assertTrue(sas.contains("10.9.0.10/32"), "strongSwan's IPsec SA is from the leased address: " + sas + s.state());
        assertTrue(s.charon.log().contains("10.9.0.10"), s.charon.log());
        Cmd.Result ping = interop.lab().exec(25, s.swNs, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "10.9.0.10", SiteToSite.LANA);
        assertEquals(0, ping.exit(), "ping from the road warrior's address to ROSE's LAN: " + ping.out() + "\n" + s.state());
        s.awaitRose("dynamic-address", o -> o.contains("dynamic-address=10.9.0.10"), "/ip ipsec active-peers print detail", 5);
        s.awaitRose("the dynamic policy", o -> o.contains("10.9.0.10/32") && o.contains("ph2-state=established"), "/ip ipsec policy print detail", 5);
        String log = s.rose.console("/log print where topics~\"ipsec\"").replaceAll("\\s+", "");   // the console wraps mid-word
        assertTrue(log.contains("mode-configrw:gave10.9.0.10"), log);
        assertEquals(!pull, log.contains("theclientdidnotask,pushing10.9.0.10"), "pushed only to a push-mode client: " + log);
        s.charon.swanctl("--terminate", "--ike", "rose");
        s.awaitRose("the address back in the pool", o -> !o.contains("10.9.0.10"), "/ip pool used print", 10);
    }

    @Test
    void strongswanPullsItsAddressFromRose() throws Exception { strongswanIsTheRoadWarrior(true, false); }

    @Test
    void rosePushesTheAddressToAStrongswanInPushMode() throws Exception { strongswanIsTheRoadWarrior(false, false); }

    @Test
    void afterXauthStrongswanPullsItsAddress() throws Exception { strongswanIsTheRoadWarrior(true, true); }

    /** ROSE as the road warrior of a strongSwan office with a pool, in strongSwan's pull (default) or push mode. */
    private void roseIsTheRoadWarrior(boolean pull) throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.charon.load("connections {\n  rose {\n    version = 1\n    aggressive = no\n    pull = " + (pull ? "yes" : "no") + "\n"
                + "    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n    pools = rw\n"
                + "    local { auth = psk\n id = " + s.swWan + " }\n    remote { auth = psk\n id = %any }\n"
                + "    children {\n      rose-net {\n        local_ts = " + SiteToSite.SW_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n        start_action = none\n      }\n    }\n  }\n}\n"
                + "pools {\n  rw { addrs = 10.8.0.5-10.8.0.9\n dns = 10.2.0.53 }\n}\n"
                + "secrets {\n  ike-rose { secret = \"interop-v1-client\" }\n}\n");
        s.startRose("/ip firewall address-list add list=lan address=" + SiteToSite.ROSE_LAN + "\n"
                + "/ip ipsec mode-config set [find name=request-only] src-address-list=lan\n"
                + "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal set [find default=yes] enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec policy set [find default=yes] dst-address=" + SiteToSite.SW_LAN + "\n"
                + "/ip ipsec peer add name=office address=" + s.swWan + "/32 profile=sw exchange-mode=main\n"
                + "/ip ipsec identity add peer=office secret=\"interop-v1-client\" mode-config=request-only generate-policy=port-strict\n");
        String sas = s.charon.awaitInstalled("rose-net", 25);
        assertTrue(sas.contains("10.8.0.5/32"), "the IPsec SA is from the address strongSwan gave: " + sas + s.state());
        s.awaitRose("the dynamic address", o -> o.contains("10.8.0.5/32"), "/ip address print", 5);
        s.awaitRose("the dynamic src-nat rule", o -> o.contains("to-addresses=10.8.0.5") && o.contains("ipsec mode-config"), "/ip firewall nat print all", 5);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping from ROSE's LAN to strongSwan's, src-natted to 10.8.0.5: " + ping.out() + "\n" + s.state());
        assertTrue(s.rose.console("/log print").replaceAll("\\s+", "").contains("dns10.2.0.53"), s.rose.console("/log print"));
        s.charon.swanctl("--terminate", "--ike", "rose");
        s.awaitRose("the dynamic address gone", o -> !o.contains("10.8.0.5"), "/ip address print", 10);
    }

    @Test
    void roseGetsItsAddressFromAStrongswanThatWaitsToBeAsked() throws Exception { roseIsTheRoadWarrior(true); }

    @Test
    void roseTakesTheAddressAStrongswanPushes() throws Exception { roseIsTheRoadWarrior(false); }

}
