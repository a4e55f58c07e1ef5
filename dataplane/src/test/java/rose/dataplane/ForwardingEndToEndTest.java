package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.ip4.Icmp;
import rose.dataplane.l2.ArpEntryView;
import rose.dataplane.port.Impairments;

/** Whole routers on memory wires: what a user of the lab would see. */
class ForwardingEndToEndTest {

    @Test
    void pingAcrossTwoRouters() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size(), "one echo reply");
        byte[] reply = got.get(0);
        assertEquals(Icmp.ECHO_REPLY, Pkt.icmpType(reply));
        assertEquals(Pkt.ip("10.0.2.10"), Pkt.src(reply));
        assertEquals(64 - 2, Pkt.ttl(reply), "two routers decremented TTL");
        assertTrue(Pkt.headerChecksumOk(reply));
        assertEquals(1, Pkt.echoSeq(reply));
        assertEquals(2, net.r1.counters().packets("ip4-forward"), "request and reply forwarded by r1");
        assertEquals(Map0.none(), net.r1.counters().nonZeroDrops());
    }

    @Test
    void routerAnswersPingToItsOwnAddresses() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.0.1.1", 1);
        net.hostA.ping("10.0.12.2", 2); // r2's far side address, through r1
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(2, got.size());
        assertEquals(Pkt.ip("10.0.1.1"), Pkt.src(got.get(0)));
        assertEquals(Pkt.ip("10.0.12.2"), Pkt.src(got.get(1)));
        assertEquals(1, net.r1.counters().packets("ip4-icmp-echo"));
    }

    @Test
    void ttlExpiryAnswersTimeExceededFromTheRightHop() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 1, 1, 84, 1, false));
        net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 1, 2, 84, 2, false));
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(2, got.size());
        for (byte[] e : got) {
            assertEquals(Icmp.TIME_EXCEEDED, Pkt.icmpType(e));
            assertTrue(Pkt.headerChecksumOk(e));
        }
        assertTrue(got.stream().anyMatch(e -> Pkt.src(e) == Pkt.ip("10.0.1.1")), "ttl=1 expires at r1");
        assertTrue(got.stream().anyMatch(e -> Pkt.src(e) == Pkt.ip("10.0.12.2")), "ttl=2 expires at r2");
    }

    @Test
    void noRouteAnswersNetUnreachableAndBlackholeIsSilent() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.99.0.1", 1);
        net.hostA.ping("10.66.1.1", 2);
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size());
        assertEquals(Icmp.DEST_UNREACHABLE, Pkt.icmpType(got.get(0)));
        assertEquals(Icmp.CODE_NET_UNREACHABLE, Pkt.icmpCode(got.get(0)));
        assertEquals(1, net.r1.counters().drops("ip4-lookup", "blackhole"));
    }

    @Test
    void fragmentsWhenDfIsClearAndTheReceiverReassembles() {
        TwoRouterNet net = new TwoRouterNet(Impairments.NONE, 1000);
        byte[] big = Pkt.echo("10.0.1.10", "10.0.2.10", 5, 9, 1400, 64, false);
        net.hostA.send(big);
        net.run();
        // r1 fragments the request onto the 1000-byte link, hostB reassembles and answers,
        // r2 fragments the 1400-byte reply, hostA reassembles it
        assertEquals(1, net.r1.counters().packets("ip4-frag"));
        assertEquals(1, net.r2.counters().packets("ip4-frag"));
        assertEquals(2, net.hostB.router.counters().packets("ip4-reassembly"));
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size());
        byte[] reply = got.get(0);
        assertEquals(1400, reply.length);
        assertEquals(Icmp.ECHO_REPLY, Pkt.icmpType(reply));
        assertArrayEquals(Arrays.copyOfRange(big, 28, 1400), Arrays.copyOfRange(reply, 28, 1400), "payload survives both ways");
        assertTrue(Pkt.headerChecksumOk(reply));
    }

    @Test
    void reassemblyToleratesReorderedAndDuplicatedFragments() {
        Impairments imp = Impairments.NONE.withReorder(0.5).withDuplicate(0.3).withSeed(9);
        TwoRouterNet net = new TwoRouterNet(imp, 600);
        net.hostA.ping("10.0.2.10", 100); // resolve ARP along the path first: a burst would overflow the hold queues
        net.run();
        net.hostA.take();
        for (int i = 0; i < 20; i++) net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 5, i, 1400, 64, false));
        net.run();
        net.driver.advance(1_000_000_000L);
        List<byte[]> got = net.hostA.take();
        assertTrue(got.size() >= 20, "every ping answered (duplicates may answer twice): " + got.size());
        for (byte[] r : got) assertEquals(1400, r.length);
    }

    @Test
    void dfSetAndTooBigAnswersFragmentationNeededWithTheMtu() {
        TwoRouterNet net = new TwoRouterNet(Impairments.NONE, 1000);
        net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 5, 9, 1400, 64, true));
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size());
        assertEquals(Icmp.DEST_UNREACHABLE, Pkt.icmpType(got.get(0)));
        assertEquals(Icmp.CODE_FRAG_NEEDED, Pkt.icmpCode(got.get(0)));
        assertEquals(1000, Pkt.icmpMtu(got.get(0)));
        assertEquals(0, net.hostB.router.counters().packets("ip4-icmp-echo"), "nothing reached hostB");
    }

    @Test
    void arpResolvesAndAges() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        List<ArpEntryView> arp = net.r1.arp();
        assertTrue(arp.stream().anyMatch(e -> e.address() == Pkt.ip("10.0.1.10") && e.complete() && e.iface().equals("ether1")), arp.toString());
        assertTrue(arp.stream().anyMatch(e -> e.address() == Pkt.ip("10.0.12.2") && e.complete() && e.iface().equals("ether2")), arp.toString());
        net.driver.advance(31_000_000_000L);
        net.driver.advance(1_000_000_000L);
        assertTrue(net.r1.arp().isEmpty(), "entries expire after arp-timeout");
        net.hostA.ping("10.0.2.10", 2);
        net.run();
        assertEquals(2, net.hostA.received().size(), "re-resolves after aging");
    }

    @Test
    void lossReorderAndDuplicationDoNotBreakForwarding() {
        Impairments imp = Impairments.NONE.withLoss(0.1).withReorder(0.3).withDuplicate(0.1).withDelay(200_000).withSeed(42);
        TwoRouterNet net = new TwoRouterNet(imp, 1500);
        int sent = 200;
        for (int i = 0; i < sent; i++) {
            net.hostA.ping("10.0.2.10", i);
            if (i % 10 == 9) net.driver.advance(10_000_000L);
        }
        net.run();
        net.driver.advance(2_000_000_000L);
        int replies = net.hostA.received().size();
        assertTrue(replies > sent / 2, "most pings answered: " + replies);
        assertFalse(net.r1.counters().nonZeroDrops().containsKey("graph.no-next"));
        // every buffer came back: nothing leaks across drops, holds and duplicates
        net.driver.advance(5_000_000_000L);
        assertEquals(2048, net.r1.freeBuffers());
        assertEquals(2048, net.r2.freeBuffers());
    }

    /** Tiny helper so assertEquals on drop maps reads well. */
    static final class Map0 {
        static java.util.Map<String, Long> none() { return java.util.Map.of(); }
    }
}
