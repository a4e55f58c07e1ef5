package rose.os;

import jnr.ffi.Pointer;

/**
 * One slot of a {@code PACKET_RX_RING} in {@code TPACKET_V2} layout (packet_mmap.rst,
 * {@code <linux/if_packet.h>}): a header the kernel writes, then the frame at {@code tp_mac}.
 *
 * <pre>
 *   0  u32 tp_status      TP_STATUS_KERNEL (0): the kernel's to fill; TP_STATUS_USER (1): ours to read
 *   4  u32 tp_len         the frame's length on the wire
 *   8  u32 tp_snaplen     octets of it in the slot (less than tp_len: the slot was too small)
 *  12  u16 tp_mac         offset of the Ethernet header from the slot's start
 *  14  u16 tp_net
 *  16  u32 tp_sec, 20 u32 tp_nsec
 *  24  u16 tp_vlan_tci    the 802.1Q tag the NIC (or veth) took off, when TP_STATUS_VLAN_VALID
 *  26  u16 tp_vlan_tpid   its TPID, when TP_STATUS_VLAN_TPID_VALID (else 0x8100)
 *  28  u8  padding[4]     then a struct sockaddr_ll, then the frame
 * </pre>
 *
 * The kernel writes these headers, but a reader that trusts them would copy from outside the slot
 * if one were ever wrong (another process mapping the ring, a kernel bug): {@link #frameLength}
 * checks every offset against the slot before a byte of the frame is read, as iked checks a
 * length before parsing.
 */
final class Tpacket2Frame {
    static final int TPACKET_V2 = 1;
    /** sizeof(struct tpacket2_hdr). */
    static final int HEADER = 32;
    static final int STATUS = 0, LEN = 4, SNAPLEN = 8, MAC = 12, VLAN_TCI = 24, VLAN_TPID = 26;
    static final int TP_STATUS_KERNEL = 0, TP_STATUS_USER = 1, TP_STATUS_COPY = 2, TP_STATUS_LOSING = 4;
    static final int TP_STATUS_VLAN_VALID = 0x10, TP_STATUS_VLAN_TPID_VALID = 0x40;
    /** The smallest frame we pass on: two MACs and an EtherType. */
    static final int ETHERNET_HEADER = 14;
    static final int VLAN_TAG = 4;
    /** What {@link #frameLength} answers for a slot whose header does not describe a whole frame inside it. */
    static final int BAD = -1;

    private Tpacket2Frame() {}

    static int status(Pointer ring, long slot) {
        return ring.getInt(slot + STATUS);
    }

    /**
     * Octets the frame has once its VLAN tag (if the kernel took one off) is back in place, or
     * {@link #BAD} if the header puts it outside a slot of {@code slotSize} octets, or the slot
     * holds only part of it (a frame longer than the slot, {@code TP_STATUS_COPY}).
     */
    static int frameLength(Pointer ring, long slot, int slotSize) {
        int status = ring.getInt(slot + STATUS);
        long snap = Integer.toUnsignedLong(ring.getInt(slot + SNAPLEN));
        long len = Integer.toUnsignedLong(ring.getInt(slot + LEN));
        int mac = Short.toUnsignedInt(ring.getShort(slot + MAC));
        if ((status & TP_STATUS_COPY) != 0 || snap != len) return BAD;
        if (mac < HEADER || snap < ETHERNET_HEADER || mac + snap > slotSize) return BAD;
        return (int) snap + ((status & TP_STATUS_VLAN_VALID) != 0 ? VLAN_TAG : 0);
    }

    /**
     * Copies the frame of a slot {@link #frameLength} accepted into {@code dst[off..]}, putting the
     * 802.1Q tag back after the two MACs where the kernel had taken it off (on the wire the frame
     * had it; a router must see the frame the wire carried). {@code bytes} is the same ring as a
     * buffer ({@link Native#view}): the frame's octets are copied through it, without a JNI call.
     */
    static void copy(Pointer ring, java.nio.ByteBuffer bytes, long slot, byte[] dst, int off) {
        int status = ring.getInt(slot + STATUS);
        int snap = ring.getInt(slot + SNAPLEN);
        int mac = (int) slot + Short.toUnsignedInt(ring.getShort(slot + MAC));
        if ((status & TP_STATUS_VLAN_VALID) == 0) {
            bytes.get(mac, dst, off, snap);
            return;
        }
        int tpid = (status & TP_STATUS_VLAN_TPID_VALID) != 0 ? Short.toUnsignedInt(ring.getShort(slot + VLAN_TPID)) : 0x8100;
        int tci = Short.toUnsignedInt(ring.getShort(slot + VLAN_TCI));
        bytes.get(mac, dst, off, 12);
        dst[off + 12] = (byte) (tpid >> 8);
        dst[off + 13] = (byte) tpid;
        dst[off + 14] = (byte) (tci >> 8);
        dst[off + 15] = (byte) tci;
        bytes.get(mac + 12, dst, off + 16, snap - 12);
    }
}
