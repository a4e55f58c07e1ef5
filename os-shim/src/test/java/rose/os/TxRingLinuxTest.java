package rose.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linux tier (root): frames sent through one end's PACKET_TX_RING come out of the other end of the
 * veth pair byte for byte and in order, round the ring many times; a ring whose slots the kernel
 * still holds refuses frames and takes them again once it lets go; a frame the kernel finds
 * malformed is not counted as sent and does not stop the ring; the ring can be turned off, and a
 * kernel that refuses it leaves sendmmsg. The ends have IPv6 off, so the kernel sends nothing of its own.
 */
class TxRingLinuxTest {
    private static final String A = "rosetxr0", B = "rosetxr1";
    private static final int ETHERTYPE = 0x88b5;   // IEEE 802 local experimental

    @BeforeEach
    void veth() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.afPacket() && LinuxNet.isRoot(), () -> "tx ring test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        cleanup();
        LinuxNet.quietVeth(A, B);
    }

    @AfterEach
    void cleanup() {
        System.clearProperty("rose.port.tx-ring");
        LinuxNet.deleteLink(A);
    }

    private static byte[] frame(int len, int n) {
        return LinuxNet.testFrame(len, n);
    }

    /** Everything the receive ring holds within {@code millis}, until {@code want} frames came. */
    private static List<byte[]> drain(FrameChannel rx, int want, long millis) {
        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (got.size() < want && System.nanoTime() < deadline) {
            int n = rx.readBatch(32);
            for (int k = 0; k < n; k++) {
                byte[] f = new byte[rx.batchLength(k)];
                rx.copyFromBatch(k, f, 0);
                got.add(f);
            }
            rx.releaseBatch();
        }
        return got;
    }

    @Test
    void framesGoOutIntactAndInOrderRoundTheRingManyTimes() throws Exception {
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 21, 0); FrameChannel tx = PacketSocket.open(B, false, 0, 64)) {
            assertTrue(PacketSocket.hasTxRing(tx), "the kernel took the transmit ring");
            TxRing ring = ((MmsgChannel) tx).txRing();
            assertEquals(64, ring.frames(), "two 64 KiB blocks of 2 KiB slots");
            assertEquals(1518, ring.maxFrame(), "MTU 1500, Ethernet header, one VLAN tag");
            int total = 0, at = 0;
            for (int round = 0; round < 40; round++) {           // 40 batches of 32: twenty times round the 64 slots
                byte[][] batch = new byte[32][];
                for (int k = 0; k < 32; k++, total++) {
                    batch[k] = frame(60 + (total * 97) % 1455, total);   // 60..1514 octets
                    assertTrue(tx.stage(k, batch[k], 0, batch[k].length), "frame " + total);
                }
                assertEquals(32, tx.writeBatch(32));
                List<byte[]> got = drain(rx, 32, 2000);
                assertEquals(32, got.size(), "batch " + round);
                for (int k = 0; k < 32; k++, at++) assertArrayEquals(batch[k], got.get(k), "frame " + at);
            }
            assertEquals(total % 64, ring.head(), "the head followed the kernel's round the ring");
            assertEquals(0, rx.takeDrops());
            assertEquals(-Errno.EAGAIN, rx.readBatch(32), "nothing more");
            byte[] one = frame(100, 9999);
            assertEquals(100, tx.write(one, 0, one.length), "one frame alone");
            assertArrayEquals(one, drain(rx, 1, 2000).get(0));
        }
    }

    /**
     * A token bucket on the sending end holds the ring's frames in its queue (their skbs alive, so
     * their slots the kernel's): the full ring refuses frames instead of blocking, and takes them
     * again once the bucket has let the queue go.
     */
    @Test
    void aFullRingRefusesFramesAndRecovers() throws Exception {
        // a bucket of one frame, refilled at 800 kbit/s: a frame of 1000 octets every 10 ms
        LinuxNet.run("tc", "qdisc", "add", "dev", B, "root", "tbf", "rate", "800kbit", "burst", "1100", "limit", "100000");
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 20, 0); FrameChannel tx = PacketSocket.open(B, false, 0, 32)) {
            TxRing ring = ((MmsgChannel) tx).txRing();
            assertEquals(32, ring.frames());
            List<byte[]> sent = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 100; i++) {                  // 100 frames at once: the ring's 32 (and the one the bucket let through)
                byte[] f = frame(1000, i);
                if (!tx.stage(0, f, 0, f.length)) {
                    refused++;
                    continue;
                }
                assertEquals(1, tx.writeBatch(1));
                sent.add(f);
            }
            assertTrue(sent.size() >= 32 && sent.size() <= 34, "the ring holds 32 frames the bucket has not let go: " + sent.size());
            assertEquals(100 - sent.size(), refused);
            List<byte[]> got = drain(rx, sent.size(), 5000);   // ~330 ms through the bucket
            assertEquals(sent.size(), got.size());
            for (int i = 0; i < got.size(); i++) assertArrayEquals(sent.get(i), got.get(i), "frame " + i);
            long deadline = System.nanoTime() + 2_000_000_000L;
            byte[] after = frame(1000, 500);
            boolean took = false;
            while (!(took = tx.stage(0, after, 0, after.length)) && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(took, "the ring took frames again");
            assertEquals(1, tx.writeBatch(1));
            assertArrayEquals(after, drain(rx, 1, 2000).get(0));
        }
    }

    @Test
    void aFrameTooBigIsRefusedAndAMalformedOneDoesNotStopTheRing() throws Exception {
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 20, 0); FrameChannel tx = PacketSocket.open(B, false, 0, 64)) {
            byte[] big = frame(1519, 1);
            assertFalse(tx.stage(0, big, 0, big.length), "longer than MTU + header + a VLAN tag");
            assertEquals(-Errno.EMSGSIZE, tx.write(big, 0, big.length));
            assertFalse(tx.stage(0, big, 0, 13), "shorter than an Ethernet header");
            // 1518 octets fit a slot, but untagged the kernel refuses them (MTU 1500 + 14): with PACKET_LOSS it
            // frees the slot and goes on, and the send's octets show the frame did not go
            byte[] untagged = frame(1518, 2);
            byte[] next = frame(300, 3);
            assertTrue(tx.stage(0, next, 0, next.length));
            assertTrue(tx.stage(1, untagged, 0, untagged.length));
            assertTrue(tx.stage(2, next, 0, next.length));
            assertEquals(2, tx.writeBatch(3), "the malformed frame is not counted as sent");
            for (int i = 0; i < 200; i++) {                  // and the ring goes on, round and round
                assertTrue(tx.stage(0, next, 0, next.length));
                assertEquals(1, tx.writeBatch(1), "frame " + i);
            }
            List<byte[]> got = drain(rx, 202, 3000);
            assertEquals(202, got.size());
            for (byte[] f : got) assertArrayEquals(next, f);
            // tagged, the same 1518 octets are a full-size 802.1Q frame the kernel sends
            byte[] tagged = frame(1518, 4);
            tagged[12] = (byte) 0x81;
            tagged[13] = 0x00;
            tagged[16] = (byte) (ETHERTYPE >> 8);
            tagged[17] = (byte) ETHERTYPE;
            assertEquals(1518, tx.write(tagged, 0, tagged.length));
            assertArrayEquals(tagged, drain(rx, 1, 2000).get(0));
        }
    }

    @Test
    void theRingCanBeTurnedOffAndAKernelThatRefusesItLeavesSendmmsg() throws Exception {
        try (FrameChannel tx = PacketSocket.open(B)) {
            assertFalse(PacketSocket.hasTxRing(tx), "off by default (on a veth it costs more than sendmmsg)");
        }
        System.setProperty("rose.port.tx-ring", "true");
        try (FrameChannel tx = PacketSocket.open(B)) {
            assertTrue(PacketSocket.hasTxRing(tx), "-Drose.port.tx-ring=true");
            assertTrue(PacketSocket.hasRxRing(tx), "beside the receive ring, in the same mapping");
        }
        System.setProperty("rose.port.tx-ring", "false");
        try (FrameChannel tx = PacketSocket.open(B)) {
            assertFalse(PacketSocket.hasTxRing(tx), "-Drose.port.tx-ring=false");
        }
        // 2^30 slots: 2^25 blocks of 64 KiB overflow what the kernel accepts (EINVAL)
        try (FrameChannel rx = PacketSocket.open(A, false, 1 << 20, 0); FrameChannel tx = PacketSocket.open(B, false, 1 << 16, 1 << 30)) {
            assertFalse(PacketSocket.hasTxRing(tx), "refused");
            assertTrue(PacketSocket.hasRxRing(tx), "the receive ring stays");
            byte[] f = frame(700, 5);
            assertTrue(tx.stage(0, f, 0, f.length));
            assertEquals(1, tx.writeBatch(1), "sent with sendmmsg");
            assertArrayEquals(f, drain(rx, 1, 2000).get(0));
        }
    }
}
