package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.TablesRef;

/**
 * IPv4 fragmentation (RFC 791 §3.2) for packets larger than the outgoing MTU with DF clear.
 * Each fragment is a new buffer carrying the header and an 8-byte-aligned slice of the
 * payload; fragments of a fragment keep its offset and its MF bit. Options are copied
 * into every fragment (simplification: RFC 791 copies only options with the copy flag;
 * options are rare and a receiver ignores duplicates).
 */
public final class Ip4FragNode implements Node {
    public static final String NAME = "ip4-frag";

    public enum Drop implements DropReason { MTU_TOO_SMALL, NO_BUFFER, VECTOR_FULL }

    private final TablesRef tables;

    public Ip4FragNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4RewriteNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            int mtu = tables.get().interfaces().mtu(m.txIf(h));
            int hl = Ip4.headerLength(a, l3);
            int payload = m.length(h) - hl;
            int chunk = (mtu - hl) & ~7;
            if (chunk < 8) { v.drop(i, Drop.MTU_TOO_SMALL); continue; }
            int word = Ip4.fragWord(a, l3);
            int baseOffset = (word & Ip4.OFFSET_MASK) << 3;
            boolean lastHadMf = (word & Ip4.FLAG_MF) != 0;
            for (int off = 0; off < payload; off += chunk) {
                int len = Math.min(chunk, payload - off);
                int f = pool.alloc();
                if (f == PacketPool.NO_HANDLE) { v.countDrop(Drop.NO_BUFFER); break; }
                int start = m.start(f);
                m.copyFrom(h, f, start - l3);
                System.arraycopy(a, l3, a, start, hl);
                System.arraycopy(a, l3 + hl + off, a, start + hl, len);
                boolean more = off + len < payload || lastHadMf;
                Bytes.put16(a, start + Ip4.TOTAL_LENGTH, hl + len);
                Bytes.put16(a, start + Ip4.FRAG, ((baseOffset + off) >>> 3) | (more ? Ip4.FLAG_MF : 0));
                Ip4.setChecksum(a, start);
                m.start(f, start);
                m.l3(f, start);
                m.l4(f, start + hl);
                m.length(f, hl + len);
                m.setFlag(f, PacketMeta.F_FRAGMENT_DONE);
                if (!v.emit(f, 0)) { pool.free(f); v.countDrop(Drop.VECTOR_FULL); break; }
            }
            pool.free(h);
            v.consume(i);
        }
    }
}
