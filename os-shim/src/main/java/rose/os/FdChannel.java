package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** A {@link FrameChannel} over a plain fd with a 64 KiB native scratch buffer. */
class FdChannel implements FrameChannel {
    private static final int SCRATCH = 1 << 16;

    private final LibC c = Native.libc();
    private final String name;
    private final Pointer scratch = Memory.allocateDirect(Native.runtime(), SCRATCH);
    private int fd;

    FdChannel(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    @Override public String name() { return name; }

    @Override
    public int read(byte[] dst, int off, int max) {
        long n = c.read(fd, scratch, Math.min(max, SCRATCH));
        if (n < 0) return -Native.errno();
        scratch.get(0, dst, off, (int) n);
        return (int) n;
    }

    @Override
    public int write(byte[] src, int off, int len) {
        if (len > SCRATCH) return -Errno.EMSGSIZE;
        scratch.put(0, src, off, len);
        long n = c.write(fd, scratch, len);
        return n < 0 ? -Native.errno() : (int) n;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            c.close(fd);
            fd = -1;
        }
    }

    int fd() { return fd; }
}
