package rose.dataplane.port;

import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

import rose.os.EventFd;
import rose.os.NativeException;
import rose.os.PollSet;

/**
 * How a worker thread sleeps when its ports are idle.
 *
 * <p>When every port has a readiness descriptor (TUN, AF_PACKET), it sleeps in poll(2) on all of
 * them and wakes as soon as a frame arrives: no CPU while idle, and no fixed sleep added to the
 * first packet of a burst. Why it matters: a router that polls its ports with non-blocking reads
 * and naps 50 µs between rounds kept about 12 % of a core busy doing nothing (measured on an idle
 * {@code rose run} with two TUN ports), CPU that the kernel and the hosts on a small box need to
 * move the very packets the router waits for.
 *
 * <p>Packets the control plane queues for sending wake the worker through an eventfd in the same
 * poll ({@link #wakeup}); other control-plane changes (new tables, stop) are seen within
 * {@link #MAX_SLEEP_MILLIS}. With a port that has no descriptor (in-memory wires), or where
 * eventfd is missing, it parks {@link #PARK_NANOS} as before. The poll set is rebuilt when the
 * port array changes (attach/detach replace the array).
 */
public final class IdleWait {
    static final int MAX_SLEEP_MILLIS = 10;
    static final long PARK_NANOS = 50_000;

    private final java.util.function.BooleanSupplier pending;
    private EventFd wake;                  // opened with the first poll set: in-memory routers never need one
    private boolean noEventFd;
    private volatile boolean sleeping;
    private volatile Thread parked;       // the worker, while it parks (ports without descriptors)
    private Port[] seen;
    private PollSet set;   // null when some port cannot be waited on

    /** {@code pending}: work queued by other threads; the worker does not sleep while it is non-empty. */
    public IdleWait(Queue<?> pending) {
        this(() -> !pending.isEmpty());
    }

    /** {@code pending}: true while other threads have queued work for this worker (it then does not sleep). */
    public IdleWait(java.util.function.BooleanSupplier pending) {
        this.pending = pending;
    }

    /** Sleeps until a port is readable, {@link #wakeup} is called, or a short while passes. */
    public void sleep(Port[] ports) {
        if (ports != seen) rebuild(ports);
        if (set == null) {
            parked = Thread.currentThread();
            sleeping = true;                  // as below: a producer sees sleeping and unparks, or we see its work
            if (!pending.getAsBoolean()) LockSupport.parkNanos(PARK_NANOS);
            sleeping = false;
            return;
        }
        sleeping = true;                      // then check the queue: a producer either sees
        if (!pending.getAsBoolean()) {        // sleeping and signals, or we see its packet
            int n = set.awaitReadable(MAX_SLEEP_MILLIS);
            if (n < 0) LockSupport.parkNanos(PARK_NANOS);   // EINTR or worse: never spin on it
            // reset the eventfd only when it woke us: an empty read is a system call per sleep for
            // nothing (half of a router's calls once its ports read from rings). A signal left set
            // because we did not poll costs one early return from the next poll, never a lost wake-up.
            else if (n > 0 && set.ready(set.size() - 1)) wake.drain();
        }
        sleeping = false;
    }

    /** From any thread, after queuing work: wakes the worker if it sleeps in poll(2). */
    public void wakeup() {
        if (!sleeping) return;
        EventFd w = wake;
        if (w != null) w.signal();
        Thread t = parked;
        if (t != null) LockSupport.unpark(t);
    }

    /** Whether sleeps use poll(2) on the ports (every port has a descriptor). */
    public boolean waitsOnDescriptors() { return set != null; }

    /** Closes the eventfd; the worker thread has stopped. A later {@link #sleep} opens another. */
    public void close() {
        EventFd w = wake;
        wake = null;
        seen = null;
        set = null;
        if (w != null) w.close();
    }

    private void rebuild(Port[] ports) {
        seen = ports;
        set = null;
        int n = 0;
        for (Port p : ports) if (p != null && p.readinessFd() != Port.NEVER_RECEIVES) n++;
        if (n == 0) return;
        int[] fds = new int[n + 1];
        int k = 0;
        for (Port p : ports) {
            if (p == null) continue;
            int fd = p.readinessFd();
            if (fd == Port.NEVER_RECEIVES) continue;
            if (fd < 0) return;
            fds[k++] = fd;
        }
        if (wake == null && !noEventFd) {
            try {
                wake = EventFd.open();
            } catch (NativeException | LinkageError e) {
                noEventFd = true;   // cannot be woken: keep parking rather than sleep through sends
            }
        }
        if (wake == null) return;
        fds[k] = wake.fd();
        set = new PollSet(fds);
    }
}
