package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * The labs of {@code rose bench --cores}: with two workers both really work on the one tunnel.
 * With per-CPU SAs each worker seals and opens with its own SA and no packet changes worker; with
 * the fork-join split (asked for explicitly: it is off by default) the owner's vectors stay in
 * order. Either way a receiver with a replay window drops nothing.
 * Throughput is the bench's business; these tests wait for work to be done (with a generous
 * bound for a loaded machine), never time it.
 */
class ScalingLabTest {
    private static final Transform GCM = BenchCommand.transform("aes-128-gcm");
    private static final CryptoEngines ENGINES = CryptoEngines.standard();
    private static final long PATIENCE_NANOS = 60_000_000_000L;

    /** Runs {@code lab} until {@code done} holds or the patience runs out. */
    private static void await(ScalingLab lab, java.util.function.Predicate<ScalingLab> done) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE_NANOS;
        while (!done.test(lab) && System.nanoTime() < end) Thread.sleep(20);
    }

    private static boolean both(long[] perWorker) { return perWorker[0] > 0 && perWorker[1] > 0; }

    @Test
    void withPerCpuSasEachWorkerSealsWithItsOwnSaAndNoPacketChangesWorker() throws Exception {
        List<byte[]> sent;
        long[] in, crypto, steered, toOwner;
        long outOfOrder, delivered;
        Map<String, Long> drops;
        try (ScalingLab lab = ScalingLab.encrypt(2, GCM, 512, CoreScaling.FLOWS, ENGINES, 3000, ScalingLab.Scheme.PER_CPU_SAS)) {
            await(lab, l -> l.delivered() >= 20_000 && both(l.cryptoPackets()) && both(l.packetsIn()));
            lab.close();
            in = lab.packetsIn();
            crypto = lab.cryptoPackets();
            steered = lab.steeredAway();
            toOwner = lab.nodeHandoffs();
            outOfOrder = lab.outOfOrder();
            delivered = lab.delivered();
            drops = lab.drops();
            sent = lab.kept();
        }
        assertTrue(both(crypto), "both workers sealed: " + java.util.Arrays.toString(crypto));
        assertEquals(delivered, crypto[0] + crypto[1], "every ESP frame at the sink was sealed by exactly one worker");
        assertEquals(0, toOwner[0] + toOwner[1], "no packet was handed to another worker to be numbered");
        assertEquals(0, steered[0] + steered[1], "each source was received where its flows are processed");
        assertEquals(0, outOfOrder, "each SA's ESP left in sequence order");
        assertEquals(Map.of(), drops);
        java.util.Set<Integer> spis = new java.util.HashSet<>();
        for (byte[] f : sent) spis.add(rose.dataplane.buffer.Bytes.i32(f, 34));
        assertEquals(java.util.Set.of(ScalingLab.SPI, ScalingLab.SPI + 1), spis, "both workers' SAs on the wire");

        // the frames as sent, interleaved, into a two-worker receiver with the same per-CPU SAs and replay windows
        try (ScalingLab rx = ScalingLab.decryptOnce(2, GCM, sent.toArray(new byte[0][]), 64, ENGINES, ScalingLab.Scheme.PER_CPU_SAS)) {
            for (int idle = 0; idle < 100 && rx.delivered() < sent.size(); ) idle = rx.poll() == 0 ? idle + 1 : 0;
            assertEquals(sent.size(), rx.delivered(), "every frame decrypted and forwarded: " + rx.drops());
            assertEquals(Map.of(), rx.drops(), "no replay drops, no ICV failures");
            long[] opened = rx.cryptoPackets(), rxSteered = rx.steeredAway();
            assertTrue(both(opened), "each worker opened its SA's ESP: " + java.util.Arrays.toString(opened));
            assertEquals(0, rxSteered[0] + rxSteered[1], "each SA's ESP was queued at the worker its SPI steers to");
        }
    }

    @Test
    void withPerCpuSasBothWorkersOpenTheReplayedFramesWithoutAHandOff() throws Exception {
        byte[][] sealed = ScalingLab.sealedFrames(GCM, 512, CoreScaling.FLOWS, 1024, ENGINES, ScalingLab.Scheme.PER_CPU_SAS, 2);
        try (ScalingLab lab = ScalingLab.decrypt(2, GCM, sealed, 0, ENGINES, ScalingLab.Scheme.PER_CPU_SAS)) {
            await(lab, l -> l.delivered() >= 20_000 && both(l.cryptoPackets()));
            lab.close();
            assertTrue(both(lab.cryptoPackets()), "both workers opened: " + java.util.Arrays.toString(lab.cryptoPackets()));
            long[] steered = lab.steeredAway(), toOwner = lab.nodeHandoffs();
            assertEquals(0, steered[0] + steered[1] + toOwner[0] + toOwner[1], "no frame changed worker");
            assertEquals(Map.of(), lab.drops());
        }
    }

    @Test
    void oneWorkerWithPerCpuSasUsesTheOneSaAsTheOwnerSchemeDoes() throws Exception {
        try (ScalingLab lab = ScalingLab.encrypt(1, GCM, 512, CoreScaling.FLOWS, ENGINES, 200, ScalingLab.Scheme.PER_CPU_SAS)) {
            await(lab, l -> l.delivered() >= 200);
            lab.close();
            for (byte[] f : lab.kept()) assertEquals(ScalingLab.SPI, rose.dataplane.buffer.Bytes.i32(f, 34), "the one worker's SA");
            assertEquals(0, lab.outOfOrder());
            assertEquals(Map.of(), lab.drops());
        }
    }

    @Test
    void twoWorkersBothSealOneTunnelAndItsEspLeavesInSequenceOrder() throws Exception {
        List<byte[]> sent;
        long[] in, crypto;
        long outOfOrder, delivered;
        Map<String, Long> drops;
        try (ScalingLab lab = ScalingLab.encrypt(2, GCM, 512, CoreScaling.FLOWS, ENGINES, 3000, ScalingLab.Scheme.SPLIT)) {
            await(lab, l -> l.delivered() >= 20_000 && both(l.cryptoPackets()) && both(l.packetsIn()));
            lab.close();                 // stopped: the counters below are final
            in = lab.packetsIn();
            crypto = lab.cryptoPackets();
            outOfOrder = lab.outOfOrder();
            delivered = lab.delivered();
            drops = lab.drops();
            sent = lab.kept();
        }
        assertTrue(both(in), "the flow hash gave both workers packets: " + java.util.Arrays.toString(in));
        assertTrue(both(crypto), "both workers sealed packets of the one tunnel: " + java.util.Arrays.toString(crypto));
        assertEquals(delivered, crypto[0] + crypto[1], "every ESP frame at the sink was sealed by exactly one worker");
        assertEquals(0, outOfOrder, "ESP left in sequence order");
        assertEquals(Map.of(), drops, "a closed-loop source overflows no queue");
        assertEquals(3000, sent.size());

        // the frames as sent, into a receiver whose replay window checks them: all accepted, in order
        try (ScalingLab rx = ScalingLab.decryptOnce(2, GCM, sent.toArray(new byte[0][]), 64, ENGINES, ScalingLab.Scheme.SPLIT)) {
            for (int idle = 0; idle < 100 && rx.delivered() < sent.size(); ) idle = rx.poll() == 0 ? idle + 1 : 0;
            assertEquals(sent.size(), rx.delivered(), "every frame decrypted and forwarded: " + rx.drops());
            assertEquals(Map.of(), rx.drops(), "no replay drops, no ICV failures");
        }
    }

    @Test
    void theReplayWindowWouldHaveSeenAFrameSentTwice() throws Exception {
        byte[][] sealed = ScalingLab.sealedFrames(GCM, 64, 4, 200, ENGINES);
        byte[][] twice = new byte[201][];
        System.arraycopy(sealed, 0, twice, 0, 200);
        twice[200] = sealed[150];        // the oracle above must be able to fail
        try (ScalingLab rx = ScalingLab.decryptOnce(1, GCM, twice, 64, ENGINES, ScalingLab.Scheme.OWNER)) {
            for (int idle = 0; idle < 100; ) idle = rx.poll() == 0 ? idle + 1 : 0;
            assertEquals(200, rx.delivered());
            assertEquals(Map.of("esp4-decrypt.replay", 1L), rx.drops());
        }
    }

    @Test
    void twoWorkersBothOpenTheTunnelsReplayedFrames() throws Exception {
        byte[][] sealed = ScalingLab.sealedFrames(GCM, 512, CoreScaling.FLOWS, 1024, ENGINES);
        try (ScalingLab lab = ScalingLab.decrypt(2, GCM, sealed, 0, ENGINES, ScalingLab.Scheme.SPLIT)) {
            await(lab, l -> l.delivered() >= 20_000 && both(l.cryptoPackets()));
            lab.close();
            long[] crypto = lab.cryptoPackets();
            assertTrue(both(crypto), "both workers opened packets of the one tunnel: " + java.util.Arrays.toString(crypto));
            assertEquals(Map.of(), lab.drops());
        }
    }

    @Test
    void theSinkCountsAFrameBelowTheHighestSequenceNumberAsReordered() {
        byte[][] sealed;
        try {
            sealed = ScalingLab.sealedFrames(GCM, 64, 1, 3, ENGINES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        EspSink sink = new EspSink("ether2", 0, 0);
        PacketPool pool = new PacketPool(8, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        int[] h = {pool.allocCopy(sealed[0], 0, sealed[0].length), pool.allocCopy(sealed[2], 0, sealed[2].length),
                pool.allocCopy(sealed[1], 0, sealed[1].length)};
        sink.transmit(pool, h, 3, 0);
        assertEquals(3, sink.frames());
        assertEquals(1, sink.outOfOrder(), "sequence 1, 3, 2: the 2 came late");
        assertEquals(0, sink.notEsp());
    }

    @Test
    void theTrafficSourceCostIsMeasured() {
        assertTrue(ScalingLab.sourceNanosPerPacket(ScalingLab.generator(1400, 4), 20_000_000L) > 0);
    }
}
