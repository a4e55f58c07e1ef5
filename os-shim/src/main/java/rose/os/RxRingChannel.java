package rose.os;

import java.lang.invoke.VarHandle;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An AF_PACKET {@link FrameChannel} that receives through a {@code PACKET_RX_RING} shared with the
 * kernel (packet_mmap.rst) and sends with {@code sendmmsg} as {@link MmsgChannel} does.
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
    static final int PACKET_RX_RING = 5, PACKET_STATISTICS = 6, PACKET_VERSION = 10;
    static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
    static final int BLOCK = 1 << 16;
    /** sizeof(struct tpacket_req): block_size, block_nr, frame_size, frame_nr. */
    private static final int TPACKET_REQ = 16;

    private final Pointer ring;
    /** The ring as a buffer, for copying frames out without a JNI call per frame ({@link Native#view}). */
    private final java.nio.ByteBuffer ringBytesView;
    private final long ringAddress;
    private final long ringBytes;
    private final int frames;
    private final int frameSize;
    private final long[] held = new long[BATCH];
    private final Pointer stats = Memory.allocateDirect(Native.runtime(), 8);
    private final Pointer statsLen = Memory.allocateDirect(Native.runtime(), 4);
    private int heldCount;
    private int next;
    private long drops;

    private RxRingChannel(int fd, String name, int txSlotSize, long address, long bytes, int frameSize, int frames) {
        super(fd, name, txSlotSize);
        this.ringAddress = address;
        this.ringBytes = bytes;
        // unbounded: every offset is a slot's (index times slot size, below the ring's end) or inside one as
        // Tpacket2Frame checked; a bounded pointer would check each of those reads again, per frame
        this.ring = Pointer.wrap(Native.runtime(), address);
        this.ringBytesView = Native.view(address, bytes);
        this.frameSize = frameSize;
        this.frames = frames;
    }

    /**
     * Slot size for frames of an interface of MTU {@code mtu}: the ring header, the sockaddr_ll and
     * the kernel's alignment (the frame starts at 66), an Ethernet header with a VLAN tag, then the
     * MTU; a power of two so that slots tile the blocks.
     */
    static int slotSize(int mtu) {
        int need = 96 + 18 + Math.max(mtu, 1500);
        return Math.max(2048, Integer.highestOneBit(need - 1) << 1);
    }

    /**
     * Puts a ring of about {@code ringBytes} on the unbound packet socket {@code fd}; the caller
     * closes {@code fd} if this throws.
     */
    static RxRingChannel attach(int fd, String name, int mtu, int ringBytes, int txSlotSize) throws NativeException {
        LibC c = Native.libc();
        int frameSize = slotSize(mtu);
        int block = Math.max(BLOCK, frameSize);
        int blocks = Math.max(1, ringBytes / block);
        int frames = blocks * (block / frameSize);
        Pointer v = Memory.allocateDirect(Native.runtime(), 4);
        v.putInt(0, Tpacket2Frame.TPACKET_V2);
        if (c.setsockopt(fd, PacketSocket.SOL_PACKET, PACKET_VERSION, v, 4) < 0) throw Native.error("setsockopt PACKET_VERSION", name);
        Pointer req = Memory.allocateDirect(Native.runtime(), TPACKET_REQ);
        req.putInt(0, block);
        req.putInt(4, blocks);
        req.putInt(8, frameSize);
        req.putInt(12, frames);
        if (c.setsockopt(fd, PacketSocket.SOL_PACKET, PACKET_RX_RING, req, TPACKET_REQ) < 0) throw Native.error("setsockopt PACKET_RX_RING", name);
        long bytes = (long) block * blocks;
        long address = c.mmap(null, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (address == -1L) throw Native.error("mmap PACKET_RX_RING", name);
        return new RxRingChannel(fd, name, txSlotSize, address, bytes, frameSize, frames);
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
        if (fd() >= 0) {
            heldCount = 0;
            c.munmap(ringAddress, ringBytes);
        }
        super.close();
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
