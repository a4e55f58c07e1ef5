package rose.dataplane.conntrack.helper;

import rose.dataplane.firewall.PacketFields;

/**
 * One PPTP control message (RFC 2637 §2), read with its length checked before any field:
 * <pre>
 *  0      Length | PPTP Message Type (1 = control)
 *  4      Magic Cookie 0x1A2B3C4D
 *  8      Control Message Type | Reserved0
 *  12     the message: Call ID / Peer's Call ID at 12 and 14 as the type says
 * </pre>
 * Only the messages that carry call IDs are named; their lengths are RFC 2637's.
 */
public final class PptpMessage {
    public static final int OUT_CALL_REQUEST = 7, OUT_CALL_REPLY = 8, IN_CALL_REQUEST = 9, IN_CALL_REPLY = 10,
            IN_CALL_CONNECTED = 11, CALL_CLEAR_REQUEST = 12, CALL_DISCONNECT_NOTIFY = 13, WAN_ERROR_NOTIFY = 14,
            SET_LINK_INFO = 15;
    private static final int MAGIC = 0x1A2B3C4D;
    private static final int[] LENGTH = new int[16];
    static {
        LENGTH[OUT_CALL_REQUEST] = 168; LENGTH[OUT_CALL_REPLY] = 32; LENGTH[IN_CALL_REQUEST] = 220; LENGTH[IN_CALL_REPLY] = 24;
        LENGTH[IN_CALL_CONNECTED] = 28; LENGTH[CALL_CLEAR_REQUEST] = 16; LENGTH[CALL_DISCONNECT_NOTIFY] = 148;
        LENGTH[WAN_ERROR_NOTIFY] = 40; LENGTH[SET_LINK_INFO] = 24;
    }

    /** Offset of the message, its type (0 for one without call IDs) and length. */
    public int at, type, length;

    /** Reads the message at {@code off}; false when none fits in {@code [off, end)} or it is malformed. */
    public boolean read(byte[] b, int off, int end) {
        if (off < 0 || end > b.length || end - off < 12) return false;
        int len = PacketFields.u16(b, off);
        if (len < 12 || len > end - off) return false;
        if (PacketFields.u16(b, off + 2) != 1 || PacketFields.i32(b, off + 4) != MAGIC) return false;
        int t = PacketFields.u16(b, off + 8);
        at = off;
        length = len;
        type = t < LENGTH.length && LENGTH[t] != 0 && len >= LENGTH[t] ? t : 0;   // a short one names nothing
        return true;
    }

    /** The 16-bit field at {@code 12 + 2 * index} of the message (0: Call ID or Peer's Call ID, 1: Peer's Call ID). */
    public int id(byte[] b, int index) { return PacketFields.u16(b, at + 12 + 2 * index); }

    /** Offset of that field. */
    public int idOffset(int index) { return at + 12 + 2 * index; }

    /** Outgoing-Call-Reply's Result Code: 1 = Connected. */
    public int resultCode(byte[] b) { return b[at + 16] & 0xff; }
}
