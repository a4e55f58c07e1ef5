package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * poll(2) for readability over a fixed set of descriptors: how a dataplane worker sleeps while its
 * ports are idle and wakes the moment a frame arrives, instead of spinning on non-blocking reads or
 * sleeping a fixed time. The descriptors are not owned (closing them is their channel's job); one
 * thread uses a set.
 *
 * <p>{@code struct pollfd} is 8 bytes on Linux: {@code int fd; short events; short revents}.
 */
public final class PollSet {
    static final short POLLIN = 0x1;
    private static final int POLLFD = 8;

    private final LibC c = Native.libc();
    private final Pointer fds;
    private final int count;

    public PollSet(int[] descriptors) {
        count = descriptors.length;
        fds = Memory.allocateDirect(Native.runtime(), (long) POLLFD * Math.max(1, count));
        for (int i = 0; i < count; i++) {
            if (descriptors[i] < 0) throw new IllegalArgumentException("not a descriptor: " + descriptors[i]);
            fds.putInt((long) i * POLLFD, descriptors[i]);
            fds.putShort((long) i * POLLFD + 4, POLLIN);
        }
    }

    public int size() { return count; }

    /**
     * Waits until a descriptor is readable (or has an error or hang-up to report, which a read will
     * then return) or {@code timeoutMillis} pass. Returns how many are ready, 0 on timeout, or
     * {@code -errno} ({@code -EINTR} when a signal came first).
     */
    public int awaitReadable(int timeoutMillis) {
        for (int i = 0; i < count; i++) fds.putShort((long) i * POLLFD + 6, (short) 0);
        int n = c.poll(fds, count, timeoutMillis);
        return n < 0 ? -Native.errno() : n;
    }

    /** After {@link #awaitReadable}: whether descriptor {@code i} (in the order given) was reported ready. */
    public boolean ready(int i) {
        return fds.getShort((long) i * POLLFD + 6) != 0;
    }
}
