package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.lab.Lab;
import rose.appliance.lab.Topology;

/**
 * Mode-config between the two ROSE routers of the default lab: Seattle is the office
 * ({@code mode-config=rw responder=yes address-pool=rw-pool split-include=192.168.90.0/24},
 * {@code generate-policy=port-strict}), Boise a road warrior ({@code mode-config=request-only}).
 * Boise gets 192.168.77.254 from Seattle's pool and reaches Seattle's LAN from it.
 */
class ModeConfigLabTest {
    private Path dir;
    private Lab lab;

    @BeforeEach
    void boot() throws Exception {
        Path seeds = Path.of("").toAbsolutePath();
        boolean found = false;
        for (int i = 0; i < 4 && seeds != null; i++, seeds = seeds.getParent()) found |= Files.exists(seeds.resolve("../shared/examples/site-seattle.rsc"));
        Assumptions.assumeTrue(found, "the default lab needs ../shared/examples/site-*.rsc beside the repository");
        dir = Files.createTempDirectory("rose-mode-config-lab");
        lab = Lab.boot(Topology.builtIn(), id -> BoardsForTests.genericX86(), BuildInfo.current(), dir);
        assertEquals(java.util.List.of(), lab.bootErrors());
        // both sites drop the seed's site-to-site tunnel
        for (String site : new String[] {"seattle", "boise"}) {
            ok(site, "/ip ipsec identity remove [find]");
            ok(site, "/ip ipsec policy remove [find default=no]");
            ok(site, "/ip ipsec peer remove [find]");
        }
        ok("seattle", "/ip pool add name=rw-pool ranges=192.168.77.254,192.168.77.250-192.168.77.253");
        ok("seattle", "/ip ipsec mode-config add name=rw responder=yes address-pool=rw-pool split-include=192.168.90.0/24 static-dns=192.168.90.1");
        ok("seattle", "/ip ipsec peer add name=road-warriors passive=yes exchange-mode=ike2");
        ok("seattle", "/ip ipsec identity add peer=road-warriors secret=road generate-policy=port-strict mode-config=rw");
    }

    @AfterEach
    void close() throws Exception {
        if (lab != null) lab.close();
        if (dir != null) try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    private String ok(String node, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(lab.run(node, line, out), node + ": " + line + " failed:\n" + out);
        return out.toString();
    }

    private void roadWarrior() { roadWarrior("ike2"); }

    /** Boise becomes the road warrior of Seattle with {@code exchange-mode=mode} on both ends. */
    private void roadWarrior(String mode) {
        if (!mode.equals("ike2")) ok("seattle", "/ip ipsec peer set road-warriors exchange-mode=" + mode);
        ok("boise", "/ip ipsec peer add name=office address=165.95.23.2/32 exchange-mode=" + mode);
        ok("boise", "/ip ipsec identity add peer=office secret=road mode-config=request-only generate-policy=port-strict");
        for (int i = 0; i < 50 && !ok("boise", "/ip ipsec active-peers print detail").contains("established"); i++) lab.advance(100_000_000L);
    }

    @Test
    void theOfficeLeasesFromItsPoolAndBothSidesShowTheDynamicPolicy() {
        roadWarrior();
        String office = ok("seattle", "/ip ipsec active-peers print detail");
        assertTrue(office.contains("state=established") && office.contains("dynamic-address=192.168.77.254"), office + ok("seattle", "/log print"));
        String used = ok("seattle", "/ip pool used print");
        assertTrue(used.matches("(?s).*rw-pool\\s+192\\.168\\.77\\.254\\s+ipsec.*"), used);
        String policies = ok("seattle", "/ip ipsec policy print detail");
        assertTrue(policies.matches("(?s).*D.*src-address=192\\.168\\.90\\.0/24.*dst-address=192\\.168\\.77\\.254/32.*"), policies);
        String client = ok("boise", "/ip ipsec policy print detail");
        assertTrue(client.matches("(?s).*D.*src-address=192\\.168\\.77\\.254/32.*dst-address=192\\.168\\.90\\.0/24.*ph2-state=established.*"), client);
        assertTrue(ok("boise", "/ip ipsec active-peers print detail").contains("dynamic-address=192.168.77.254"));
        assertFalse(ok("seattle", "/log print").contains("mode-config and generate-policy are not applied"));
    }

    @Test
    void whenTheSaEndsTheAddressGoesBackToThePoolAndLeavesTheClientWithItsPolicyAndNatRule() {
        ok("boise", "/ip firewall address-list add list=local address=192.168.30.0/24");
        ok("boise", "/ip ipsec mode-config set request-only src-address-list=local");
        roadWarrior();
        assertTrue(ok("seattle", "/ip pool used print").contains("192.168.77.254"));
        assertTrue(ok("boise", "/ip address print").matches("(?s).*D\\s+192\\.168\\.77\\.254/32.*ether1.*"), ok("boise", "/ip address print"));
        assertTrue(ok("boise", "/ip firewall nat print all").contains("ipsec mode-config"));
        ok("boise", "/ip ipsec active-peers kill-connections");
        for (int i = 0; i < 50 && ok("seattle", "/ip pool used print").contains("192.168.77.254"); i++) lab.advance(100_000_000L);
        assertFalse(ok("seattle", "/ip pool used print").contains("192.168.77.254"), ok("seattle", "/log print"));
        assertFalse(ok("seattle", "/ip ipsec policy print detail").contains("192.168.77.254"), "the dynamic policy went with its SAs");
        assertFalse(ok("boise", "/ip ipsec policy print detail").contains("192.168.77.254"));
        assertFalse(ok("boise", "/ip address print").contains("192.168.77.254"), ok("boise", "/ip address print"));
        assertFalse(ok("boise", "/ip firewall nat print all").contains("ipsec mode-config"));
    }

    @Test
    void policyTemplateGroupSelectsTheTemplatesAndOneThatDoesNotCoverRefusesTheChildSa() {
        ok("seattle", "/ip ipsec policy group add name=lan-only");
        ok("seattle", "/ip ipsec policy add group=lan-only template=yes src-address=192.168.90.0/24 dst-address=172.16.0.0/16");
        ok("seattle", "/ip ipsec identity set [find peer=road-warriors] policy-template-group=lan-only");
        roadWarrior();
        assertTrue(ok("seattle", "/log print").replaceAll("\\s+", "").contains("notemplateinpolicy-template-groupcovers192.168.90.0/24<=>192.168.77.254/32"),
                ok("seattle", "/log print"));
        assertFalse(ok("seattle", "/ip ipsec policy print detail").contains("192.168.77.254"));
        ok("seattle", "/ip ipsec policy add group=lan-only template=yes src-address=192.168.90.0/24 dst-address=192.168.77.0/24");
        ok("boise", "/ip ipsec active-peers kill-connections");
        ok("boise", "/ip ipsec peer disable office");
        ok("boise", "/ip ipsec peer enable office");
        for (int i = 0; i < 50 && !ok("seattle", "/ip ipsec policy print detail").contains("192.168.77."); i++) lab.advance(100_000_000L);
        assertTrue(ok("seattle", "/ip ipsec policy print detail").matches("(?s).*D.*dst-address=192\\.168\\.77\\.\\d+/32.*"),
                ok("seattle", "/ip ipsec policy print detail") + ok("seattle", "/log print"));
    }

    /**
     * IKEv1 (main mode): mode-config over the transaction exchange, the same lease, dynamic
     * policies and ping as with IKEv2, and nothing in the log says it is not applied.
     */
    @Test
    void ikev1MainModeRoadWarriorGetsItsAddressAndReachesTheOfficeLan() {
        ok("seattle", "/ip ipsec mode-config set rw split-dns=corp.example");
        ok("boise", "/ip firewall nat add chain=srcnat src-address=192.168.77.254 action=accept comment=tunnel place-before=0");
        roadWarrior("main");
        String office = ok("seattle", "/ip ipsec active-peers print detail");
        assertTrue(office.contains("state=established") && office.contains("dynamic-address=192.168.77.254"), office + ok("seattle", "/log print"));
        assertTrue(ok("seattle", "/ip ipsec policy print detail").matches("(?s).*D.*src-address=192\\.168\\.90\\.0/24.*dst-address=192\\.168\\.77\\.254/32.*"));
        String client = ok("boise", "/ip ipsec policy print detail");
        assertTrue(client.matches("(?s).*D.*src-address=192\\.168\\.77\\.254/32.*dst-address=192\\.168\\.90\\.0/24.*ph2-state=established.*"), client + ok("boise", "/log print"));
        String ping = ok("boise", "/ping 192.168.90.10 src-address=192.168.77.254 count=3");
        assertTrue(ping.contains("received=3"), ping + ok("boise", "/log print") + ok("seattle", "/log print"));
        String log = ok("seattle", "/log print").replaceAll("\\s+", "") + ok("boise", "/log print").replaceAll("\\s+", "");
        assertFalse(log.contains("mode-configandgenerate-policyarenotapplied") || log.contains("IKEv1transactionexchangenotimplemented"), log);
        assertTrue(log.contains("/ipdnsdynamic-servers"), log);
        assertTrue(ok("boise", "/ip dns print").contains("dynamic-servers: 192.168.90.1"), ok("boise", "/ip dns print"));
        assertTrue(ok("boise", "/log print").replaceAll("\\s+", "").contains("split-dnscorp.example"), ok("boise", "/log print"));
        ok("boise", "/ip ipsec active-peers kill-connections");
        for (int i = 0; i < 50 && ok("seattle", "/ip pool used print").contains("192.168.77.254"); i++) lab.advance(100_000_000L);
        assertFalse(ok("seattle", "/ip pool used print").contains("192.168.77.254"), ok("seattle", "/log print"));
    }

    /**
     * {@code /ip dns}: the office hands out its own servers with {@code system-dns=yes} and its
     * split-dns domains (IKEv2 INTERNAL_DNS_DOMAIN); the road warrior lists what it got under
     * {@code dynamic-servers} unless {@code use-responder-dns=no}, and forgets it with the SA.
     */
    @Test
    void systemDnsSplitDnsAndUseResponderDns() {
        ok("seattle", "/ip dns set servers=192.168.90.53,9.9.9.9");
        ok("seattle", "/ip ipsec mode-config set rw system-dns=yes split-dns=corp.example,lab.example");
        roadWarrior();
        String log = ok("boise", "/log print").replaceAll("\\s+", "");   // the console wraps lines mid-word
        assertTrue(log.contains("gotaddress192.168.77.254,dns192.168.90.53,9.9.9.9,split-dnscorp.example,lab.example"), log);
        assertTrue(ok("boise", "/ip dns print").contains("dynamic-servers: 192.168.90.53,9.9.9.9"), ok("boise", "/ip dns print"));
        ok("boise", "/ip ipsec active-peers kill-connections");
        for (int i = 0; i < 50 && ok("boise", "/ip dns print").contains("192.168.90.53"); i++) lab.advance(100_000_000L);
        assertFalse(ok("boise", "/ip dns print").contains("192.168.90.53"), "the servers go with the IKE SA: " + ok("boise", "/ip dns print"));
        ok("boise", "/ip ipsec mode-config set request-only use-responder-dns=no");
        ok("boise", "/ip ipsec peer disable office");
        ok("boise", "/ip ipsec peer enable office");
        for (int i = 0; i < 50 && !ok("boise", "/log print").contains("not used"); i++) lab.advance(100_000_000L);
        assertTrue(ok("boise", "/log print").replaceAll("\\s+", "").contains("DNSservers192.168.90.53,9.9.9.9fromofficenotused(use-responder-dns=no)"), ok("boise", "/log print"));
        assertFalse(ok("boise", "/ip dns print").contains("192.168.90.53"), ok("boise", "/ip dns print"));
    }

    @Test
    void badDnsServersAreRefusedAndChangeNothing() {
        ok("seattle", "/ip dns set servers=192.168.90.53");
        StringBuilder out = new StringBuilder();
        assertFalse(lab.run("seattle", "/ip dns set servers=dns.example", out), out.toString());
        assertTrue(ok("seattle", "/ip dns print").contains("servers: 192.168.90.53"), ok("seattle", "/ip dns print"));
    }

    @Test
    void anExhaustedPoolTakesTheNextPool() {
        ok("seattle", "/ip pool add name=spare ranges=192.168.78.1");
        ok("seattle", "/ip pool set rw-pool ranges=192.168.77.254 next-pool=spare");
        ok("seattle", "/ip ipsec mode-config set rw split-include=0.0.0.0/0");
        // another client holds .254 (owner from an earlier SA): the lease skips it
        lab.appliance("seattle").ipsec().pools().lease("rw-pool", "someone else");
        roadWarrior();
        assertTrue(ok("seattle", "/ip ipsec active-peers print detail").contains("dynamic-address=192.168.78.1"), ok("seattle", "/ip pool used print"));
    }

    @Test
    void theRoadWarriorReachesTheOfficeLanFromItsAddress() {
        // the lab masquerades everything leaving ether1; the tunnel's policy wants the address itself
        ok("boise", "/ip firewall nat add chain=srcnat src-address=192.168.77.254 action=accept comment=tunnel place-before=0");
        roadWarrior();
        String ping = ok("boise", "/ping 192.168.90.10 src-address=192.168.77.254 count=3");
        assertTrue(ping.contains("received=3"), ping + ok("internet", "/ip firewall connection print") + ok("seattle", "/ip firewall connection print") + ok("boise", "/ip firewall connection print") + ok("boise", "/ip ipsec statistics print") + ok("boise", "/log print") + ok("seattle", "/log print"));
        String conns = ok("internet", "/ip firewall connection print");
        assertFalse(conns.contains("192.168.77.254") || conns.contains("192.168.90.10"), "only ESP crosses the internet:\n" + conns);
    }

    @Test
    void theLanBehindTheRoadWarriorIsSourceNattedToTheAddressByTheDynamicRule() {
        ok("boise", "/ip firewall address-list add list=local address=192.168.30.0/24");
        ok("boise", "/ip ipsec mode-config set request-only src-address-list=local");
        roadWarrior();
        assertFalse(ok("boise", "/ip firewall nat print").contains("ipsec mode-config"), "plain print lists static rules only, as RouterOS's");
        String nat = ok("boise", "/ip firewall nat print all");
        assertTrue(nat.matches("(?s).*D\\s+;;; ipsec mode-config\\s+chain=srcnat action=src-nat to-addresses=192\\.168\\.77\\.254"
                + "\\s+src-address-list=local dst-address-list=!local.*"), nat);
        ok("boise-pc", "/ping 192.168.90.10 count=1");
        String ping = ok("boise-pc", "/ping 192.168.90.10 count=3");
        assertTrue(ping.contains("received=3"), ping + ok("boise", "/log print") + ok("seattle", "/log print"));
        String seen = ok("seattle", "/ip firewall connection print");
        assertTrue(seen.contains("192.168.77.25"), "the office sees the road warrior's address, not its LAN:\n" + seen);
        assertFalse(seen.contains("192.168.30."), seen);
        assertTrue(ok("seattle", "/ip ipsec active-peers print").contains("established"));
    }
}
