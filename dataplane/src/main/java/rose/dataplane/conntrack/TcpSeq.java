package rose.dataplane.conntrack;

import rose.dataplane.firewall.PacketFields;
import rose.dataplane.ip4.Checksum;

/** Rewrites TCP sequence fields in place with incremental checksum updates (RFC 1624). */
final class TcpSeq {
    private TcpSeq() {}

    private static final int SACK = 5;

    /** Writes {@code value} at {@code f.l4 + off} (4: seq, 8: ack). */
    static void put(PacketFields f, int off, int value) { put32(f, f.l4 + off, value); }

    private static void put32(PacketFields f, int at, int value) {
        byte[] b = f.buf;
        int old = PacketFields.i32(b, at);
        if (old == value) return;
        PacketFields.put32(b, at, value);
        int ck = f.l4 + 16;
        PacketFields.put16(b, ck, Checksum.update32(PacketFields.u16(b, ck), old, value));
    }

    /**
     * SACK blocks acknowledge the other direction's sequence space, so each edge is corrected as an
     * ack is (nf_ct_sack_adjust). Options are walked with every length checked; a malformed option
     * list stops the walk and leaves the rest alone.
     */
    static void adjustSack(PacketFields f, SeqAdjustments adj, int slot, int dir) {
        byte[] b = f.buf;
        int doff = ((b[f.l4 + 12] & 0xff) >>> 4) * 4;
        int o = f.l4 + 20, end = f.l4 + doff;
        while (o < end) {
            int kind = b[o] & 0xff;
            if (kind == 0) return;
            if (kind == 1) { o++; continue; }
            if (o + 1 >= end) return;
            int len = b[o + 1] & 0xff;
            if (len < 2 || o + len > end) return;
            if (kind == SACK && len >= 10 && (len - 2) % 8 == 0) {
                for (int e = o + 2; e < o + len; e += 4) {
                    int edge = PacketFields.i32(b, e);
                    int off = adj.ackOffset(slot, dir, edge);
                    if (off != 0) put32(f, e, edge - off);
                }
            }
            o += len;
        }
    }
}
