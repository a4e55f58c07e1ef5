package rose.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The PACKET_RX_RING slot reader against slots built by hand as the kernel's tpacket_rcv fills
 * them (header, sockaddr_ll, the frame at tp_mac = 66), and against random headers.
 */
class Tpacket2FrameTest {
    private static final int SLOT = 2048;
    private static final int MAC = 66;   // TPACKET_ALIGN(32 + 20 + 16) - 14: where the kernel puts an Ethernet frame

    private final Pointer ring = Memory.allocateDirect(Native.runtime(), 2L * SLOT);
    private final java.nio.ByteBuffer bytes = Native.view(ring.address(), 2L * SLOT);

    private static byte[] frame(int len, int seed) {
        byte[] f = new byte[len];
        new SplittableRandom(seed).nextBytes(f);
        return f;
    }

    private void fill(long slot, int status, byte[] f, int len, int snap, int mac) {
        ring.setMemory(slot, SLOT, (byte) 0);
        ring.putInt(slot + Tpacket2Frame.STATUS, status);
        ring.putInt(slot + Tpacket2Frame.LEN, len);
        ring.putInt(slot + Tpacket2Frame.SNAPLEN, snap);
        ring.putShort(slot + Tpacket2Frame.MAC, (short) mac);
        ring.put(slot + mac, f, 0, Math.min(f.length, SLOT - mac));
    }

    @Test
    void aFrameInItsSlotIsCopiedOutAsItCame() {
        byte[] f = frame(1514, 1);
        fill(SLOT, Tpacket2Frame.TP_STATUS_USER, f, 1514, 1514, MAC);
        assertEquals(1514, Tpacket2Frame.frameLength(ring, SLOT, SLOT));
        byte[] out = new byte[1514 + 8];
        Tpacket2Frame.copy(ring, bytes, SLOT, out, 8);
        assertArrayEquals(f, Arrays.copyOfRange(out, 8, 8 + 1514));
    }

    @Test
    void aVlanTagTheKernelTookOffIsPutBackAfterTheMacs() {
        byte[] f = frame(64, 2);
        fill(0, Tpacket2Frame.TP_STATUS_USER | Tpacket2Frame.TP_STATUS_VLAN_VALID, f, 64, 64, MAC);
        ring.putShort(Tpacket2Frame.VLAN_TCI, (short) 0x6064);          // priority 3, VLAN 100
        assertEquals(68, Tpacket2Frame.frameLength(ring, 0, SLOT));
        byte[] out = new byte[68];
        Tpacket2Frame.copy(ring, bytes, 0, out, 0);
        assertArrayEquals(Arrays.copyOfRange(f, 0, 12), Arrays.copyOfRange(out, 0, 12));
        assertArrayEquals(new byte[] {(byte) 0x81, 0x00, 0x60, 0x64}, Arrays.copyOfRange(out, 12, 16));
        assertArrayEquals(Arrays.copyOfRange(f, 12, 64), Arrays.copyOfRange(out, 16, 68));

        // an 802.1ad outer tag keeps its TPID
        fill(0, Tpacket2Frame.TP_STATUS_USER | Tpacket2Frame.TP_STATUS_VLAN_VALID | Tpacket2Frame.TP_STATUS_VLAN_TPID_VALID, f, 64, 64, MAC);
        ring.putShort(Tpacket2Frame.VLAN_TCI, (short) 10);
        ring.putShort(Tpacket2Frame.VLAN_TPID, (short) 0x88a8);
        Tpacket2Frame.copy(ring, bytes, 0, out, 0);
        assertArrayEquals(new byte[] {(byte) 0x88, (byte) 0xa8, 0x00, 0x0a}, Arrays.copyOfRange(out, 12, 16));
    }

    @Test
    void aFrameThatDoesNotWhollyFitItsSlotIsRefused() {
        byte[] f = frame(SLOT, 3);
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, 9014, SLOT - MAC, MAC);                   // cut to the slot
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER | Tpacket2Frame.TP_STATUS_COPY, f, 1514, 1514, MAC);
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, 1514, 1514, SLOT - 1000);                 // runs past the slot
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, 60, 60, 8);                               // inside the header
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, 13, 13, MAC);                             // no whole Ethernet header
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, -1, -1, MAC);                             // 4 GiB, not -1
        assertEquals(Tpacket2Frame.BAD, Tpacket2Frame.frameLength(ring, 0, SLOT));
        fill(0, Tpacket2Frame.TP_STATUS_USER, f, SLOT - MAC, SLOT - MAC, MAC);             // exactly to the end: fine
        assertEquals(SLOT - MAC, Tpacket2Frame.frameLength(ring, 0, SLOT));
    }

    /**
     * Random headers (and random bytes) in a slot: whatever the header says, an accepted frame lies
     * inside the slot, after the header, and copying it writes exactly the length it was given.
     */
    @Test
    void randomHeadersNeverLeadOutsideTheSlot() {
        SplittableRandom r = new SplittableRandom(0x5eed);
        byte[] junk = new byte[SLOT];
        byte[] out = new byte[SLOT + 4 + 16];
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            r.nextBytes(junk);
            ring.put(0, junk, 0, SLOT);
            if (r.nextBoolean()) {                     // plausible headers too, so the accepting branch is exercised
                int snap = r.nextInt(SLOT + 64);
                ring.putInt(Tpacket2Frame.LEN, snap);
                ring.putInt(Tpacket2Frame.SNAPLEN, r.nextInt(8) == 0 ? snap + 1 : snap);
                ring.putShort(Tpacket2Frame.MAC, (short) r.nextInt(SLOT + 64));
                ring.putInt(Tpacket2Frame.STATUS, r.nextInt(0x80));
            }
            int len = Tpacket2Frame.frameLength(ring, 0, SLOT);
            if (len == Tpacket2Frame.BAD) continue;
            accepted++;
            int mac = Short.toUnsignedInt(ring.getShort(Tpacket2Frame.MAC));
            int snap = ring.getInt(Tpacket2Frame.SNAPLEN);
            assertTrue(mac >= Tpacket2Frame.HEADER && mac + snap <= SLOT && snap >= 14, "accepted " + mac + "+" + snap);
            Arrays.fill(out, (byte) 0x5a);
            Tpacket2Frame.copy(ring, bytes, 0, out, 8);
            for (int k = 8 + len; k < out.length; k++) assertEquals((byte) 0x5a, out[k], "wrote past the frame's length");
            for (int k = 0; k < 8; k++) assertEquals((byte) 0x5a, out[k]);
        }
        assertTrue(accepted > 1000, "the accepting branch ran: " + accepted);
    }
}
