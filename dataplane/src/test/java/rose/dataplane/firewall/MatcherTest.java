package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** One test per matcher family, against RouterOS semantics (reference 03 §3). */
class MatcherTest {
    private static int drop(FirewallHarness h, String chain, PacketFields f) { return h.run(chain, f); }

    @Test void addressesPrefixRangeAndNegation() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=drop src-address=10.0.0.0/8 dst-address=!192.168.1.0-192.168.1.9");
        assertEquals(Verdict.DROP, h.run("forward", Pkt.udp("10.1.2.3", 1, "192.168.1.10", 2, 0)));
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.udp("10.1.2.3", 1, "192.168.1.5", 2, 0)));
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.udp("11.1.2.3", 1, "192.168.1.10", 2, 0)));
    }

    @Test void protocolAndPortListsWithNegation() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=drop protocol=tcp dst-port=22,8000-8080",
                "chain=input action=drop protocol=udp src-port=!53",
                "chain=input action=reject protocol=tcp port=25");
        assertEquals(Verdict.DROP, h.run("input", Pkt.tcp("1.1.1.1", 999, "2.2.2.2", 22, 2)));
        assertEquals(Verdict.DROP, h.run("input", Pkt.tcp("1.1.1.1", 999, "2.2.2.2", 8042, 2)));
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.tcp("1.1.1.1", 999, "2.2.2.2", 80, 2)));
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.udp("1.1.1.1", 53, "2.2.2.2", 5000, 0)));
        assertEquals(Verdict.DROP, h.run("input", Pkt.udp("1.1.1.1", 54, "2.2.2.2", 5000, 0)));
        assertEquals(Verdict.REJECT, h.run("input", Pkt.tcp("1.1.1.1", 25, "2.2.2.2", 4000, 2)));
    }

    @Test void interfacesAndInterfaceLists() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=accept in-interface=ether2 out-interface=ether1",
                "chain=forward action=drop in-interface-list=!LAN");
        PacketFields f = Pkt.fields(Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0));
        f.inIf = 1; f.outIf = 0;
        assertEquals(Verdict.ACCEPT, h.run("forward", f));
        f.inIf = 0; f.outIf = 1;
        assertEquals(Verdict.DROP, h.run("forward", f));
        f.inIf = 2;
        assertEquals(Verdict.ACCEPT, h.run("forward", f));
    }

    @Test void unknownInterfaceMakesTheRuleInvalidNotWider() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules("chain=forward action=drop in-interface=wlan9");
        assertEquals(java.util.List.of(1L), h.program.invalidRuleIds());
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0)));
    }

    @Test void connectionStateAndNatState() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=accept connection-state=established,related,untracked",
                "chain=forward action=drop connection-state=invalid",
                "chain=forward action=drop connection-state=new connection-nat-state=!dstnat in-interface-list=WAN");
        PacketFields f = Pkt.fields(Pkt.tcp("1.1.1.1", 1000, "2.2.2.2", 80, 2));
        f.inIf = 0;
        f.connState = ConnStates.ESTABLISHED; assertEquals(Verdict.ACCEPT, h.run("forward", f));
        f.connState = ConnStates.INVALID; assertEquals(Verdict.DROP, h.run("forward", f));
        f.connState = ConnStates.NEW; assertEquals(Verdict.DROP, h.run("forward", f));
        f.natState = ConnStates.NAT_DSTNAT; assertEquals(Verdict.ACCEPT, h.run("forward", f));
        assertEquals(1, h.ctx.counters().packets(1));
        assertEquals(1, h.ctx.counters().packets(2));
        assertEquals(1, h.ctx.counters().packets(3));
    }

    @Test void marksAndNoMark() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=drop connection-mark=no-mark packet-mark=!bulk");
        PacketFields f = Pkt.fields(Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0));
        assertEquals(Verdict.DROP, h.run("forward", f));
        f.packetMark = h.ctx.marks().id("bulk");
        assertEquals(Verdict.ACCEPT, h.run("forward", f));
        f.packetMark = 0; f.connMark = h.ctx.marks().id("vip");
        assertEquals(Verdict.ACCEPT, h.run("forward", f));
    }

    @Test void tcpFlagsMssAndPacketSize() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=drop protocol=tcp tcp-flags=syn,!ack tcp-mss=1400-1500",
                "chain=input action=drop packet-size=!0-100");
        assertEquals(Verdict.DROP, h.run("input", Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlagsMatch.SYN)));
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlagsMatch.SYN | TcpFlagsMatch.ACK)));
        assertEquals(Verdict.DROP, h.run("input", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 200)));
    }

    @Test void icmpOptions() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=accept protocol=icmp icmp-options=8:0",
                "chain=input action=drop protocol=icmp icmp-options=3:0-4");
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.icmp("1.1.1.1", "2.2.2.2", 8, 0, 7)));
        assertEquals(Verdict.DROP, h.run("input", Pkt.icmp("1.1.1.1", "2.2.2.2", 3, 3, 0)));
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.icmp("1.1.1.1", "2.2.2.2", 3, 13, 0)));
    }

    @Test void ipsecPolicyIsNoneUntilTheSpdAnswers() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=accept ipsec-policy=in,ipsec",
                "chain=forward action=drop ipsec-policy=out,none");
        PacketFields f = Pkt.fields(Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0));
        assertEquals(Verdict.DROP, h.run("forward", f));
        f.decryptedByIpsec = true;
        assertEquals(Verdict.ACCEPT, h.run("forward", f));
    }

    @Test void limitTokenBucketAllowsBurstThenRate() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=accept limit=2/1s,3:packet",
                "chain=input action=drop");
        byte[] p = Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0);
        for (int i = 0; i < 3; i++) assertEquals(Verdict.ACCEPT, h.run("input", p), "burst " + i);
        assertEquals(Verdict.DROP, h.run("input", p));
        h.now += 500_000_000L;   // half a second refills one packet at 2/s
        assertEquals(Verdict.ACCEPT, h.run("input", p));
        assertEquals(Verdict.DROP, h.run("input", p));
    }

    @Test void dstLimitIsPerClass() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=accept dst-limit=1/1s,1,src-address/1m",
                "chain=input action=drop");
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0)));
        assertEquals(Verdict.DROP, h.run("input", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0)));
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.udp("1.1.1.9", 1, "2.2.2.2", 2, 0)));
    }

    @Test void ttlDscpFragmentNthRandom() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=drop ttl=less-than:10",
                "chain=input action=drop dscp=46",
                "chain=input action=drop nth=3,3");
        byte[] p = Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0);
        PacketFields f = Pkt.fields(p);
        f.ttl = 5; assertEquals(Verdict.DROP, h.run("input", f));
        f.ttl = 64; f.tos = 46 << 2; assertEquals(Verdict.DROP, h.run("input", f));
        f.tos = 0;
        assertEquals(Verdict.ACCEPT, h.run("input", f));
        assertEquals(Verdict.ACCEPT, h.run("input", f));
        assertEquals(Verdict.DROP, h.run("input", f));   // every third
    }

    @Test void disabledRulesAreSkipped() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules("chain=input action=drop disabled=yes");
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 2, 0)));
    }
}
