package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Actions per table (reference 03 §4): ordering, jump/return, passthrough, log, lists, reject-with. */
class ActionTest {
    private final byte[] udp = Pkt.udp("10.0.0.1", 500, "10.0.0.2", 500, 92);

    @Test void firstMatchWinsAndBuiltinChainAcceptsAtTheEnd() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=accept protocol=udp", "chain=input action=drop");
        assertEquals(Verdict.ACCEPT, h.run("input", udp));
        assertEquals(Verdict.DROP, h.run("input", Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 2, 2)));
        assertEquals(Verdict.ACCEPT, h.run("forward", udp));
    }

    @Test void jumpAndReturn() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=jump jump-target=udp-checks protocol=udp",
                "chain=forward action=drop",
                "chain=udp-checks action=return dst-port=500",
                "chain=udp-checks action=accept");
        assertEquals(Verdict.DROP, h.run("forward", udp), "return goes back to the rule after the jump");
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.udp("1.1.1.1", 1, "2.2.2.2", 53, 0)));
    }

    @Test void jumpLoopsAreInvalid() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=forward action=jump jump-target=a", "chain=a action=jump jump-target=forward");
        assertFalse(h.program.invalidRuleIds().isEmpty());
        assertEquals(Verdict.ACCEPT, h.run("forward", udp));
    }

    @Test void logContinuesAndWritesRouterOsLine() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=log log-prefix=IKE protocol=udp", "chain=input action=drop");
        PacketFields f = Pkt.fields(udp);
        f.inIf = 0;
        assertEquals(Verdict.DROP, h.run("input", f));
        assertEquals(List.of("IKE input: in:ether1 out:(unknown 0), proto UDP, 10.0.0.1:500->10.0.0.2:500, len 120"), h.logged);
    }

    @Test void passthroughInMangleKeepsGoingAndMarksStick() {
        FirewallHarness h = new FirewallHarness(Table.MANGLE).rules(
                "chain=prerouting action=mark-connection new-connection-mark=vpn passthrough=yes protocol=udp",
                "chain=prerouting action=mark-packet new-packet-mark=ike passthrough=no dst-port=500 protocol=udp",
                "chain=prerouting action=mark-routing new-routing-mark=other");
        PacketFields f = Pkt.fields(udp);
        assertEquals(Verdict.ACCEPT, h.run("prerouting", f));
        assertEquals(h.ctx.marks().id("vpn"), f.connMark);
        assertEquals(h.ctx.marks().id("ike"), f.packetMark);
        assertEquals(0, f.routingMark, "passthrough=no stopped the chain");
        assertTrue(h.eval.connMarkChanged());
    }

    @Test void addSrcToAddressListWithTimeout() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(
                "chain=input action=add-src-to-address-list address-list=scanners address-list-timeout=10s protocol=tcp dst-port=23",
                "chain=input action=drop src-address-list=scanners");
        assertEquals(Verdict.DROP, h.run("input", Pkt.tcp("6.6.6.6", 1, "2.2.2.2", 23, 2)), "add continues, then the list matches");
        assertEquals(Verdict.DROP, h.run("input", Pkt.udp("6.6.6.6", 1, "2.2.2.2", 53, 0)));
        h.now += 11_000_000_000L;
        assertEquals(Verdict.ACCEPT, h.run("input", Pkt.udp("6.6.6.6", 1, "2.2.2.2", 53, 0)), "entry timed out");
        assertEquals(1, h.ctx.addressLists().expire());
    }

    @Test void rejectWithIcmpCodes() {
        for (RejectWith rw : RejectWith.values()) {
            FirewallHarness h = new FirewallHarness(Table.FILTER).rules("chain=input action=reject reject-with=" + rw.word());
            assertEquals(Verdict.REJECT, h.run("input", udp));
            assertEquals(rw, h.eval.rejectWith());
        }
        assertEquals(13, RejectWith.ICMP_ADMIN_PROHIBITED.icmpCode());
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules("chain=input action=reject");
        h.run("input", udp);
        assertEquals(RejectWith.ICMP_NETWORK_UNREACHABLE, h.eval.rejectWith());
    }

    @Test void natBypassAcceptBeforeMasquerade() {
        FirewallHarness h = new FirewallHarness(Table.NAT).rules(
                "chain=srcnat action=accept src-address=192.168.90.0/24 dst-address=192.168.30.0/24",
                "chain=srcnat action=masquerade out-interface=ether1");
        PacketFields f = Pkt.fields(Pkt.udp("192.168.90.10", 1, "192.168.30.10", 2, 0));
        f.outIf = 0;
        assertEquals(Verdict.ACCEPT, h.run("srcnat", f));
        f = Pkt.fields(Pkt.udp("192.168.90.10", 1, "87.16.79.2", 2, 0));
        f.outIf = 0;
        assertEquals(Verdict.NAT, h.run("srcnat", f));
        assertEquals(Action.MASQUERADE, h.eval.natRule().action);
    }

    @Test void actionNotAllowedInTableIsInvalid() {
        FirewallHarness h = new FirewallHarness(Table.RAW).rules("chain=prerouting action=masquerade");
        assertEquals(List.of(1L), h.program.invalidRuleIds());
    }

    @Test void countersSurviveRecompileByRuleIdAndReset() {
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules("chain=input action=accept");
        h.run("input", udp);
        h.rules("chain=input action=accept", "chain=input action=drop");
        h.run("input", udp);
        assertEquals(2, h.ctx.counters().packets(1));
        assertEquals(240, h.ctx.counters().bytes(1));
        h.ctx.counters().reset(1);
        assertEquals(0, h.ctx.counters().packets(1));
    }

    @Test void indexKeepsRuleOrderAcrossProtocolAndPortLists() {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < 2000; i++) rules.add("chain=forward action=drop protocol=tcp dst-port=" + (10000 + i));
        rules.add(1000, "chain=forward action=accept src-address=1.1.1.1");
        rules.add("chain=forward action=reject protocol=tcp");
        FirewallHarness h = new FirewallHarness(Table.FILTER).rules(rules.toArray(new String[0]));
        assertEquals(Verdict.DROP, h.run("forward", Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 10005, 2)), "rule 5 precedes the accept");
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 11500, 2)), "the accept precedes rule 1500");
        assertEquals(Verdict.REJECT, h.run("forward", Pkt.tcp("1.1.1.2", 1, "2.2.2.2", 80, 2)));
        assertEquals(Verdict.ACCEPT, h.run("forward", Pkt.udp("1.1.1.2", 1, "2.2.2.2", 10005, 0)));
    }
}
