package rose.appliance.dataplane;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Time as a router's diagnostics see it. On a running router it is the system clock and
 * waiting is sleeping while the dataplane's own thread moves packets; in the lab and in tests
 * (step mode) it is a manual clock and waiting is driving every router of the network forward,
 * so {@code /ping interval=1s} takes no real second and always gives the same answer.
 */
public interface NetTime extends LongSupplier {
    /** Now, in nanoseconds on the dataplane's clock. */
    long nanos();

    /** Returns when {@code done} holds or the clock reaches {@code deadlineNanos}, whichever is first. */
    void awaitUntil(long deadlineNanos, BooleanSupplier done) throws InterruptedException;

    @Override
    default long getAsLong() { return nanos(); }

    /** The system clock; the dataplane runs on its own thread. */
    NetTime SYSTEM = new NetTime() {
        @Override public long nanos() { return System.nanoTime(); }

        @Override public void awaitUntil(long deadlineNanos, BooleanSupplier done) throws InterruptedException {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return;
                Thread.sleep(Math.max(1, Math.min(10, left / 1_000_000)));
            }
        }
    };
}
