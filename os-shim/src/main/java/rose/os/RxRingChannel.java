package rose.os;

import java.lang.invoke.VarHandle;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An AF_PACKET {@link FrameChannel} that receives through a {@code PACKET_RX_RING} shared with the
 * kernel (packet_mmap.rst) and sends as {@link MmsgChannel} does (through the socket's
 * {@code PACKET_TX_RING}, {@link TxRing}, or with {@code sendmmsg}).
 *
 * <p>Why: with {@code recvmmsg} every look for frames is a system call, and a worker looks often
 * (each poll round of every port, the empty ones included: profiled under iperf3, 19 of 20
 * {@code recvmmsg} calls of a router came back EAGAIN). With the ring, looking is reading a word
 * of shared memory and a batch of frames costs no call at all; the kernel's copy into the ring
 * replaces its copy into our buffers, so nothing is copied more than before.
 *
 * <ol>
 *   <li>The ring is {@code frames} slots of {@code slotSize} octets ({@link Tpacket2Frame}), in
 *       blocks the kernel allocates; the worker walks it in order from {@link #next}.</li>
 *   <li>A slot whose status has {@code TP_STATUS_USER} is ours: read after an acquire fence, its
 *       frame copied out by the port, then handed back by writing {@code TP_STATUS_KERNEL} after
 *       a release fence ({@link #releaseBatch}), as the kernel documentation's reader does with
 *       {@code __sync_synchronize}.</li>
 *   <li>When the ring was full the kernel drops the frame, counts it, and marks the next slot it
 *       fills {@code TP_STATUS_LOSING}; we then read and reset its count
 *       ({@code PACKET_STATISTICS}) so the port counts those drops as its own rx drops, as a NIC's
 *       ring overflow is counted. A slot too small for its frame is dropped and counted too.</li>
 * </ol>
 *
 * {@code TPACKET_V2}, not V3: V3 hands a block to user space only once it is full or its timer
 * (at least a millisecond) retires it, a millisecond of latency per hop at low rates; V2 hands
 * over each frame as it lands, and poll(2) wakes on it.
 */
final class RxRingChannel extends MmsgChannel {
    static final int PACKET_STATISTICS = 6;

    private final Pointer ring;
    /** The ring as a buffer, for copying frames out without a JNI call per frame ({@link Native#view}). */
    private final java.nio.ByteBuffer ringBytesView;
    private final int frames;
    private final int frameSize;
    private final long[] held = new long[BATCH];
    private final Pointer stats = Memory.allocateDirect(Native.runtime(), 8);
    private final Pointer statsLen = Memory.allocateDirect(Native.runtime(), 4);
    private int heldCount;
    private int next;
    private long drops;

    /**
     * The receive ring of {@code rings} (which it must have); sends through its transmit ring if it
     * has one, else with sendmmsg from slots of {@code txSlotSize}.
     */
    RxRingChannel(int fd, String name, int txSlotSize, PacketRings rings) {
        super(fd, name, txSlotSize, rings);
        // unbounded: every offset is a slot's (index times slot size, below the ring's end) or inside one as
        // Tpacket2Frame checked; a bounded pointer would check each of those reads again, per frame
        this.ring = Pointer.wrap(Native.runtime(), rings.address);
        this.frameSize = rings.rxFrameSize;
        this.frames = rings.rxFrames;
        this.ringBytesView = Native.view(rings.address, (long) frames * frameSize);
    }

    int frames() { return frames; }

    int frameSize() { return frameSize; }

    @Override
    public int readBatch(int max) {
        releaseBatch();
        int n = 0;
        for (int limit = Math.min(max, BATCH); n < limit; ) {
            long slot = (long) next * frameSize;
            int status = Tpacket2Frame.status(ring, slot);
            if ((status & Tpacket2Frame.TP_STATUS_USER) == 0) break;
            VarHandle.acquireFence();          // the frame's bytes, written before the status, are visible
            next = next + 1 == frames ? 0 : next + 1;
            if ((status & Tpacket2Frame.TP_STATUS_LOSING) != 0) drops += kernelDrops();
            int len = Tpacket2Frame.frameLength(ring, slot, frameSize);
            if (len == Tpacket2Frame.BAD) {
                drops++;
                giveBack(slot);
                continue;
            }
            held[n] = slot;
            lengths[n] = len;
            n++;
        }
        heldCount = n;
        return n > 0 ? n : -Errno.EAGAIN;
    }

    @Override
    public void copyFromBatch(int k, byte[] dst, int off) {
        Tpacket2Frame.copy(ring, ringBytesView, held[k], dst, off);
    }

    @Override
    public void releaseBatch() {
        for (int k = 0; k < heldCount; k++) giveBack(held[k]);
        heldCount = 0;
    }

    @Override
    public int read(byte[] dst, int off, int max) {
        int n = readBatch(1);
        if (n < 0) return n;
        int len = lengths[0];
        if (len > max) {
            releaseBatch();
            drops++;
            return -Errno.EMSGSIZE;
        }
        copyFromBatch(0, dst, off);
        releaseBatch();
        return len;
    }

    @Override
    public long takeDrops() {
        long d = drops;
        drops = 0;
        return d;
    }

    @Override
    public void close() {
        heldCount = 0;
        super.close();   // unmaps the rings
    }

    private void giveBack(long slot) {
        VarHandle.releaseFence();              // our reads of the slot happen before the kernel may refill it
        ring.putInt(slot + Tpacket2Frame.STATUS, Tpacket2Frame.TP_STATUS_KERNEL);
    }

    /** Frames the kernel dropped since the last call for want of a free slot (PACKET_STATISTICS resets on read). */
    private long kernelDrops() {
        statsLen.putInt(0, 8);
        if (c.getsockopt(fd(), PacketSocket.SOL_PACKET, PACKET_STATISTICS, stats, statsLen) < 0) return 0;
        return Integer.toUnsignedLong(stats.getInt(4));   // struct tpacket_stats { tp_packets; tp_drops; }
    }
}
