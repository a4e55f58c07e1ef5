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
        try (IkeLoop loop = IkeLoop.threaded("t", () -> {
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
}
