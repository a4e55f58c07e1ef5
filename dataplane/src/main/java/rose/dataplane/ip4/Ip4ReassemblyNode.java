package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * Reassembles fragments addressed to the router (RFC 791 §3.2, RFC 815's idea of tracking
 * what is still missing) before the input chains, so filter input, IKE and ESP decrypt see
 * whole datagrams, as Linux's defragmentation does for local traffic.
 *
 * <ol>
 *   <li>A datagram is keyed by (source, destination, protocol, id); up to {@link #SLOTS}
 *       are in progress per worker, the oldest evicted when a new one needs room.</li>
 *   <li>Each fragment's payload is copied into one pool buffer at its offset; a bitmap
 *       of 8-byte blocks records what arrived, so duplicates and overlaps (a reordering,
 *       duplicating wire) are harmless.</li>
 *   <li>When the last fragment has arrived and no block is missing, the first fragment's
 *       header is put in front, lengths and checksum fixed, and the datagram goes on.</li>
 * </ol>
 * A datagram must fit one buffer (about 2 KiB here; buffer chains are future work);
 * larger ones are dropped as {@code too-big}. Unfinished datagrams expire after 30 s
 * (Linux's ipfrag_time).
 *
 * <p>What a flood of never-completed fragments can cost is fixed: {@link #SLOTS} datagrams per
 * worker, each in exactly one pool buffer, and nothing allocated; each new datagram beyond that
 * evicts the oldest (counted as {@code evicted}), so memory does not grow with the attack, only
 * the eviction counter does (Ip4ReassemblyNodeTest floods 5000 partial datagrams).
 */
public final class Ip4ReassemblyNode implements Node {
    public static final String NAME = "ip4-reassembly";
    static final int SLOTS = 64;
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    /** Payload starts after room for the largest IPv4 header. */
    private static final int MAX_HEADER = 60;
    private static final int BITMAP_WORDS = 8; // 8 x 64 blocks x 8 bytes = 4 KiB of payload

    public enum Drop implements DropReason { TOO_BIG, NO_BUFFER, EVICTED, TIMEOUT, BAD_FRAGMENT }

    private final int[] src = new int[SLOTS], dst = new int[SLOTS], key = new int[SLOTS];
    private final int[] buffer = new int[SLOTS];
    private final int[] total = new int[SLOTS];
    private final int[] headerLen = new int[SLOTS];
    private final long[] created = new long[SLOTS];
    private final long[] blocks = new long[SLOTS * BITMAP_WORDS];
    private final boolean[] used = new boolean[SLOTS];

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.MANGLE_INPUT.anchor()); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketPool pool = ctx.pool();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        expire(ctx, v);
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            int hl = Ip4.headerLength(a, l3), len = m.length(h) - hl;
            int word = Ip4.fragWord(a, l3);
            int off = (word & Ip4.OFFSET_MASK) << 3;
            boolean more = (word & Ip4.FLAG_MF) != 0;
            if (more && (len & 7) != 0 || len <= 0) { v.drop(i, Drop.BAD_FRAGMENT); continue; }
            int s = find(a, l3);
            if (s < 0) s = open(ctx, v, h, a, l3);
            if (s < 0) { v.drop(i, Drop.NO_BUFFER); continue; }
            int d = buffer[s];
            int payload = pool.base(d) + pool.headroom() + MAX_HEADER;
            if (payload + off + len > pool.end(d) || off + len > BITMAP_WORDS * 64 * 8) {
                release(pool, s);
                v.drop(i, Drop.TOO_BIG);
                continue;
            }
            System.arraycopy(a, l3 + hl, a, payload + off, len);
            mark(s, off, len);
            if (!more) total[s] = off + len;
            if (off == 0) {
                headerLen[s] = hl;
                System.arraycopy(a, l3, a, payload - hl, hl);
                m.copyFrom(h, d, 0); // marks, interface, flags of the first fragment travel on
            }
            pool.free(h);
            v.consume(i);
            if (total[s] > 0 && headerLen[s] > 0 && complete(s)) finish(ctx, v, s, payload);
        }
    }

    private int find(byte[] a, int l3) {
        int s0 = Ip4.src(a, l3), d0 = Ip4.dst(a, l3), k = (Ip4.id(a, l3) << 8) | Ip4.protocol(a, l3);
        for (int s = 0; s < SLOTS; s++) if (used[s] && src[s] == s0 && dst[s] == d0 && key[s] == k) return s;
        return -1;
    }

    private int open(WorkerContext ctx, PacketVector v, int h, byte[] a, int l3) {
        int s = -1;
        for (int i = 0; i < SLOTS; i++) if (!used[i]) { s = i; break; }
        if (s < 0) {
            s = 0;
            for (int i = 1; i < SLOTS; i++) if (created[i] < created[s]) s = i;
            release(ctx.pool(), s);
            v.countDrop(Drop.EVICTED);
        }
        int d = ctx.pool().alloc();
        if (d == PacketPool.NO_HANDLE) return -1;
        used[s] = true;
        src[s] = Ip4.src(a, l3);
        dst[s] = Ip4.dst(a, l3);
        key[s] = (Ip4.id(a, l3) << 8) | Ip4.protocol(a, l3);
        buffer[s] = d;
        total[s] = 0;
        headerLen[s] = 0;
        created[s] = ctx.now();
        for (int w = 0; w < BITMAP_WORDS; w++) blocks[s * BITMAP_WORDS + w] = 0;
        return s;
    }

    private void mark(int s, int off, int len) {
        for (int b = off >>> 3, end = (off + len + 7) >>> 3; b < end; b++) blocks[s * BITMAP_WORDS + (b >>> 6)] |= 1L << (b & 63);
    }

    private boolean complete(int s) {
        for (int b = 0, end = (total[s] + 7) >>> 3; b < end; b++)
            if ((blocks[s * BITMAP_WORDS + (b >>> 6)] & (1L << (b & 63))) == 0) return false;
        return true;
    }

    private void finish(WorkerContext ctx, PacketVector v, int s, int payload) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        int d = buffer[s], hl = headerLen[s], l3 = payload - hl;
        Bytes.put16(a, l3 + Ip4.TOTAL_LENGTH, hl + total[s]);
        Bytes.put16(a, l3 + Ip4.FRAG, Ip4.fragWord(a, l3) & Ip4.FLAG_DF);
        Ip4.setChecksum(a, l3);
        m.start(d, l3);
        m.l3(d, l3);
        m.l4(d, l3 + hl);
        m.length(d, hl + total[s]);
        used[s] = false;
        if (!v.emit(d, 0)) { ctx.pool().free(d); v.countDrop(Drop.NO_BUFFER); }
    }

    private void expire(WorkerContext ctx, PacketVector v) {
        long now = ctx.now();
        for (int s = 0; s < SLOTS; s++) {
            if (used[s] && now - created[s] > TIMEOUT_NANOS) {
                release(ctx.pool(), s);
                v.countDrop(Drop.TIMEOUT);
            }
        }
    }

    private void release(PacketPool pool, int s) {
        if (!used[s]) return;
        pool.free(buffer[s]);
        used[s] = false;
    }
}
