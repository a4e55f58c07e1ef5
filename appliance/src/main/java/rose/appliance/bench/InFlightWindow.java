package rose.appliance.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A closed-loop traffic source's credit, shared by the lab's source ports: at most {@code limit}
 * packets are inside the router (offered, not yet counted at the sink), as a TCP window or a
 * tester that waits for its frames keeps it. Unbounded sources would measure overload instead:
 * a worker whose source never runs dry spends its time on packets another worker's full queue
 * then drops (handoff.queue-full), time it could have spent sealing the other half of a vector.
 * With the limit below a hand-over ring's size (Handoff.RING) no queue can overflow, so every
 * offered packet arrives and the figure is what the router carries without loss.
 */
final class InFlightWindow {
    private final AtomicLong offered = new AtomicLong();
    private final int limit;
    private volatile LongSupplier delivered = () -> 0;

    InFlightWindow(int limit) { this.limit = limit; }

    /** Where delivered packets are counted (set once the sink exists). */
    void countedBy(LongSupplier sink) { this.delivered = sink; }

    /** How many of {@code want} packets may enter now; they are counted as offered. */
    int take(int want) {
        long room = limit - (offered.get() - delivered.getAsLong());
        int n = (int) Math.max(0, Math.min(want, room));
        if (n > 0) offered.addAndGet(n);
        return n;
    }

    /** Credit taken but not used (the pool or the vector was full). */
    void giveBack(int n) { offered.addAndGet(-n); }

    long offered() { return offered.get(); }
}
