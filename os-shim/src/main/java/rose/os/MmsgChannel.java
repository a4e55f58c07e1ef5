package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A socket {@link FrameChannel} whose batches are one {@code recvmmsg}/{@code sendmmsg}
 * each (recvmmsg(2)): the wireguard-go idea of batched OS interfaces, for AF_PACKET.
 *
 * <p>Layouts for LP64 Linux (x86-64, arm64): {@code struct iovec} is 16 bytes
 * (base, len); {@code struct mmsghdr} is 64: a 56-byte {@code struct msghdr}
 * (name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48) then
 * {@code msg_len} at 56. Other ABIs use {@link FdChannel}'s one call per frame.
 */
class MmsgChannel extends FdChannel {
    static final int MSG_DONTWAIT = 0x40;
    private static final int IOVEC = 16;
    private static final int MMSGHDR = 64;

    private final Pointer iov;
    private final Pointer msgs;

    MmsgChannel(int fd, String name, int slotSize) {
        super(fd, name, slotSize);
        iov = Memory.allocateDirect(Native.runtime(), (long) IOVEC * BATCH);
        msgs = Memory.allocateDirect(Native.runtime(), (long) MMSGHDR * BATCH);
        msgs.setMemory(0, (long) MMSGHDR * BATCH, (byte) 0);
        for (int k = 0; k < BATCH; k++) {
            iov.putAddress((long) k * IOVEC, slots.address() + (long) k * slotSize);
            iov.putLong((long) k * IOVEC + 8, slotSize);
            msgs.putAddress((long) k * MMSGHDR + 16, iov.address() + (long) k * IOVEC);
            msgs.putLong((long) k * MMSGHDR + 24, 1);
        }
    }

    static boolean supported() {
        return Native.runtime().addressSize() == 8;
    }

    @Override
    public int readBatch(int max) {
        int n = Math.min(max, BATCH);
        for (int k = 0; k < n; k++) iov.putLong((long) k * IOVEC + 8, slotSize);
        int got = c.recvmmsg(fd(), msgs, n, MSG_DONTWAIT, null);
        if (got < 0) return -Native.errno();
        for (int k = 0; k < got; k++) lengths[k] = msgs.getInt((long) k * MMSGHDR + 56);
        return got;
    }

    @Override
    public int writeBatch(int count) {
        for (int k = 0; k < count; k++) iov.putLong((long) k * IOVEC + 8, lengths[k]);
        int sent = c.sendmmsg(fd(), msgs, count, MSG_DONTWAIT);
        return sent < 0 ? -Native.errno() : sent;
    }
}
