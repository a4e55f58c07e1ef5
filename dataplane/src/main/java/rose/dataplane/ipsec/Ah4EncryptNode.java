package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.ip4.Ip4IcmpErrorNode;
import rose.dataplane.ip4.Ip4OutputNode;
import rose.ipsec.crypto.CryptoBatch;

/**
 * AH outbound processing over a vector (RFC 4302 §3.3), one engine call per vector.
 *
 * <pre>
 * tunnel:    [outer IPv4 proto 51][AH nh=4 ][inner IPv4 .........]
 * transport: [IPv4 proto 51       ][AH nh=pr][payload ...........]
 * </pre>
 *
 * <ol>
 *   <li>The SA comes by index from {@code ipsec4-output-policy}, as for ESP.</li>
 *   <li>PMTU as in {@code esp4-encrypt}: an inner packet with DF that would not fit gets ICMP
 *       fragmentation-needed with the inner MTU; without DF the outer packet may be fragmented.</li>
 *   <li>Headers are written into the headroom; the payload never moves. The ICV field is zero
 *       and the IPv4 header's mutable fields are zeroed ({@link Ah4#zeroMutable}) while the ICV
 *       is computed, then restored.</li>
 *   <li>The engine's integrity-only transform (NULL cipher + HMAC) computes the ICV over the
 *       whole packet, ESN high bits appended (RFC 4302 §3.3.3.2 and Linux ah4: after the
 *       packet), and writes it just past the packet's end; it is moved into the AH header.</li>
 * </ol>
 */
public final class Ah4EncryptNode implements Node {
    public static final String NAME = "ah4-encrypt";
    static final int NEXT_OUTPUT = 0, NEXT_ICMP_ERROR = 1;

    public enum Drop implements DropReason { NO_SA, SA_EXPIRED, SEQ_CYCLED, NO_HEADROOM, NO_TAILROOM, NO_ROUTE, TOO_BIG_LOCAL, CRYPTO_ERROR }

    private final IpsecWorker w;
    private final int[] slotOf = new int[PacketVector.CAPACITY];
    private final int[] saOf = new int[PacketVector.CAPACITY];
    private final int[] innerLenOf = new int[PacketVector.CAPACITY];
    private final int[] outerStart = new int[PacketVector.CAPACITY];
    private final int[] outerLen = new int[PacketVector.CAPACITY];
    private final int[] ahOff = new int[PacketVector.CAPACITY];
    private final byte[] saved = new byte[PacketVector.CAPACITY * Ah4.SAVE_BYTES];
    private final Encapsulation encap = new Encapsulation(Drop.NO_ROUTE, Drop.TOO_BIG_LOCAL);
    private int ipId = 1;

    Ah4EncryptNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4OutputNode.NAME, Ip4IcmpErrorNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        CryptoBatch batch = w.batch.reset();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            w.inFlight--;
            int idx = m.aux(h);
            SaRuntime r = LiveSa.at(w, idx, v, i, Drop.NO_SA, Drop.SA_EXPIRED);
            if (r == null) continue;
            SaEntry e = r.entry;
            int l3 = m.l3(h), len = m.length(h), hl = Ip4.headerLength(a, l3);
            int ahLen = Ah4.headerBytes(e.icvBytes());
            int olen = (e.tunnel() ? 20 : 0) + ahLen + len;
            if (!encap.fitsPath(w.backend().routerTables(), m, a, v, i, h, l3, olen, e, NEXT_ICMP_ERROR)) continue;
            int start = e.tunnel() ? l3 - 20 - ahLen : l3 - ahLen;
            if (start - pool.base(h) < 14) { v.drop(i, Drop.NO_HEADROOM); continue; }
            if (start + olen + e.icvBytes() > pool.end(h)) { v.drop(i, Drop.NO_TAILROOM); continue; }
            long seq = r.nextSeq();
            if (seq < 0) { v.drop(i, Drop.SEQ_CYCLED); continue; }
            int nh;
            if (e.tunnel()) {
                Encapsulation.tunnelHeader(a, l3, start, olen, ipId++ & 0xffff, Ah4.PROTO_AH, e);
                nh = Esp4EncryptNode.NH_IPV4;
            } else {
                nh = Ip4.protocol(a, l3);
                Encapsulation.transportHeader(a, l3, start, hl, olen, Ah4.PROTO_AH);
            }
            int ah = start + (e.tunnel() ? 20 : hl);
            a[ah] = (byte) nh;
            a[ah + 1] = (byte) Ah4.payloadLenField(e.icvBytes());
            Bytes.put16(a, ah + 2, 0);
            Bytes.put32(a, ah + Ah4.SPI, e.spi());
            Bytes.put32(a, ah + Ah4.SEQ, (int) seq);
            java.util.Arrays.fill(a, ah + Ah4.ICV, ah + ahLen, (byte) 0);
            int k = batch.add(r.cipher, a, start, olen, start + olen, start + olen, 0);
            Ah4.zeroMutable(a, start, saved, k * Ah4.SAVE_BYTES);
            if (e.params().esn()) batch.esnHigh(k, (int) (seq >>> 32));
            slotOf[k] = i;
            saOf[k] = idx;
            innerLenOf[k] = len;
            outerStart[k] = start;
            outerLen[k] = olen;
            ahOff[k] = ah;
        }
        if (batch.size() == 0) return;
        w.backend().engines().seal(batch);
        for (int k = 0, n = batch.size(); k < n; k++) {
            int i = slotOf[k], h = v.handle(i), s = outerStart[k];
            Ah4.restoreMutable(a, s, saved, k * Ah4.SAVE_BYTES);
            if (!batch.ok(k)) { v.drop(i, Drop.CRYPTO_ERROR); continue; }
            SaRuntime r = w.runtime(saOf[k]);
            System.arraycopy(a, s + outerLen[k], a, ahOff[k] + Ah4.ICV, r.entry.icvBytes());
            Encapsulation.sealed(m, a, h, s, outerLen[k]);
            w.account(r, innerLenOf[k], ctx.now());
            v.next(i, NEXT_OUTPUT);
        }
        batch.reset();
    }
}
