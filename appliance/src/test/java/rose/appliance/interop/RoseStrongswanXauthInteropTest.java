package rose.appliance.interop;

import rose.appliance.netns.Cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Interop tier, IKEv1 XAuth (auth-method=pre-shared-key-xauth) against strongSwan's xauth-generic:
 * strongSwan as the road-warrior client of ROSE's /ip ipsec user, and ROSE as the client of
 * strongSwan's XAuth secrets; main mode with the pre-shared key, then XAuth, then quick mode, and
 * a ping LAN to LAN through the tunnel.
 */
class RoseStrongswanXauthInteropTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final InteropLab interop = new InteropLab();

    private static final String PSK = "interop-xauth";

    private static String rose(SiteToSite s, boolean passive, String identityExtra, String users) {
        return "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256\n"
                + "/ip ipsec proposal add name=sw enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none\n"
                + "/ip ipsec peer add name=sw address=" + s.swWan + "/32 profile=sw exchange-mode=main" + (passive ? " passive=yes" : "") + "\n"
                + "/ip ipsec identity add peer=sw auth-method=pre-shared-key-xauth secret=\"" + PSK + "\"" + identityExtra + "\n"
                + users
                + "/ip ipsec policy add peer=sw src-address=" + SiteToSite.ROSE_LAN + " dst-address=" + SiteToSite.SW_LAN + " tunnel=yes proposal=sw\n";
    }

    /** {@code client}: strongSwan authenticates itself with XAuth (round 2 of its local auth); else it asks ROSE for it. */
    private static String strongswan(SiteToSite s, boolean client, boolean start) {
        String auth = client
                ? "    local-1 { auth = psk\n id = " + s.swWan + " }\n    local-2 { auth = xauth\n xauth_id = alice }\n    remote { auth = psk\n id = %any }\n"
                : "    local { auth = psk\n id = " + s.swWan + " }\n    remote-1 { auth = psk\n id = %any }\n    remote-2 { auth = xauth }\n";
        return "connections {\n  rose {\n    version = 1\n    aggressive = no\n"
                + "    local_addrs = " + s.swWan + "\n    remote_addrs = 172.31.0.1\n"
                + "    proposals = aes256-sha256-modp2048\n" + auth
                + "    children {\n      rose-net {\n"
                + "        local_ts = " + SiteToSite.SW_LAN + "\n        remote_ts = " + SiteToSite.ROSE_LAN + "\n"
                + "        esp_proposals = aes256gcm16,aes128gcm16\n"
                + "        start_action = " + (start ? "start" : "none") + "\n"
                + "      }\n    }\n  }\n}\n"
                + "secrets {\n  ike-rose { secret = \"" + PSK + "\" }\n  xauth-alice { id = alice\n secret = wonderland }\n}\n";
    }

    @Test
    void strongswanIsTheXauthClientOfRose() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, true, "", "/ip ipsec user add name=alice password=wonderland\n"));
        s.charon.load(strongswan(s, true, true));
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.rose.console("/log print").replaceAll("\\s+", " ").contains("xauth user alice authenticated"), s.state());
    }

    @Test
    void roseIsTheXauthClientOfStrongswan() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(rose(s, false, " username=alice password=wonderland", ""));
        s.charon.load(strongswan(s, false, false));
        s.awaitTunnel(20);
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        assertTrue(s.charon.log().contains("XAuth authentication of 'alice' successful"), s.charon.log());
    }
}
