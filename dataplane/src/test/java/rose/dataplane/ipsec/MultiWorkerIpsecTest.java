package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.crypto.Transform;

/**
 * One tunnel between two routers that each run two dataplane workers: inner flows arrive on
 * both workers of r1, but one SA's sequence numbers must come from one place (RFC 4303 §3.3.3:
 * unique; with GCM a repeated one would reuse a nonce) and leave in order, so r2's replay window
 * accepts every packet and hostB gets every flow complete and in order.
 */
class MultiWorkerIpsecTest {
    static final int FLOWS = 32, PER_FLOW = 40;

    @Test
    void oneTunnelFromTwoWorkersKeepsSequenceNumbersUniqueAndInOrder() throws Exception {
        IpsecNet net = new IpsecNet(1500, 2);
        StaticKeys.Pair p = StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2",
                Transform.of("aes-128-gcm", ""), false);
        net.hostA.ping("10.0.2.10", 1);                 // neighbours first: a host holds one packet per unresolved next hop
        net.run();
        assertEquals(1, net.hostA.take().size(), "the ping crossed; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        net.wire.clear();
        sendFlows(net, sent -> net.run());
        net.run();

        List<byte[]> got = net.hostB.take();
        assertEquals(FLOWS * PER_FLOW, got.size(), "every packet through the tunnel; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        Map<Integer, Integer> next = new HashMap<>();
        for (byte[] d : got) {
            int f = Bytes.u16(d, 28), s = Bytes.i32(d, 30);
            assertEquals((int) next.getOrDefault(f, 0), s, "flow " + f + " in order");
            next.put(f, s + 1);
        }
        long expectSeq = 2;                             // the ping took 1
        for (byte[] d : net.wire) {
            assertEquals(Ip4.PROTO_ESP, Pkt.proto(d));
            assertEquals(expectSeq++, Bytes.i32(d, 24) & 0xffffffffL, "ESP sequence numbers on the wire: unique, consecutive, in order");
        }
        assertEquals(FLOWS * PER_FLOW + 1, net.b2.querySa(p.leftToRight().id()).orElseThrow().packets());
        assertEquals(0, net.b2.querySa(p.leftToRight().id()).orElseThrow().replayDrops(), "r2's replay window accepted everything");
        assertEquals(Map.of(), net.r2.counters().nonZeroDrops());
        for (int w = 0; w < 2; w++) {
            long n = net.r1.workerCounters(w).packets("ip4-input");
            assertTrue(n > FLOWS * PER_FLOW / 8, "r1 worker " + w + " carried inner flows, not " + n);
        }
    }

    @Test
    void oneTunnelBetweenRunningTwoWorkerRoutersDeliversInOrderWithNothingReplayed() throws Exception {
        IpsecNet net = new IpsecNet(1500, 2);
        StaticKeys.Pair p = StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2",
                Transform.of("aes-128-gcm", ""), false);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, net.hostA.take().size(), "the ping crossed");
        List<rose.dataplane.Router> all = List.of(net.hostA.router, net.r1, net.r2, net.hostB.router);
        for (rose.dataplane.Router r : all) r.start();
        try {
            // the memory wires hold 512: pace like a window
            int sent = sendFlows(net, done -> awaitReceived(net, done));
            awaitReceived(net, sent);
        } finally {
            for (rose.dataplane.Router r : all) r.stop();
        }
        Map<Integer, Integer> next = new HashMap<>();
        for (byte[] d : net.hostB.take()) {
            int f = Bytes.u16(d, 28), s = Bytes.i32(d, 30);
            assertEquals((int) next.getOrDefault(f, 0), s, "flow " + f + " in order");
            next.put(f, s + 1);
        }
        assertEquals(FLOWS, next.size());
        assertEquals(0, net.b2.querySa(p.leftToRight().id()).orElseThrow().replayDrops(), "r2's replay window accepted everything");
        long expectSeq = 1;
        for (byte[] d : net.wire) assertEquals(expectSeq++, Bytes.i32(d, 24) & 0xffffffffL, "ESP sequence numbers leave r1 in order");
    }

    private static void awaitReceived(IpsecNet net, int n) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (net.hostB.receivedCount() < n && System.nanoTime() < end) Thread.sleep(1);
        assertEquals(n, net.hostB.receivedCount(), "delivered so far; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
    }

    interface Pace { void after(int sent) throws Exception; }

    /** PER_FLOW packets on each of FLOWS flows from hostA, flow number and sequence in the payload; {@code pace} every 200. */
    static int sendFlows(IpsecNet net, Pace pace) throws Exception {
        int sent = 0;
        for (int seq = 0; seq < PER_FLOW; seq++) {
            for (int f = 0; f < FLOWS; f++) {
                byte[] payload = new byte[8];
                Bytes.put16(payload, 0, f);
                Bytes.put32(payload, 2, seq);
                net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 30000 + f, 9, payload));
                if (++sent % 200 == 0) pace.after(sent);
            }
        }
        return sent;
    }
}
