package rose.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The PACKET_TX_RING writer against a block built by hand as the kernel's tpacket_snd reads it
 * (tp_status at 0, tp_len at 4, the frame at 32), with the kernel's part played by the test:
 * taking slots (SENDING, then AVAILABLE when the skb is freed), stopping at a full send buffer,
 * dropping a malformed frame under PACKET_LOSS.
 */
class TxRingTest {
    private static final int SLOT = 2048, FRAMES = 4;

    private final Pointer mem = Memory.allocateDirect(Native.runtime(), (long) SLOT * FRAMES);
    private final ByteBuffer view = Native.view(mem.address(), (long) SLOT * FRAMES);
    private final TxRing ring = new TxRing(mem, view, FRAMES, SLOT, 1518, 32);

    private static byte[] frame(int len, int seed) {
        byte[] f = new byte[len];
        new SplittableRandom(seed).nextBytes(f);
        return f;
    }

    private byte[] block() {
        byte[] b = new byte[SLOT * FRAMES];
        view.get(0, b);
        return b;
    }

    private int status(int slot) {
        return mem.getInt((long) slot * SLOT + TxRing.STATUS);
    }

    private void kernelSets(int slot, int status) {
        mem.putInt((long) slot * SLOT + TxRing.STATUS, status);
    }

    @Test
    void framesLandWhereTheKernelReadsThem() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] a = frame(60, 1), b = frame(1518, 2);
        assertTrue(ring.stage(0, a, 0, a.length));
        assertTrue(ring.stage(1, b, 0, b.length));
        ByteBuffer want = ByteBuffer.allocate(SLOT * FRAMES).order(ByteOrder.nativeOrder());
        want.putInt(0, 0).putInt(4, 60).put(32, a);                    // still ours: not yet SEND_REQUEST
        want.putInt(SLOT, 0).putInt(SLOT + 4, 1518).put(SLOT + 32, b);
        assertArrayEquals(want.array(), block());
        ring.submit(2);
        want.putInt(0, TxRing.TP_STATUS_SEND_REQUEST).putInt(SLOT, TxRing.TP_STATUS_SEND_REQUEST);
        assertArrayEquals(want.array(), block(), "both handed to the kernel, nothing else touched");
    }

    @Test
    void slotsAreTakenInOrderRoundTheRingAndOnlyWhenTheKernelGaveThemBack() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] f = frame(100, 3);
        for (int k = 0; k < 3; k++) assertTrue(ring.stage(k, f, 0, f.length));
        ring.submit(3);
        kernelSets(0, TxRing.TP_STATUS_AVAILABLE);                     // sent and freed during the send
        kernelSets(1, TxRing.TP_STATUS_SENDING);                       // sent, its skb still queued somewhere
        kernelSets(2, TxRing.TP_STATUS_SENDING);
        assertEquals(3, ring.settle(3, 300, 0));
        assertEquals(3, ring.head());
        assertTrue(ring.stage(0, f, 0, f.length), "slot 3");
        assertTrue(ring.stage(1, f, 0, f.length), "round to slot 0");
        assertFalse(ring.stage(2, f, 0, f.length), "slot 1 is still the kernel's: the ring is full");
        ring.submit(2);
        kernelSets(3, TxRing.TP_STATUS_SENDING);
        kernelSets(0, TxRing.TP_STATUS_SENDING);
        assertEquals(2, ring.settle(2, 200, 0));
        assertEquals(1, ring.head());
        assertFalse(ring.stage(0, f, 0, f.length), "every slot in flight");
        kernelSets(1, TxRing.TP_STATUS_AVAILABLE | 1 << 29);           // freed, with a software timestamp flag
        assertTrue(ring.stage(0, f, 0, f.length), "the destructor gave slot 1 back");
    }

    @Test
    void framesTheKernelDidNotTakeAreDroppedAndTheirSlotsComeBack() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] f = frame(200, 4);
        for (int k = 0; k < 3; k++) assertTrue(ring.stage(k, f, 0, f.length));
        ring.submit(3);
        kernelSets(0, TxRing.TP_STATUS_SENDING);                       // then the send buffer was full: 1 and 2 left
        assertEquals(1, ring.settle(3, 200, 0));
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(1));
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(2));
        assertEquals(1, ring.head(), "the next batch starts where the kernel will look");

        for (int k = 0; k < 2; k++) assertTrue(ring.stage(k, f, 0, f.length));
        ring.submit(2);                                                // the device was down: nothing taken
        assertEquals(-Errno.ENETDOWN, ring.settle(2, -1, Errno.ENETDOWN));
        assertEquals(1, ring.head());
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(1));
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(2));
    }

    @Test
    void aFrameDroppedAsMalformedIsNotCountedAsSent() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] small = frame(300, 5), big = frame(1518, 6);
        assertTrue(ring.stage(0, small, 0, small.length));
        assertTrue(ring.stage(1, big, 0, big.length));
        assertTrue(ring.stage(2, small, 0, small.length));
        ring.submit(3);
        for (int s = 0; s < 3; s++) kernelSets(s, TxRing.TP_STATUS_AVAILABLE);   // PACKET_LOSS freed the big one
        assertEquals(2, ring.settle(3, 600, 0), "600 of 2118 octets went");
        assertEquals(3, ring.head(), "the kernel went past it");
    }

    /** Without PACKET_LOSS the kernel would stop on a malformed frame for good; its slot is taken back as an untaken one. */
    @Test
    void aWrongFormatSlotDoesNotWedgeTheRing() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] f = frame(300, 8);
        for (int k = 0; k < 3; k++) assertTrue(ring.stage(k, f, 0, f.length));
        ring.submit(3);
        kernelSets(0, TxRing.TP_STATUS_SENDING);
        kernelSets(1, TxRing.TP_STATUS_WRONG_FORMAT);                  // the kernel's head stays here; slot 2 untouched
        assertEquals(1, ring.settle(3, -1, Errno.EMSGSIZE));
        assertEquals(1, ring.head(), "the next batch refills the slot the kernel looks at");
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(1));
        assertEquals(TxRing.TP_STATUS_AVAILABLE, status(2));
        assertTrue(ring.stage(0, f, 0, f.length));
    }

    @Test
    void framesOutsideWhatTheKernelTakesAreRefused() {
        mem.setMemory(0, (long) SLOT * FRAMES, (byte) 0);
        byte[] f = frame(2048, 7);
        assertFalse(ring.stage(0, f, 0, 1519), "longer than maxFrame");
        assertFalse(ring.stage(0, f, 0, 13), "no whole Ethernet header");
        assertFalse(ring.stage(32, f, 0, 60), "beyond the batch");
        assertArrayEquals(new byte[SLOT * FRAMES], block(), "nothing written");
        assertEquals(1518, TxRing.maxFrame(2048, 1500));
        assertEquals(2016, TxRing.maxFrame(2048, 9000), "the slot's room");
        assertEquals(16384 - 32, TxRing.maxFrame(PacketRings.slotSize(9000), 9000 + 18 + 32 + 10000));
        assertEquals(9018, TxRing.maxFrame(PacketRings.slotSize(9000), 9000));
    }
}
