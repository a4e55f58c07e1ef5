package rose.os;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

import jnr.ffi.Pointer;

/**
 * The {@code PACKET_TX_RING} of an AF_PACKET socket in {@code TPACKET_V2} layout (packet_mmap.rst,
 * "TX ring"): frames are written into slots the kernel shares with us, and one
 * {@code send(fd, NULL, 0, MSG_DONTWAIT)} hands every filled slot to the kernel at once.
 *
 * <p>Why: {@code sendmmsg} copies every message header and iovec in, then allocates an skb and
 * copies the frame into it ({@code packet_snd}); the ring's {@code tpacket_snd} builds the skb
 * around the slot's pages instead, and a batch costs one call however long it is. A NIC then sends
 * from those pages by DMA. A veth cannot: it copies them into a page allocated per frame before it
 * hands the frame to its peer ({@code skb_orphan_frags}, so the slot can be reused), which costs
 * more than the copy saved: 3-5 % more CPU per frame than {@code sendmmsg} for the send and the
 * delivery (bench {@code AfPacketSendCpuAB}). Hence opt-in ({@link PacketSocket#txRingFrames}).
 *
 * <pre>
 *   slot:  0  u32 tp_status   ours when AVAILABLE (0); SEND_REQUEST (1) hands it to the kernel;
 *                             SENDING (2) while its skb lives; WRONG_FORMAT (4) not with PACKET_LOSS
 *          4  u32 tp_len      the frame's length
 *          8  u32 tp_snaplen  (receive only)
 *         32  the frame       TPACKET_ALIGN(sizeof(struct tpacket2_hdr)): where tpacket_parse_header
 *                             looks when PACKET_TX_HAS_OFF is not set
 * </pre>
 *
 * <ol>
 *   <li>{@link #stage} writes frame {@code k} of a batch into slot {@code head + k}, if that slot is
 *       AVAILABLE. It is not while the kernel still holds the skb built on it (the skb's destructor
 *       frees the slot, which can be well after the send: a frame queued behind a busy peer): the
 *       ring is full and the frame is refused, as a NIC whose TX ring is full drops. Slots are taken
 *       strictly in order because the kernel walks them in order from its own head.</li>
 *   <li>{@link #submit} marks the staged slots SEND_REQUEST (after a release fence: the frame's
 *       bytes first); the caller kicks the kernel with one {@code send}.</li>
 *   <li>{@link #settle} reads what the kernel made of them. It stops at the first slot it could not
 *       take (the socket's send buffer full, or the device refused the frame: ENOBUFS, ENETDOWN),
 *       leaving it and the rest SEND_REQUEST and its head on the first. Those frames are dropped,
 *       as {@code sendmmsg} drops the rest of a batch: their slots go back to AVAILABLE and our head
 *       back to the kernel's, so the next batch starts where the kernel will look. (Left
 *       SEND_REQUEST, they would go out with some later batch, seconds later on a quiet port.)</li>
 *   <li>A frame the kernel finds malformed would stop the ring for good (WRONG_FORMAT, the kernel's
 *       head stuck on it): the socket sets {@code PACKET_LOSS}, so the kernel frees the slot and goes
 *       on. The send's return (the octets it sent) then falls short of what was taken; the frames
 *       that account for the difference are counted as not sent. (Were PACKET_LOSS ever not
 *       honoured, a WRONG_FORMAT slot is taken back as an untaken one: the next batch refills it.)</li>
 * </ol>
 *
 * The socket must not set {@code PACKET_QDISC_BYPASS}: that would skip the user's tc shaping.
 */
final class TxRing {
    static final int PACKET_TX_RING = 13, PACKET_LOSS = 14;
    static final int TP_STATUS_AVAILABLE = 0, TP_STATUS_SEND_REQUEST = 1, TP_STATUS_SENDING = 2, TP_STATUS_WRONG_FORMAT = 4;
    /** The status bits that say who owns a slot; the rest are timestamp flags the destructor may add. */
    static final int OWNER_BITS = 7;
    static final int STATUS = 0, LEN = 4;
    /** Offset of the frame in a slot: TPACKET_ALIGN(sizeof(struct tpacket2_hdr)). */
    static final int DATA = 32;

    private final Pointer ring;
    private final java.nio.ByteBuffer bytes;
    private final int frames;
    private final int frameSize;
    private final int maxFrame;
    private final int[] lengths;
    private final int[] scratch;
    private int head;

    /**
     * @param ring the ring's first slot (unbounded: every offset used is a slot's, below the ring's end)
     * @param bytes the same memory as a buffer, for copying frames in without a JNI call per frame
     * @param maxFrame the longest frame handed to the kernel: the slot's room, or less (see {@link #maxFrame})
     */
    TxRing(Pointer ring, java.nio.ByteBuffer bytes, int frames, int frameSize, int maxFrame, int batch) {
        if (frames <= 0 || frameSize <= DATA || maxFrame > frameSize - DATA) throw new IllegalArgumentException("tx ring " + frames + "x" + frameSize + " max " + maxFrame);
        this.ring = ring;
        this.bytes = bytes;
        this.frames = frames;
        this.frameSize = frameSize;
        this.maxFrame = maxFrame;
        this.lengths = new int[batch];
        this.scratch = new int[batch];
    }

    /**
     * The longest frame to hand to a ring of {@code frameSize} slots on an interface of MTU {@code mtu}:
     * the slot's room, and no more than the kernel takes (MTU, Ethernet header, one VLAN tag):
     * tpacket_snd refuses a longer frame with a kernel log line (pr_err) per frame, so it is refused
     * here instead, as sendmmsg's EMSGSIZE refused it.
     */
    static int maxFrame(int frameSize, int mtu) {
        return Math.min(frameSize - DATA, mtu + Tpacket2Frame.ETHERNET_HEADER + Tpacket2Frame.VLAN_TAG);
    }

    int frames() { return frames; }

    int frameSize() { return frameSize; }

    int maxFrame() { return maxFrame; }

    /** Index of the slot the next batch's first frame goes to (the kernel's head, between batches). */
    int head() { return head; }

    private long slot(int k) {
        int i = head + k;
        if (i >= frames) i -= frames;
        return (long) i * frameSize;
    }

    /**
     * Puts frame {@code k} of the batch being built into its slot; false if the frame is shorter than
     * an Ethernet header, longer than {@link #maxFrame}, or its slot is still the kernel's (the ring is
     * full). The caller counts a refused frame as dropped.
     */
    boolean stage(int k, byte[] src, int off, int len) {
        if (k >= lengths.length || k >= frames || len < Tpacket2Frame.ETHERNET_HEADER || len > maxFrame) return false;
        long slot = slot(k);
        if ((ring.getInt(slot + STATUS) & OWNER_BITS) != TP_STATUS_AVAILABLE) return false;
        VarHandle.acquireFence();              // the kernel is done with the slot's bytes before we overwrite them
        bytes.put((int) slot + DATA, src, off, len);
        ring.putInt(slot + LEN, len);
        lengths[k] = len;
        return true;
    }

    /** Hands staged frames {@code 0..count-1} to the kernel; the caller then kicks it with one send. */
    void submit(int count) {
        VarHandle.releaseFence();              // the frames and lengths are written before the kernel may see SEND_REQUEST
        for (int k = 0; k < count; k++) ring.putInt(slot(k) + STATUS, TP_STATUS_SEND_REQUEST);
    }

    /**
     * After the kick: how many of the {@code count} submitted frames went, or {@code -errno} if none
     * did. {@code sent} is what send returned (octets the kernel sent, or -1 with {@code errno}).
     * Slots the kernel did not take are given back to us and the head follows the kernel's.
     */
    int settle(int count, long sent, int errno) {
        int taken = 0;
        for (; taken < count; taken++) {
            int owner = ring.getInt(slot(taken) + STATUS) & OWNER_BITS;
            // WRONG_FORMAT only without PACKET_LOSS: the kernel's head is stuck on that slot as on an untaken one
            if (owner == TP_STATUS_SEND_REQUEST || owner == TP_STATUS_WRONG_FORMAT) break;
        }
        // between sends the kernel does not touch these slots: ours to take back
        for (int k = taken; k < count; k++) ring.putInt(slot(k) + STATUS, TP_STATUS_AVAILABLE);
        int went = taken;
        if (sent >= 0 && taken > 0) went -= discarded(taken, sent);
        head += taken;
        if (head >= frames) head -= frames;
        if (went == 0 && sent < 0) return -errno;
        return went;
    }

    /**
     * Frames of the {@code taken} the kernel dropped as malformed (PACKET_LOSS): their octets are
     * missing from {@code sent}. A frame is malformed here only by being too long for the device (its
     * MTU lowered since the port opened), so the longest frames are the ones counted.
     */
    private int discarded(int taken, long sent) {
        long total = 0;
        for (int k = 0; k < taken; k++) total += lengths[k];
        long missing = total - sent;
        if (missing <= 0) return 0;
        System.arraycopy(lengths, 0, scratch, 0, taken);
        Arrays.sort(scratch, 0, taken);
        int n = 0;
        for (int k = taken - 1; k >= 0 && missing > 0; k--, n++) missing -= scratch[k];
        return n;
    }
}
