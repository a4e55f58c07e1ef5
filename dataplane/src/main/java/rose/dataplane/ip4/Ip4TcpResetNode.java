package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * {@code action=reject reject-with=tcp-reset}: turns the rejected TCP segment into the RST that
 * answers it, in place, and sends it back to the sender as the router's own packet (from the
 * address the segment was sent to, so the sender's stack accepts it), as Linux's REJECT does.
 *
 * <p>RFC 793 §3.4 (Reset Generation): if the segment carried an ACK the reset takes its
 * sequence number from that ACK field; otherwise its sequence number is zero and it acknowledges
 * everything the segment occupied (SEG.SEQ + SEG.LEN, where SYN and FIN count one each). No
 * reset answers a reset, a later fragment, or a packet from/to a broadcast or multicast address.
 */
public final class Ip4TcpResetNode implements Node {
    public static final String NAME = "ip4-tcp-reset";
    static final int RST_LENGTH = Ip4.MIN_HEADER + 20;
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

    public enum Drop implements DropReason { SUPPRESSED, MALFORMED }

    private int nextId = 1;

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4OutputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            int ihl = Ip4.headerLength(a, l3), total = Ip4.totalLength(a, l3);
            if (Ip4.protocol(a, l3) != Ip4.PROTO_TCP || ihl < Ip4.MIN_HEADER || total > m.length(h) || total < ihl + 20) {
                v.drop(i, Drop.MALFORMED);
                continue;
            }
            int tcp = l3 + ihl;
            int flags = a[tcp + 13] & 0xff, doff = ((a[tcp + 12] & 0xff) >>> 4) * 4;
            int src = Ip4.src(a, l3), dst = Ip4.dst(a, l3);
            if ((flags & RST) != 0 || Ip4.isLaterFragment(a, l3) || m.hasFlag(h, PacketMeta.F_L2_BCAST)
                    || src == 0 || Ip4.isMulticastOrBroadcast(src) || Ip4.isMulticastOrBroadcast(dst) || doff < 20 || ihl + doff > total) {
                v.drop(i, Drop.SUPPRESSED);
                continue;
            }
            int sport = Bytes.u16(a, tcp), dport = Bytes.u16(a, tcp + 2);
            long seq = Bytes.i32(a, tcp + 4) & 0xffffffffL, ack = Bytes.i32(a, tcp + 8) & 0xffffffffL;
            long segLen = total - ihl - doff + ((flags & SYN) != 0 ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
            boolean hadAck = (flags & ACK) != 0;

            int r = l3 + Ip4.MIN_HEADER;                     // the reset replaces the segment where it lies
            java.util.Arrays.fill(a, r, r + 20, (byte) 0);
            Bytes.put16(a, r, dport);
            Bytes.put16(a, r + 2, sport);
            Bytes.put32(a, r + 4, hadAck ? (int) ack : 0);
            Bytes.put32(a, r + 8, hadAck ? 0 : (int) (seq + segLen));
            a[r + 12] = 0x50;
            a[r + 13] = (byte) (hadAck ? RST : RST | ACK);
            Ip4.writeHeader(a, l3, RST_LENGTH, nextId++ & 0xffff, Ip4.FLAG_DF, Ip4.DEFAULT_TTL, Ip4.PROTO_TCP, dst, src);
            long acc = Checksum.sum(a, l3 + Ip4.SRC, 8, 0) + Ip4.PROTO_TCP + 20;
            Bytes.put16(a, r + 16, ~Checksum.fold(Checksum.sum(a, r, 20, acc)) & 0xffff);
            m.length(h, RST_LENGTH);
            m.l4(h, r);
            Ip4Origin.restartAsLocal(m, h);
            v.next(i, 0);
        }
    }
}
