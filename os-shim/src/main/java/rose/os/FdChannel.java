package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A {@link FrameChannel} over a plain fd (a TUN/TAP device): one {@code read}/{@code write}
 * per frame, through native slots allocated once, so nothing is allocated per packet.
 * {@link MmsgChannel} overrides the batch calls for sockets.
 */
class FdChannel implements FrameChannel {
    static final int SLOT = 1 << 16;   // a TUN frame can be as large as the device MTU allows
    static final int BATCH = 32;

    final LibC c = Native.libc();
    private final String name;
    final int slotSize;
    final Pointer slots;
    /** The same slots as a buffer: frames are copied in and out without a JNI call ({@link Native#view}). */
    final java.nio.ByteBuffer slotView;
    final int[] lengths = new int[BATCH];
    private int fd;

    FdChannel(int fd, String name) { this(fd, name, SLOT); }

    FdChannel(int fd, String name, int slotSize) {
        this.fd = fd;
        this.name = name;
        this.slotSize = slotSize;
        this.slots = Memory.allocateDirect(Native.runtime(), (long) slotSize * BATCH);
        this.slotView = Native.view(slots.address(), (long) slotSize * BATCH);
    }

    @Override public String name() { return name; }
    @Override public int batchCapacity() { return BATCH; }

    @Override
    public int read(byte[] dst, int off, int max) {
        long n = c.read(fd, slots, Math.min(max, slotSize));
        if (n < 0) return -Native.errno();
        slotView.get(0, dst, off, (int) n);
        return (int) n;
    }

    @Override
    public int write(byte[] src, int off, int len) {
        if (len > slotSize) return -Errno.EMSGSIZE;
        slotView.put(0, src, off, len);
        long n = c.write(fd, slots, len);
        return n < 0 ? -Native.errno() : (int) n;
    }

    @Override
    public int readBatch(int max) {
        int k = 0;
        for (int limit = Math.min(max, BATCH); k < limit; k++) {
            long n = c.read(fd, slots.slice((long) k * slotSize), slotSize);
            if (n < 0) return k > 0 ? k : -Native.errno();
            lengths[k] = (int) n;
        }
        return k;
    }

    @Override public int batchLength(int k) { return lengths[k]; }

    @Override
    public void copyFromBatch(int k, byte[] dst, int off) {
        slotView.get(k * slotSize, dst, off, lengths[k]);
    }

    @Override
    public boolean stage(int k, byte[] src, int off, int len) {
        if (k >= BATCH || len > slotSize) return false;
        slotView.put(k * slotSize, src, off, len);
        lengths[k] = len;
        return true;
    }

    @Override
    public int writeBatch(int count) {
        int k = 0;
        for (; k < count; k++) {
            long n = c.write(fd, slots.slice((long) k * slotSize), lengths[k]);
            if (n < 0) return k > 0 ? k : -Native.errno();
        }
        return k;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            c.close(fd);
            fd = -1;
        }
    }

    int fd() { return fd; }

    @Override public int readinessFd() { return fd; }
}
