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
import rose.dataplane.ip4.Ip4InputNode;
import rose.ipsec.crypto.CryptoBatch;

/**
 * AH inbound processing over a vector (RFC 4302 §3.4), one engine call per vector.
 *
 * <ol>
 *   <li>Lengths first: the fixed header, then Payload Len against the SA's ICV size (§2.2).</li>
 *   <li>SAD lookup by (SPI, destination); anti-replay check before the ICV (§3.4.3).</li>
 *   <li>The received ICV is copied past the packet's end, the ICV field and the IPv4 header's
 *       mutable fields are zeroed, and one engine {@code open} per vector recomputes and compares
 *       (constant time, in the engine) — §3.4.4.</li>
 *   <li>Window update only for packets whose ICV verified.</li>
 *   <li>Tunnel mode takes the inner packet as is; transport mode moves the IPv4 header up over
 *       the AH header. The inner packet passes the inbound policy check
 *       ({@link InboundPolicyCheck}) and re-enters at {@code ip4-input} flagged as decrypted.</li>
 * </ol>
 */
public final class Ah4DecryptNode implements Node {
    public static final String NAME = "ah4-decrypt";
    static final int NEXT_INPUT = 0;

    public enum Drop implements DropReason {
        TOO_SHORT, NO_SA, SA_EXPIRED, BAD_LENGTH, NO_TAILROOM, REPLAY, BAD_ICV, CRYPTO_ERROR, BAD_NEXT_HEADER,
        NO_POLICY, POLICY_BLOCKED, TEMPLATE_MISMATCH
    }

    private final IpsecWorker w;
    private final int[] slotOf = new int[PacketVector.CAPACITY];
    private final int[] saOf = new int[PacketVector.CAPACITY];
    private final long[] seqOf = new long[PacketVector.CAPACITY];
    private final byte[] saved = new byte[PacketVector.CAPACITY * Ah4.SAVE_BYTES];
    private final Decapsulation decap = new Decapsulation(Drop.REPLAY, Drop.BAD_ICV, Drop.CRYPTO_ERROR,
            Drop.NO_POLICY, Drop.POLICY_BLOCKED, Drop.TEMPLATE_MISMATCH);

    Ah4DecryptNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4InputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        CryptoBatch batch = w.batch.reset();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h), ah = m.l4(h), end = l3 + m.length(h);
            if (ah + Ah4.FIXED > end) { v.drop(i, Drop.TOO_SHORT); continue; }
            int idx = t.findInboundAh(Bytes.i32(a, ah + Ah4.SPI), Ip4.dst(a, l3));
            SaRuntime r = LiveSa.at(w, idx, v, i, Drop.NO_SA, Drop.SA_EXPIRED);
            if (r == null) continue;
            SaEntry e = r.entry;
            int ahLen = ((a[ah + 1] & 0xff) + 2) * 4, rfc = Ah4.headerBytes(e.icvBytes());
            // RFC 4302 pads IPv4 AH to 32 bits; Linux, unless told XFRM_STATE_ALIGN4, to 64 (sha256: 32 octets, not 28)
            if ((ahLen != rfc && ahLen != (rfc + 7 & ~7)) || ah + ahLen > end) { v.drop(i, Drop.BAD_LENGTH); continue; }
            if (end + e.icvBytes() > pool.end(h)) { v.drop(i, Drop.NO_TAILROOM); continue; }
            long seq = r.window.check(Bytes.i32(a, ah + Ah4.SEQ));
            if (seq < 0) { r.replayDrops++; v.drop(i, Drop.REPLAY); continue; }
            System.arraycopy(a, ah + Ah4.ICV, a, end, e.icvBytes());
            java.util.Arrays.fill(a, ah + Ah4.ICV, ah + Ah4.ICV + e.icvBytes(), (byte) 0);   // the ICV only: padding is covered as sent
            int k = batch.add(r.cipher, a, l3, end - l3, end, end, 0);
            Ah4.zeroMutable(a, l3, saved, k * Ah4.SAVE_BYTES);
            if (e.params().esn()) batch.esnHigh(k, (int) (seq >>> 32));
            slotOf[k] = i;
            saOf[k] = idx;
            seqOf[k] = seq;
        }
        if (batch.size() == 0) return;
        w.backend().engines().open(batch);
        for (int k = 0, n = batch.size(); k < n; k++) {
            int i = slotOf[k], h = v.handle(i);
            Ah4.restoreMutable(a, m.l3(h), saved, k * Ah4.SAVE_BYTES);
            SaRuntime r = w.runtime(saOf[k]);
            if (!decap.verified(batch, k, r, seqOf[k], v, i)) continue;
            finish(ctx, v, i, h, r, t);
        }
        batch.reset();
    }

    private void finish(WorkerContext ctx, PacketVector v, int i, int h, SaRuntime r, IpsecTables t) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        SaEntry e = r.entry;
        int l3 = m.l3(h), ah = m.l4(h), end = l3 + m.length(h);
        int ahLen = ((a[ah + 1] & 0xff) + 2) * 4, nh = a[ah] & 0xff;
        int inner, innerLen;
        if (e.tunnel()) {
            inner = ah + ahLen;
            innerLen = end - inner;
            if (nh != Esp4EncryptNode.NH_IPV4 || innerLen < Ip4.MIN_HEADER) { v.drop(i, Drop.BAD_NEXT_HEADER); return; }
        } else {
            int hl = Ip4.headerLength(a, l3);
            inner = ah + ahLen - hl;
            innerLen = end - inner;
            Decapsulation.moveHeaderUp(a, l3, inner, hl, innerLen, nh);
        }
        w.account(r, innerLen, ctx.now());
        decap.reenter(m, a, v, i, h, inner, innerLen, e, t, NEXT_INPUT);
    }
}
