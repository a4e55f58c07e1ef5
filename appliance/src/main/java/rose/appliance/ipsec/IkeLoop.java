package rose.appliance.ipsec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one event loop of a router's IKE daemon (STYLE: one event-loop thread; the daemon has no
 * locks). Work from other threads is queued here in two lanes:
 *
 * <ol>
 *   <li>control (commits, backend events, console commands): unbounded, and always run first,
 *       so a commit or {@code kill-connections} waits for at most one batch of datagrams, not
 *       for a thousand tunnels' worth of Diffie-Hellman queued ahead of it;</li>
 *   <li>datagrams punted by the dataplane: a bounded queue, the socket receive buffer of a
 *       kernel daemon. When it is full the datagram is dropped and counted (what Linux counts as
 *       UDP {@code RcvbufErrors}); the peer's retransmission recovers it. The dataplane worker
 *       never blocks on IKE;</li>
 *   <li>each turn (a batch with its control work, a timer tick, a stepped drain) is bracketed by
 *       the owner's {@link Turns}: what the turn changed in the dataplane is published once at
 *       its end, then the datagrams it sent leave ({@link LoopTurn}); a {@link #call} releases
 *       both before its caller is answered;</li>
 *   <li>after work, the owner's {@code published} hook runs (the status snapshot): at once when
 *       the queues ran dry, else at most every {@link #PUBLISH_NANOS} while busy.</li>
 * </ol>
 * <ul>
 *   <li>threaded (a running router): one thread runs batches of {@link #BATCH} datagrams (control
 *       work before each) and {@code periodic} every 100 ms between them;</li>
 *   <li>stepped (the lab, tests): nothing runs by itself; the lab's step loop calls
 *       {@link #drain} between dataplane rounds, on its one thread, so runs are deterministic.</li>
 * </ul>
 */
final class IkeLoop implements AutoCloseable {
    /** Datagrams handled between two looks at the control lane and the timer. */
    static final int BATCH = 32;
    static final long PUBLISH_NANOS = 50_000_000L;

    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
    private final ArrayBlockingQueue<Runnable> datagrams;
    private final AtomicLong receiveDrops = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService thread;
    private volatile Thread loopThread;
    private final Consumer<RuntimeException> failed;
    private volatile Runnable published = () -> { };
    private volatile Turns turns = Turns.NONE;
    private long lastPublish;

    private IkeLoop(ScheduledExecutorService thread, int receiveQueue, Consumer<RuntimeException> failed) {
        if (receiveQueue < 1) throw new IllegalArgumentException("receive queue " + receiveQueue);
        this.thread = thread;
        this.datagrams = new ArrayBlockingQueue<>(receiveQueue);
        this.failed = failed;
    }

    static IkeLoop stepped(int receiveQueue) { return new IkeLoop(null, receiveQueue, e -> { throw e; }); }

    static IkeLoop threaded(String name, int receiveQueue, Runnable periodic) {
        return threaded(name, receiveQueue, periodic, e -> e.printStackTrace());
    }

    /**
     * {@code failed} hears of an exception escaping posted work or {@code periodic}; the loop goes
     * on. (A scheduled task that throws is never run again: one bad tick would have stopped every
     * IKE timer of the router, DPD, rekeys and retransmissions, for good.)
     */
    static IkeLoop threaded(String name, int receiveQueue, Runnable periodic, Consumer<RuntimeException> failed) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rose-ike-" + name);
            t.setDaemon(true);
            return t;
        });
        IkeLoop loop = new IkeLoop(ex, receiveQueue, failed);
        ex.execute(() -> loop.loopThread = Thread.currentThread());
        ex.scheduleWithFixedDelay(() -> {
            loop.turns.begin();
            try {
                loop.guarded(loop::runControl);
                loop.guarded(periodic);
            } finally {
                loop.guarded(loop.turns::end);
            }
            loop.guarded(loop::publish);
        }, 100, 100, TimeUnit.MILLISECONDS);
        return loop;
    }

    /** What runs on the loop after work (the status snapshot); it must not throw. */
    void onPublish(Runnable r) { this.published = r; }

    /**
     * The brackets of one turn of the loop: {@code begin} before its first piece of work,
     * {@code end} after its last, {@code flush} when a call's caller is about to be answered
     * mid-turn. Turns nest (a call run inline inside a turn).
     */
    interface Turns {
        Turns NONE = new Turns() {
            @Override public void begin() { }
            @Override public void flush() { }
            @Override public void afterWork() { }
            @Override public void end() { }
        };

        void begin();
        void flush();
        /** Between two datagrams of a threaded batch: may release what the turn holds so far. */
        void afterWork();
        void end();
    }

    /** Set before any work is posted. */
    void turns(Turns t) { this.turns = t; }

    /** Runs {@code r} as one turn (the stepped router's timer work). */
    void inTurn(Runnable r) {
        turns.begin();
        try {
            r.run();
        } finally {
            turns.end();
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    /** Control work: runs on the loop before any further datagram (stepped: at the next {@link #drain}). */
    void post(Runnable r) {
        control.add(r);
        wake();
    }

    /**
     * A received datagram's work, from the dataplane worker. False when the receive queue is
     * full: the datagram is dropped (counted in {@link #receiveDrops}), the worker goes on.
     */
    boolean offer(Runnable datagram) {
        if (!datagrams.offer(datagram)) {
            receiveDrops.incrementAndGet();
            return false;
        }
        wake();
        return true;
    }

    /** Datagrams dropped because the receive queue was full. */
    long receiveDrops() { return receiveDrops.get(); }

    /** Datagrams waiting to be handled. */
    int receiveBacklog() { return datagrams.size(); }

    private void wake() {
        if (thread != null && scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::batch);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);   // closed: nothing runs any more
            }
        }
    }

    /** Threaded: control work, one batch of datagrams, then again later if more is queued (timers and calls get their turn). */
    private void batch() {
        scheduled.set(false);
        int n;
        turns.begin();
        try {
            n = runControl();
            for (Runnable r; n < BATCH && (r = datagrams.poll()) != null; n++) {
                guarded(r);
                guarded(turns::afterWork);
            }
            runControl();
        } finally {
            guarded(turns::end);
        }
        if (!control.isEmpty() || !datagrams.isEmpty()) {
            wake();
            if (System.nanoTime() - lastPublish >= PUBLISH_NANOS) publish();
        } else if (n > 0) {
            publish();
        }
    }

    private int runControl() {
        int n = 0;
        for (Runnable r; (r = control.poll()) != null; n++) guarded(r);
        return n;
    }

    private void publish() {
        lastPublish = System.nanoTime();
        guarded(published);
    }

    /** Stepped: runs everything queued (control first, then datagrams, then control they caused); returns how much. */
    int drain() {
        int n = 0;
        turns.begin();
        try {
            for (Runnable r; (r = control.poll()) != null; n++) r.run();
            for (Runnable r; (r = datagrams.poll()) != null; n++) {
                r.run();
                for (Runnable c; (c = control.poll()) != null; n++) c.run();
            }
        } finally {
            turns.end();
        }
        return n;
    }

    /** Runs {@code s} on the loop, in the control lane, and waits for its answer (commits, console commands). */
    <T> T call(Supplier<T> s) {
        if (thread == null || Thread.currentThread() == loopThread) {
            try {
                return s.get();
            } finally {
                turns.flush();
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        post(() -> {
            try {
                T t = s.get();
                turns.flush();     // the caller, once answered, finds its SPD changes and sends in effect
                f.complete(t);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for IKE");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("IKE event loop did not answer in 5 s");
        }
    }

    boolean threaded() { return thread != null; }

    @Override
    public void close() {
        if (thread != null) thread.shutdownNow();
    }
}
