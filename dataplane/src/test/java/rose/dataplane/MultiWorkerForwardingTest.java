package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.firewall.Table;

/**
 * A gateway with two dataplane workers (issue 4: several workers per router): thousands of UDP
 * packets of many flows through conntrack, a stateful filter and masquerade, answered by the far
 * host through the NAT, must all arrive, in order within each flow, in both directions, and both
 * workers must have carried traffic (else the test proves nothing about spreading).
 */
class MultiWorkerForwardingTest {
    private static final int FLOWS = 64, PER_FLOW = 64, ROUND = 200;

    private static FirewallNet gateway(int workers) {
        FirewallNet net = new FirewallNet(workers);
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=drop connection-state=invalid",
                "chain=forward action=accept connection-state=new in-interface=ether1");
        net.rules(Table.NAT, "chain=srcnat action=masquerade out-interface=ether2");
        return net;
    }

    private static byte[] payload(int flow, int seq) {
        byte[] p = new byte[8];
        Bytes.put16(p, 0, flow);
        Bytes.put32(p, 2, seq);
        return p;
    }

    private static int flowOf(byte[] d) { return Bytes.u16(d, 28); }
    private static int seqOf(byte[] d) { return Bytes.i32(d, 30); }

    @Test
    void steppedTwoWorkersDeliverEveryFlowCompleteAndInOrderBothWays() {
        FirewallNet net = gateway(2);
        resolveNeighbours(net);
        List<byte[]> atB = new ArrayList<>(), atA = new ArrayList<>();
        int sent = 0;
        for (int seq = 0; seq < PER_FLOW; seq++) {
            for (int f = 0; f < FLOWS; f++) {
                net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 20000 + f, 7, payload(f, seq)));
                if (++sent % ROUND == 0) echoRound(net, atB, atA);
            }
        }
        echoRound(net, atB, atA);
        assertInOrder(atB, "hostB");
        assertInOrder(atA, "hostA (replies through the NAT)");
        for (byte[] d : atB) assertEquals(Pkt.ip("10.0.2.1"), Pkt.src(d), "masqueraded behind ether2");
        assertEquals(FLOWS + 2, net.firewall.connTable().size(), "one tracked connection per flow, the ping's and B's datagram to the gateway");
        assertBothWorkersWorked(net.gw);
        assertEquals(2048 * 2, net.gw.freeBuffers(), "no buffer leaked in either worker");
    }

    @Test
    void runningTwoWorkerThreadsDeliverEveryFlowCompleteAndInOrder() throws Exception {
        FirewallNet net = gateway(2);
        resolveNeighbours(net);
        for (Router r : List.of(net.hostA.router, net.hostB.router, net.gw)) r.start();
        try {
            int total = FLOWS * PER_FLOW;
            for (int seq = 0, sent = 0; seq < PER_FLOW; seq++) {
                for (int f = 0; f < FLOWS; f++) {
                    net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 20000 + f, 7, payload(f, seq)));
                    if (++sent % ROUND == 0) awaitReceived(net.hostB, sent);   // the wire holds 512: pace like a window
                }
            }
            awaitReceived(net.hostB, total);
            List<byte[]> atB = net.hostB.take();
            assertInOrder(atB, "hostB");
            assertBothWorkersWorked(net.gw);
        } finally {
            for (Router r : List.of(net.hostA.router, net.hostB.router, net.gw)) r.stop();
        }
    }

    /** A ping each way first: a host holds one packet per unresolved neighbour, and this test is not about ARP. */
    private static void resolveNeighbours(FirewallNet net) {
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, net.hostA.take().size(), "the echo reply came back");
        net.hostB.send(Pkt.udp("10.0.2.10", "10.0.2.1", 7, 7, new byte[8]));   // B learns the gateway
        net.run();
    }

    /** Runs the network, has hostB answer everything it got (port 7 back to the sender), runs again. */
    private static void echoRound(FirewallNet net, List<byte[]> atB, List<byte[]> atA) {
        net.run();
        List<byte[]> got = net.hostB.take();
        atB.addAll(got);
        for (byte[] d : got) {
            byte[] p = java.util.Arrays.copyOfRange(d, 28, d.length);
            net.hostB.send(Pkt.udp("10.0.2.10", "10.0.2.1", 7, Pkt.sport(d), p));
        }
        net.run();
        atA.addAll(net.hostA.take());
    }

    private static void awaitReceived(TestHost h, int n) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (h.receivedCount() < n && System.nanoTime() < end) Thread.sleep(1);
        assertEquals(n, h.receivedCount(), "delivered so far");
    }

    private static void assertInOrder(List<byte[]> got, String where) {
        assertEquals(FLOWS * PER_FLOW, got.size(), where + ": every packet");
        Map<Integer, Integer> next = new HashMap<>();
        for (byte[] d : got) {
            int f = flowOf(d), s = seqOf(d);
            int want = next.getOrDefault(f, 0);
            assertEquals(want, s, where + ": flow " + f + " in order");
            next.put(f, want + 1);
        }
        assertEquals(FLOWS, next.size());
    }

    private static void assertBothWorkersWorked(Router r) {
        for (int w = 0; w < r.workers(); w++) {
            long n = r.workerCounters(w).packets("ip4-input");
            assertTrue(n > FLOWS * PER_FLOW / 8, "worker " + w + " forwarded a share, not " + n);
        }
    }
}
