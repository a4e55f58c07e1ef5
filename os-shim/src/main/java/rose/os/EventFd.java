package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An eventfd(2): one thread {@link #signal}s, another sleeping in poll(2) on {@link #fd} wakes. The
 * dataplane uses it so a packet queued by the control plane (an IKE message) is sent at once by a
 * worker that sleeps on its ports, not when the worker's sleep times out.
 */
public final class EventFd implements AutoCloseable {
    static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

    private final LibC c = Native.libc();
    private final Pointer signalBuf = Memory.allocateDirect(Native.runtime(), 8);
    private final Pointer drainBuf = Memory.allocateDirect(Native.runtime(), 8);
    private volatile int fd;

    private EventFd(int fd) {
        this.fd = fd;
        signalBuf.putLong(0, 1);
    }

    public static EventFd open() throws NativeException {
        int fd = Native.libc().eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) throw Native.error("eventfd", "EFD_NONBLOCK");
        return new EventFd(fd);
    }

    public int fd() { return fd; }

    /** Makes the descriptor readable; from any thread (a full counter, EAGAIN, is still readable). */
    public synchronized void signal() {
        if (fd >= 0) c.write(fd, signalBuf, 8);
    }

    /** Resets the counter so the descriptor stops polling readable; the waiting thread calls it. */
    public void drain() {
        if (fd >= 0) c.read(fd, drainBuf, 8);
    }

    @Override public synchronized void close() {
        if (fd >= 0) {
            c.close(fd);
            fd = -1;
        }
    }
}
