package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.appliance.BackToBackRouters.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.BackToBackRouters;
import rose.cli.lang.Session;

/**
 * Two routers as {@code rose run} runs them (own dataplane threads, IKE on its own event-loop
 * thread, system clock) on one memory wire: an IKEv2 transport-mode policy between their
 * addresses comes up on the first ping and carries the rest.
 */
class ThreadedTunnelTest {
    @TempDir Path dir;

    @Test
    void ikeV2TransportPolicyComesUpOnItsOwnThreads() throws Exception {
        try (BackToBackRouters r = new BackToBackRouters(dir)) {
            Session sa = r.sa, sb = r.sb;
            for (String[] x : new String[][] {{"10.9.0.1", "10.9.0.2"}, {"10.9.0.2", "10.9.0.1"}}) {
                Session s = x[0].endsWith(".1") ? sa : sb;
                run(s, "/ip address add address=" + x[0] + "/24 interface=ether1");
                run(s, "/ip ipsec peer add name=p address=" + x[1] + "/32 exchange-mode=ike2");
                run(s, "/ip ipsec identity add peer=p secret=threads");
                run(s, "/ip ipsec policy add peer=p src-address=" + x[0] + "/32 dst-address=" + x[1] + "/32 protocol=icmp");
            }
            r.assertPingsCrossTheTunnel();                         // the first ping raises the acquire; real time from here
            String peers = run(sb, "/ip ipsec active-peers print");
            assertTrue(peers.contains("established"), peers);
            String sas = run(sb, "/ip ipsec installed-sa print");
            assertTrue(sas.contains(" SE 0x"), sas);
        }
    }
}
