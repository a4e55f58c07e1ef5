package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IkeLoopTest {
    /** One tick that throws must not stop the timers: DPD, rekeys and retransmissions all hang off them. */
    @Test void aFailingTickDoesNotStopTheLoop() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        try (IkeLoop loop = IkeLoop.threaded("t", 64, () -> {
            if (ticks.incrementAndGet() == 1) throw new IllegalStateException("bad tick");
        }, failures::add)) {
            long end = System.nanoTime() + 5_000_000_000L;
            while (ticks.get() < 4 && System.nanoTime() < end) Thread.sleep(20);
            assertTrue(ticks.get() >= 4, "ticks after a failing one: " + ticks.get());
            assertEquals(1, failures.size());
            AtomicInteger ran = new AtomicInteger();
            loop.post(() -> { throw new IllegalArgumentException("bad work"); });
            loop.post(ran::incrementAndGet);
            assertEquals(Integer.valueOf(1), loop.call(() -> { while (ran.get() == 0) Thread.onSpinWait(); return ran.get(); }));
        }
    }

    /** The receive queue is a socket buffer: bounded, and what does not fit is dropped and counted, never blocking the dataplane. */
    @Test void aFullReceiveQueueDropsAndCounts() {
        IkeLoop loop = IkeLoop.stepped(4);
        AtomicInteger handled = new AtomicInteger();
        for (int i = 0; i < 4; i++) assertTrue(loop.offer(handled::incrementAndGet));
        assertEquals(false, loop.offer(handled::incrementAndGet));
        assertEquals(1, loop.receiveDrops());
        assertEquals(4, loop.receiveBacklog());
        assertEquals(4, loop.drain());
        assertEquals(4, handled.get());
        assertTrue(loop.offer(handled::incrementAndGet), "room again once drained");
    }

    /** Commits and console commands do not queue behind datagrams: they run first. */
    @Test void controlWorkRunsBeforeQueuedDatagrams() {
        IkeLoop loop = IkeLoop.stepped(16);
        List<String> order = new CopyOnWriteArrayList<>();
        loop.offer(() -> order.add("datagram 1"));
        loop.offer(() -> order.add("datagram 2"));
        loop.post(() -> order.add("commit"));
        loop.drain();
        assertEquals(List.of("commit", "datagram 1", "datagram 2"), order);
    }

    /** A call waits for at most one batch of datagrams, not for all of them. */
    @Test void aCallOvertakesABacklogOfDatagrams() throws Exception {
        try (IkeLoop loop = IkeLoop.threaded("t", 4096, () -> { }, e -> { })) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();
            loop.offer(() -> { try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } });
            for (int i = 0; i < 1000; i++) loop.offer(handled::incrementAndGet);
            AtomicInteger seenAt = new AtomicInteger(-1);
            Thread caller = new Thread(() -> seenAt.set(loop.call(handled::get)));
            caller.start();
            while (caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive()) Thread.sleep(1);   // posted, now waiting
            release.countDown();
            caller.join(5000);
            int seen = seenAt.get();
            assertTrue(seen >= 0 && seen <= IkeLoop.BATCH, "the call ran after " + seen + " of 1000 queued datagrams");
        }
    }
}
