package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import rose.ike.config.ChildProposal;
import rose.ike.config.IkeProfile;
import rose.ike.config.Identity;

/**
 * RFC 9611 per-resource Child SAs back to back: who sends SA_RESOURCE_INFO, how many Child SAs
 * each worker count gives, TS_MAX_QUEUE at the responder's limit, and pins kept across rekeys.
 */
class PerCpuChildSaTest {

    /** Seattle (A) initiates to Boise (B); {@code workersA}/{@code workersB} are their dataplanes' workers. */
    static BackToBack up(int workersA, int workersB) {
        BackToBack w = new BackToBack();
        w.a.daemon.setWorkers(workersA);
        w.b.daemon.setWorkers(workersB);
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.a.daemon.initiate("boise");
        w.run();
        assertNotNull(w.a.daemon.established("boise"), w.a.dump());
        assertNotNull(w.b.daemon.established("seattle"), w.b.dump());
        return w;
    }

    /** The live CHILD_SAs of a side by pin ({@link NegotiatedChildSa#cpu}); fails on two with the same pin. */
    static Map<Integer, NegotiatedChildSa> byCpu(BackToBack.Side s, String peer) {
        Map<Integer, NegotiatedChildSa> m = new TreeMap<>();
        for (NegotiatedChildSa c : s.daemon.established(peer).children())
            assertNull(m.put(c.cpu(), c), s.name + ": two SAs pinned to " + c.cpu() + ": " + s.daemon.established(peer).children());
        return m;
    }

    /** Each of A's SAs has its other end at B (same SPIs crossed, same keys), whatever either end pinned it to. */
    static void assertPaired(BackToBack w) {
        List<NegotiatedChildSa> x = w.a.daemon.established("boise").children(), y = new ArrayList<>(w.b.daemon.established("seattle").children());
        assertEquals(x.size(), y.size());
        for (NegotiatedChildSa p : x) {
            NegotiatedChildSa q = y.stream().filter(c -> c.inboundSpi() == p.outboundSpi()).findFirst().orElseThrow(() -> new AssertionError("no peer end of " + p));
            assertEndsMatch(p, q);
        }
    }

    @Test void twoWorkersEachGiveAFallbackSaAndOnePerCpuSaOnBothEnds() {
        BackToBack w = up(2, 2);
        Map<Integer, NegotiatedChildSa> a = byCpu(w.a, "boise"), b = byCpu(w.b, "seattle");
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(a.keySet()), w.a.dump());
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(b.keySet()), w.b.dump());
        assertPaired(w);
        // the per-CPU pair is the one each end pinned: A's worker-1 SA is B's worker-1 SA
        assertEquals(a.get(1).outboundSpi(), b.get(1).inboundSpi());
        assertEquals(a.get(1).localSelectors(), a.get(NegotiatedChildSa.FALLBACK).localSelectors(), "identical traffic selectors");
        assertEquals(a.get(1).remoteSelectors(), a.get(NegotiatedChildSa.FALLBACK).remoteSelectors());
        assertEquals(4, w.a.inbound.size() + w.b.inbound.size(), "two inbound SAs each, none replaced");
        assertTrue(w.a.removed.isEmpty() && w.b.removed.isEmpty(), "the second SA is not a replacement of the first");
        assertTrue(w.a.daemon.established("boise").perCpuSas && w.b.daemon.established("seattle").perCpuSas, "both sent SA_RESOURCE_INFO");
    }

    @Test void fourWorkersGiveThreePerCpuSas() {
        BackToBack w = up(4, 4);
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1, 2, 3), List.copyOf(byCpu(w.a, "boise").keySet()));
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1, 2, 3), List.copyOf(byCpu(w.b, "seattle").keySet()));
        assertPaired(w);
    }

    @Test void theResponderRefusesBeyondItsWorkersWithTsMaxQueueAndTheInitiatorStops() {
        BackToBack w = up(4, 2);
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.a, "boise").keySet()), w.a.dump());
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.b, "seattle").keySet()), w.b.dump());
        assertPaired(w);
        assertTrue(w.b.logged("per-CPU SA refused (TS_MAX_QUEUE)"), w.b.dump());
        assertTrue(w.a.logged("peer takes no more per-CPU SAs"), w.a.dump());
        assertEquals(1, w.a.log.stream().filter(l -> l.contains("TS_MAX_QUEUE")).count(), "after one refusal A asks no more: " + w.a.dump());
        assertTrue(w.a.daemon.lastFailure("boise").isEmpty(), "TS_MAX_QUEUE is no failure of the tunnel");
    }

    @Test void aResponderWithMoreWorkersTakesWhatTheInitiatorOpens() {
        BackToBack w = up(2, 4);
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.a, "boise").keySet()));
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.b, "seattle").keySet()));
    }

    @Test void oneWorkerOnEitherEndGivesOnePlainSaPairAsBefore() {
        for (int[] workers : new int[][] {{1, 1}, {2, 1}, {1, 2}}) {
            BackToBack w = up(workers[0], workers[1]);
            String what = workers[0] + "/" + workers[1] + " workers";
            assertEquals(List.of(NegotiatedChildSa.ANY_CPU), List.copyOf(byCpu(w.a, "boise").keySet()), what + "\n" + w.a.dump());
            assertEquals(List.of(NegotiatedChildSa.ANY_CPU), List.copyOf(byCpu(w.b, "seattle").keySet()), what + "\n" + w.b.dump());
            assertEquals(1, w.a.installed.size(), what);
            assertEquals(1, w.b.installed.size(), what);
            assertPaired(w);
            assertFalse(w.a.daemon.established("boise").perCpuSas || w.b.daemon.established("seattle").perCpuSas,
                    what + ": SA_RESOURCE_INFO was not exchanged both ways");
        }
    }

    @Test void rekeyOfEachSaKeepsItsPinOnBothEnds() {
        BackToBack w = up(2, 2);
        Map<Integer, NegotiatedChildSa> a0 = byCpu(w.a, "boise"), b0 = byCpu(w.b, "seattle");
        // A rekeys the per-CPU SA, B the fallback: both directions of the exchange keep the pins
        IkeSa x = w.a.daemon.established("boise"), y = w.b.daemon.established("seattle");
        ChildSa perCpu = x.children.stream().filter(c -> c.sa.cpu() == 1).findFirst().orElseThrow();
        perCpu.rekeyQueued = true;
        x.enqueue(new ChildRekeyInitiator(x, perCpu));
        ChildSa fallback = y.children.stream().filter(c -> c.sa.cpu() == NegotiatedChildSa.FALLBACK).findFirst().orElseThrow();
        fallback.rekeyQueued = true;
        y.enqueue(new ChildRekeyInitiator(y, fallback));
        w.run();
        w.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
        Map<Integer, NegotiatedChildSa> a1 = byCpu(w.a, "boise"), b1 = byCpu(w.b, "seattle");
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(a1.keySet()), w.a.dump());
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(b1.keySet()), w.b.dump());
        for (int cpu : a0.keySet()) {
            assertNotEquals(a0.get(cpu).inboundSpi(), a1.get(cpu).inboundSpi(), "A's SA of " + cpu + " was rekeyed");
            assertNotEquals(b0.get(cpu).inboundSpi(), b1.get(cpu).inboundSpi(), "B's SA of " + cpu + " was rekeyed");
        }
        assertPaired(w);
        assertEquals(a1.get(1).outboundSpi(), b1.get(1).inboundSpi(), "the per-CPU pair's replacement is pinned on both ends");
        assertEquals(2, w.a.inbound.size(), "the rekeyed SAs retired: " + w.a.inbound.values());
        assertEquals(2, w.b.inbound.size());
    }

    @Test void theLifetimeRekeysEverySaAndKeepsThePins() {
        BackToBack w = up(2, 2);
        w.runFor(Duration.ofMinutes(31), Duration.ofSeconds(1));      // default proposal lifetime 30 min: every SA rekeyed at 80-90 %
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.a, "boise").keySet()), w.a.dump());
        assertEquals(List.of(NegotiatedChildSa.FALLBACK, 1), List.copyOf(byCpu(w.b, "seattle").keySet()), w.b.dump());
        assertPaired(w);
        assertTrue(w.a.installed.size() >= 4, "both SAs rekeyed: " + w.a.installed);
    }

    @Test void deletingThePerCpuSaLeavesTheFallback() {
        BackToBack w = up(2, 2);
        IkeSa x = w.a.daemon.established("boise");
        ChildSa perCpu = x.children.stream().filter(c -> c.sa.cpu() == 1).findFirst().orElseThrow();
        x.removeChild(perCpu, "test");
        x.enqueue(new ChildDeleteInitiator(x, perCpu, false));
        w.run();
        assertEquals(List.of(NegotiatedChildSa.FALLBACK), List.copyOf(byCpu(w.a, "boise").keySet()));
        assertEquals(List.of(NegotiatedChildSa.FALLBACK), List.copyOf(byCpu(w.b, "seattle").keySet()), w.b.dump());
        assertPaired(w);
    }
}
