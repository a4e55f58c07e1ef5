package rose.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linux tier (root): frames sent into one end of a veth pair come out of the other end's
 * PACKET_RX_RING byte for byte, and frames the full ring had no room for are counted, not lost
 * silently. The ends have IPv6 off before they come up, so the kernel sends nothing of its own.
 */
class RxRingLinuxTest {
    private static final String A = "roserng0", B = "roserng1";

    @BeforeEach
    void veth() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.afPacket() && LinuxNet.isRoot(), () -> "ring test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        cleanup();
        LinuxNet.quietVeth(A, B);
    }

    @AfterEach
    void cleanup() {
        LinuxNet.deleteLink(A);
    }

    private static byte[] frame(int len, int n) {
        return LinuxNet.testFrame(len, n);
    }

    private static void send(FrameChannel tx, byte[][] frames) {
        for (int i = 0; i < frames.length; ) {
            int n = 0;
            for (; n < tx.batchCapacity() && i + n < frames.length; n++) assertTrue(tx.stage(n, frames[i + n], 0, frames[i + n].length));
            assertEquals(n, tx.writeBatch(n));
            i += n;
        }
    }

    @Test
    void framesComeOutOfTheRingAsTheyWentIn() throws Exception {
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 20, 0); FrameChannel tx = PacketSocket.open(B, false, 0, 0)) {
            assertTrue(PacketSocket.hasRxRing(rx), "the kernel took the ring");
            byte[][] sent = new byte[300][];
            for (int i = 0; i < sent.length; i++) sent[i] = frame(60 + (i * 97) % 1455, i);   // 60..1514 octets
            send(tx, sent);
            int got = 0;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (got < sent.length && System.nanoTime() < deadline) {
                int n = rx.readBatch(32);
                for (int k = 0; k < n; k++, got++) {
                    byte[] f = new byte[rx.batchLength(k)];
                    rx.copyFromBatch(k, f, 0);
                    assertArrayEquals(sent[got], f, "frame " + got);
                }
                rx.releaseBatch();
            }
            assertEquals(sent.length, got);
            assertEquals(0, rx.takeDrops());
            assertEquals(-Errno.EAGAIN, rx.readBatch(32), "nothing more");
        }
    }

    @Test
    void framesTheFullRingHadNoRoomForAreCounted() throws Exception {
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 16, 0); FrameChannel tx = PacketSocket.open(B, false, 0, 0)) {
            int slots = ((RxRingChannel) rx).frames();
            assertEquals(32, slots, "64 KiB of 2 KiB slots");
            byte[][] sent = new byte[100][];
            for (int i = 0; i < sent.length; i++) sent[i] = frame(200, i);
            send(tx, sent);                                // nobody reads meanwhile: 32 fit, 68 do not
            int got = 0;
            for (int n; (n = rx.readBatch(32)) > 0; ) {
                for (int k = 0; k < n; k++, got++) {
                    byte[] f = new byte[rx.batchLength(k)];
                    rx.copyFromBatch(k, f, 0);
                    assertArrayEquals(sent[got], f, "the first frames are the ones kept, in order");
                }
                rx.releaseBatch();
            }
            assertEquals(slots, got);
            // the kernel tells us of its drops on the next frame it lands ( TP_STATUS_LOSING )
            send(tx, new byte[][] {frame(200, 1000)});
            assertEquals(1, rx.readBatch(32));
            rx.releaseBatch();
            assertEquals(sent.length - slots, rx.takeDrops());
        }
    }

    @Test
    void theRingCanBeTurnedOff() throws Exception {
        try (FrameChannel rx = PacketSocket.open(A, false, 0, 0)) {
            assertTrue(!PacketSocket.hasRxRing(rx));
        }
    }
}
