package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.crypto.Transform;

/**
 * Per-CPU SAs (RFC 9611 in spirit; Linux's XFRMA_SA_PCPU): one policy, one SA per worker. Each
 * worker of r1 encrypts its share of the inner flows with its own SA, so no packet changes worker
 * on the way out; r2 steers each SA's ESP to the worker holding it (RSS on the SPI), whose replay
 * window sees that SA's packets in order.
 */
class PerCpuSaTest {
    private static final int FLOWS = MultiWorkerIpsecTest.FLOWS, PER_FLOW = MultiWorkerIpsecTest.PER_FLOW;
    private static final Transform GCM = Transform.of("aes-128-gcm", "");

    /** SA pairs for cpus 0 .. count-1 (SPIs 0x2000+2k left to right, 0x2001+2k back), installed per-CPU on both ends, and the policies. */
    private static List<StaticKeys.Pair> perCpuTunnel(IpsecNet net, int count) throws IpsecBackendException {
        List<StaticKeys.Pair> pairs = new java.util.ArrayList<>();
        for (int cpu = 0; cpu < count; cpu++) {
            StaticKeys.Pair p = StaticKeys.pair(0x2000 + 2 * cpu, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, GCM, false, Lifetime.UNLIMITED, 1);
            net.b2.addPerCpuSa(p.leftToRight(), cpu);
            net.b1.addPerCpuSa(p.rightToLeft(), cpu);
            net.b1.addPerCpuSa(p.leftToRight(), cpu);
            net.b2.addPerCpuSa(p.rightToLeft(), cpu);
            pairs.add(p);
        }
        StaticKeys.policies(net.b1, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, 1);
        StaticKeys.policies(net.b2, "10.0.2.0/24", "10.0.1.0/24", "10.0.12.2", "10.0.12.1", SaMode.TUNNEL, 1);
        return pairs;
    }

    /** MultiWorkerIpsecTest's flows, stepped every 200 packets, then the routers run dry. */
    private static void sendFlows(IpsecNet net) throws Exception {
        MultiWorkerIpsecTest.sendFlows(net, sent -> net.run());
        net.run();
    }

    /** Packets each worker's runtime of each per-CPU SA counted: [worker][cpu of the SA]. */
    private static long[][] packetsByWorkerAndSaCpu(DataplaneIpsecBackend b, int workers) {
        long[][] n = new long[workers][workers];
        for (int w = 0; w < workers; w++)
            for (SaRuntime r : b.workers().get(w).runtimesBySerial().values())
                if (r.entry.cpu() >= 0) n[w][r.entry.cpu()] += r.packets;
        return n;
    }

    @Test
    void eachWorkerEncryptsWithItsOwnSaAndTheReceiverKeepsEachSaInOrder() throws Exception {
        IpsecNet net = new IpsecNet(1500, 2);
        List<StaticKeys.Pair> pairs = perCpuTunnel(net, 2);
        net.hostA.ping("10.0.2.10", 1);                 // neighbours first
        net.run();
        assertEquals(1, net.hostA.take().size(), "the ping crossed; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        net.wire.clear();
        long handoffsBefore = net.r1.nodeHandoffs(0) + net.r1.nodeHandoffs(1);
        sendFlows(net);

        List<byte[]> got = net.hostB.take();
        assertEquals(FLOWS * PER_FLOW, got.size(), "every packet through; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        Map<Integer, Integer> next = new HashMap<>();
        for (byte[] d : got) {
            int f = Bytes.u16(d, 28), s = Bytes.i32(d, 30);
            assertEquals((int) next.getOrDefault(f, 0), s, "flow " + f + " in order");
            next.put(f, s + 1);
        }
        // on the wire, per SPI: consecutive sequence numbers, never one below the last
        Map<Integer, Long> lastSeq = new HashMap<>();
        Map<Integer, Integer> perSpi = new HashMap<>();
        for (byte[] d : net.wire) {
            assertEquals(Ip4.PROTO_ESP, Pkt.proto(d));
            int spi = Bytes.i32(d, 20);
            long seq = Bytes.i32(d, 24) & 0xffffffffL, last = lastSeq.getOrDefault(spi, -1L);
            if (last >= 0) assertEquals(last + 1, seq, "SPI " + Integer.toHexString(spi) + ": unique, consecutive, in order");
            lastSeq.put(spi, seq);
            perSpi.merge(spi, 1, Integer::sum);
        }
        assertEquals(java.util.Set.of(0x2000, 0x2002), perSpi.keySet(), "both workers' SAs carried traffic: " + perSpi);
        for (StaticKeys.Pair p : pairs) {
            assertTrue(net.b2.querySa(p.leftToRight().id()).orElseThrow().packets() > FLOWS * PER_FLOW / 8, "r2 opened packets of " + p.leftToRight().id());
            assertEquals(0, net.b2.querySa(p.leftToRight().id()).orElseThrow().replayDrops(), "r2's replay windows accepted everything");
        }
        assertEquals(Map.of(), net.r2.counters().nonZeroDrops());
        assertEquals(handoffsBefore, net.r1.nodeHandoffs(0) + net.r1.nodeHandoffs(1), "no packet changed worker to be encrypted");
        for (int w = 0; w < 2; w++) {
            assertTrue(net.r1.workerCounters(w).packets(Esp4EncryptNode.NAME) > 0, "r1 worker " + w + " encrypted");
            assertTrue(net.r2.workerCounters(w).packets(Esp4DecryptNode.NAME) > 0, "r2 worker " + w + " decrypted");
        }
        long[][] out = packetsByWorkerAndSaCpu(net.b1, 2), in = packetsByWorkerAndSaCpu(net.b2, 2);
        for (int w = 0; w < 2; w++) {
            for (int cpu = 0; cpu < 2; cpu++) {
                if (w == cpu) continue;
                assertEquals(0, out[w][cpu], "r1 worker " + w + " used the SA of cpu " + cpu);
                assertEquals(0, in[w][cpu], "r2 worker " + w + " opened ESP of cpu " + cpu + "'s SA: the SPI steering missed");
            }
            assertTrue(out[w][w] > 0 && in[w][w] > 0, "worker " + w + " used its own SA both ways");
        }
    }

    @Test
    void aWorkerWithoutItsOwnSaHandsItsPacketsToTheOwnerOfTheFallbackSa() throws Exception {
        IpsecNet net = new IpsecNet(1500, 2);
        perCpuTunnel(net, 1);                           // only cpu 0 has an SA
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        net.hostA.take();
        sendFlows(net);
        assertEquals(FLOWS * PER_FLOW, net.hostB.take().size(), "drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        assertEquals(0, net.r1.workerCounters(1).packets(Esp4EncryptNode.NAME), "worker 1 has no SA of its own");
        assertTrue(net.r1.nodeHandoffs(1) > 0, "worker 1's inner packets went to worker 0, which owns the only SA");
    }

    @Test
    void aWorkerWithoutItsOwnSaUsesThePlainFallbackSaAndTheOtherItsOwn() throws Exception {
        IpsecNet net = new IpsecNet(1500, 2);
        StaticKeys.Pair plain = StaticKeys.pair(0x4000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, GCM, false, Lifetime.UNLIMITED, 1);
        StaticKeys.installSas(net.b1, net.b2, plain);           // RFC 9611's fallback SA, installed first
        List<StaticKeys.Pair> pinned = perCpuTunnel(net, 2);
        net.b1.deleteSa(pinned.get(0).leftToRight().id());      // worker 0 of r1 has no SA of its own left
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        net.hostA.take();
        long before = net.b1.querySa(plain.leftToRight().id()).orElseThrow().packets();
        sendFlows(net);
        assertEquals(FLOWS * PER_FLOW, net.hostB.take().size(), "drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        long viaPlain = net.b1.querySa(plain.leftToRight().id()).orElseThrow().packets() - before;
        long viaOwn = net.b1.querySa(pinned.get(1).leftToRight().id()).orElseThrow().packets();
        assertTrue(viaPlain > 0 && viaOwn > 0, "worker 0 used the fallback SA (" + viaPlain + "), worker 1 its own (" + viaOwn + ")");
    }

    @Test
    void oneWorkerUsesTheSaOfCpuZeroOnly() throws Exception {
        IpsecNet net = new IpsecNet(1500, 1);
        List<StaticKeys.Pair> pairs = perCpuTunnel(net, 2);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        net.hostA.take();
        sendFlows(net);
        assertEquals(FLOWS * PER_FLOW, net.hostB.take().size());
        assertEquals(FLOWS * PER_FLOW + 1, net.b1.querySa(pairs.get(0).leftToRight().id()).orElseThrow().packets());
        assertEquals(0, net.b1.querySa(pairs.get(1).leftToRight().id()).orElseThrow().packets(), "no worker 1: its SA stays unused");
        assertEquals(0, net.r1.nodeHandoffs(0));
    }

    @Test
    void aCpuOutsideTheWorkerRangeIsRefusedAndNothingIsInstalled() {
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, System::nanoTime);
        SaParams sa = StaticKeys.sa(0x3000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, GCM, Optional.empty(), Lifetime.UNLIMITED, 1, 0);
        for (int bad : new int[] {-1, rose.dataplane.RouterOptions.MAX_WORKERS}) {
            IpsecBackendException e = assertThrows(IpsecBackendException.class, () -> b.addPerCpuSa(sa, bad));
            assertEquals(IpsecBackendException.Reason.INVALID, e.reason());
        }
        assertEquals(Optional.empty(), b.querySa(sa.id()));
        assertEquals(0, b.installedSas().size());
    }

    @Test
    void theCpuOfAnSaIsKeptAcrossAnUpdate() throws Exception {
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, System::nanoTime);
        SaParams sa = StaticKeys.sa(0x3000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, GCM, Optional.empty(), Lifetime.UNLIMITED, 1, 0);
        b.addPerCpuSa(sa, 1);
        b.updateSa(sa.withLifetime(Lifetime.ofSeconds(3000, 3600)));
        assertEquals(java.util.OptionalInt.of(1), b.cpuOf(sa.id()));
        assertEquals(1, b.current().steer(0x3000, SaEntry.ip(StaticKeys.ip("10.0.12.2"))), "its ESP is still steered to worker 1");
    }
}
