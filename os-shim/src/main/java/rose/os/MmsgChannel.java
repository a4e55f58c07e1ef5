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
 *
 * <p>A socket with a {@code PACKET_TX_RING} ({@link TxRing}) sends through it instead: frames are
 * written into the ring's slots and a batch is one {@code send(fd, NULL, 0, MSG_DONTWAIT)}.
 * Only with {@code -Drose.port.tx-ring=true} ({@link PacketSocket}: on a veth it costs more than
 * {@code sendmmsg}); a kernel that refuses the ring keeps {@code sendmmsg}.
 */
class MmsgChannel extends FdChannel {
    static final int MSG_DONTWAIT = 0x40;
    private static final int IOVEC = 16;
    private static final int MMSGHDR = 64;

    private final Pointer iov;
    private final Pointer msgs;
    /** The socket's rings (mapped by this channel, unmapped when it closes), or null. */
    private final PacketRings rings;
    /** Its transmit ring, or null: sendmmsg. */
    private final TxRing tx;

    MmsgChannel(int fd, String name, int slotSize) {
        this(fd, name, slotSize, null);
    }

    MmsgChannel(int fd, String name, int slotSize, PacketRings rings) {
        super(fd, name, slotSize);
        this.rings = rings;
        this.tx = rings == null ? null : rings.tx;
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

    /** The transmit ring this channel sends through, or null (sendmmsg). */
    TxRing txRing() { return tx; }

    @Override
    public boolean stage(int k, byte[] src, int off, int len) {
        return tx != null ? tx.stage(k, src, off, len) : super.stage(k, src, off, len);
    }

    @Override
    public int write(byte[] src, int off, int len) {
        if (tx == null) return super.write(src, off, len);
        if (!tx.stage(0, src, off, len)) return len > tx.maxFrame() ? -Errno.EMSGSIZE : -Errno.ENOBUFS;
        int n = writeBatch(1);
        return n == 1 ? len : n < 0 ? n : -Errno.ENOBUFS;
    }

    @Override
    public int writeBatch(int count) {
        if (tx != null) {
            if (count <= 0) return 0;
            tx.submit(count);
            long sent = c.sendto(fd(), null, 0, MSG_DONTWAIT, null, 0);   // the kick: every SEND_REQUEST slot goes
            return tx.settle(count, sent, sent < 0 ? Native.errno() : 0);
        }
        for (int k = 0; k < count; k++) iov.putLong((long) k * IOVEC + 8, lengths[k]);
        int sent = c.sendmmsg(fd(), msgs, count, MSG_DONTWAIT);
        return sent < 0 ? -Native.errno() : sent;
    }

    @Override
    public void close() {
        if (fd() >= 0 && rings != null) rings.unmap();   // the mapping holds the socket open: unmap, then close
        super.close();
    }
}
