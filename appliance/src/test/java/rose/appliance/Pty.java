package rose.appliance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import jnr.ffi.LibraryLoader;

/**
 * A pseudo-terminal pair for tests: this side is the master (what a serial line's far end, or
 * qemu's {@code -serial stdio}, types into and reads), {@link #slave} is the device a console
 * opens as it would {@code /dev/ttyS0}.
 */
final class Pty implements AutoCloseable {
    /** The libc calls a pty needs; jnr-ffi binds them by name. */
    public interface Libc {
        int posix_openpt(int flags);
        int grantpt(int fd);
        int unlockpt(int fd);
        String ptsname(int fd);
        int read(int fd, byte[] buf, long count);
        int write(int fd, byte[] buf, long count);
        int close(int fd);
        int open(String path, int flags);
        int ioctl(int fd, long request);
    }

    static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;

    final int master;
    final Path slave;
    /** Held open so that the master reads no EIO while the console reopens the slave between sessions. */
    private final int keepSlave;

    private Pty(int master, Path slave, int keepSlave) {
        this.master = master;
        this.slave = slave;
        this.keepSlave = keepSlave;
    }

    static Pty open() throws IOException {
        int fd = LIBC.posix_openpt(O_RDWR | O_NOCTTY);
        if (fd < 0) throw new IOException("posix_openpt failed");
        if (LIBC.grantpt(fd) != 0 || LIBC.unlockpt(fd) != 0) {
            LIBC.close(fd);
            throw new IOException("grantpt/unlockpt failed");
        }
        String name = LIBC.ptsname(fd);
        int keep = LIBC.open(name, O_RDWR | O_NOCTTY);
        if (keep < 0) {
            LIBC.close(fd);
            throw new IOException("cannot open " + name);
        }
        return new Pty(fd, Path.of(name), keep);
    }

    /** Blocks until the far end has output; -1 once the slave side is gone for good. */
    int read(byte[] buf) {
        return LIBC.read(master, buf, buf.length);
    }

    void write(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (LIBC.write(master, b, b.length) != b.length) throw new IOException("short write to the pty");
    }

    /** The line hangs up (TIOCVHANGUP), as on a lost carrier: what the slave's openers hold stops working. */
    void hangUp() throws IOException {
        if (LIBC.ioctl(keepSlave, 0x5437) != 0) throw new IOException("TIOCVHANGUP failed");
    }

    @Override
    public void close() {
        LIBC.close(keepSlave);
        LIBC.close(master);
    }
}
