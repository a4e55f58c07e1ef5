package rose.os;

import java.io.Closeable;

/**
 * A non-blocking file descriptor that carries one frame or packet per read/write (a TUN
 * device or an AF_PACKET socket). Reads and writes go through one native scratch buffer
 * per channel, so the packet path allocates nothing; a channel belongs to one thread.
 *
 * <p>On the packet path errors are values, not exceptions: {@link #read} and
 * {@link #write} return {@code -errno} ({@code -EAGAIN} when nothing is ready), and the
 * caller counts them. Set-up failures throw {@link NativeException}.
 */
public interface FrameChannel extends Closeable {
    /** Bytes read into {@code dst[off..]}, or {@code -errno}. */
    int read(byte[] dst, int off, int max);

    /** Bytes written, or {@code -errno}. */
    int write(byte[] src, int off, int len);

    String name();

    @Override void close();
}
