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

    /**
     * Reads up to {@code max} frames (at most {@link #batchCapacity()}) into the channel's
     * native slots with as few syscalls as the channel allows (one {@code recvmmsg} on a
     * packet socket). Returns the number read, or {@code -errno} if none could be read.
     * Frame {@code k} is then {@link #batchLength}/{@link #copyFromBatch}.
     */
    int readBatch(int max);

    int batchLength(int k);

    void copyFromBatch(int k, byte[] dst, int off);

    /**
     * The frames of the last {@link #readBatch} have been copied out (or dropped): a channel that
     * lends its own memory (a {@code PACKET_RX_RING}) may give them back to the kernel now.
     */
    default void releaseBatch() {}

    /**
     * Frames lost on the way in since the last call that no read returned: the kernel found no room
     * for them (a full receive ring) or they did not fit the channel's slots. 0 where the channel
     * cannot tell.
     */
    default long takeDrops() { return 0; }

    /** Puts frame {@code k} of the next {@link #writeBatch} into a native slot; false if it does not fit. */
    boolean stage(int k, byte[] src, int off, int len);

    /** Sends staged frames {@code 0..count-1}; returns how many went, or {@code -errno} if none did. */
    int writeBatch(int count);

    /** Frames per batch. */
    int batchCapacity();

    /** The descriptor that polls readable when a frame waits ({@link PollSet}), or -1 if there is none. */
    default int readinessFd() { return -1; }

    @Override void close();
}
