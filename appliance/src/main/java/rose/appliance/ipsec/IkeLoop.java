package rose.appliance.ipsec;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one event loop of a router's IKE daemon (STYLE: one event-loop thread; the daemon has no
 * locks). Work from other threads (datagrams punted by the dataplane worker, commits, console
 * status) is posted here.
 *
 * <ul>
 *   <li>threaded (a running router): a single thread runs posted work at once and
 *       {@code periodic} every 100 ms;</li>
 *   <li>stepped (the lab, tests): nothing runs by itself; the lab's step loop calls
 *       {@link #drain} between dataplane rounds, on its one thread, so runs are deterministic.</li>
 * </ul>
 */
final class IkeLoop implements AutoCloseable {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread;
    private volatile Thread loopThread;

    private final Consumer<RuntimeException> failed;

    private IkeLoop(ScheduledExecutorService thread, Consumer<RuntimeException> failed) { this.thread = thread; this.failed = failed; }

    static IkeLoop stepped() { return new IkeLoop(null, e -> { throw e; }); }

    static IkeLoop threaded(String name, Runnable periodic) {
        return threaded(name, periodic, e -> e.printStackTrace());
    }

    /**
     * {@code failed} hears of an exception escaping posted work or {@code periodic}; the loop goes
     * on. (A scheduled task that throws is never run again: one bad tick would have stopped every
     * IKE timer of the router, DPD, rekeys and retransmissions, for good.)
     */
    static IkeLoop threaded(String name, Runnable periodic, Consumer<RuntimeException> failed) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rose-ike-" + name);
            t.setDaemon(true);
            return t;
        });
        IkeLoop loop = new IkeLoop(ex, failed);
        ex.execute(() -> loop.loopThread = Thread.currentThread());
        ex.scheduleWithFixedDelay(() -> { loop.guarded(loop::drain); loop.guarded(periodic); }, 100, 100, TimeUnit.MILLISECONDS);
        return loop;
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Runs {@code r} on the loop (stepped: at the next {@link #drain}). */
    void post(Runnable r) {
        queue.add(r);
        if (thread != null) thread.execute(() -> guarded(this::drain));
    }

    /** Runs what was posted; returns how many. */
    int drain() {
        int n = 0;
        for (Runnable r; (r = queue.poll()) != null; n++) r.run();
        return n;
    }

    /** Runs {@code s} on the loop and waits for its answer (status reads from the console). */
    <T> T call(Supplier<T> s) {
        if (thread == null || Thread.currentThread() == loopThread) return s.get();
        try {
            return thread.submit(s::get).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for IKE");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("IKE event loop did not answer in 5 s");
        }
    }

    @Override
    public void close() {
        if (thread != null) thread.shutdownNow();
    }
}
