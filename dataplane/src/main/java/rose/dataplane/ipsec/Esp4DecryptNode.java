package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.ip4.Ip4InputNode;
import rose.ipsec.crypto.CryptoBatch;

/**
 * ESP decapsulation over a vector (RFC 4303 §3.4), one engine call per vector.
 *
 * <ol>
 *   <li>SAD lookup by (SPI, outer destination); the packet's UDP-ness must match the SA's.</li>
 *   <li>Anti-replay check before the ICV (cheap rejection; ESN high bits inferred,
 *       RFC 4303 A2.2) — {@link ReplayWindow#check}.</li>
 *   <li>One {@code open} for the vector: ICV verified, then decrypted in place. With several workers,
 *       a large enough vector and the split turned on, the second half is opened by another worker meanwhile
 *       ({@link ParallelCrypto}); the vector stays here.</li>
 *   <li>Window update, in the vector's order, only for packets whose ICV verified; padding checked (1, 2, 3, … RFC 4303
 *       §2.4); next header 59 (dummy, RFC 4303 §2.6) dropped quietly.</li>
 *   <li>Counters and lifetimes; a new UDP source of an encapsulated SA is a NAT mapping change.</li>
 *   <li>Decapsulated: tunnel mode takes the inner packet as is, transport mode moves the IPv4
 *       header up to the payload. The inner packet must match an inbound policy whose template
 *       is this SA (RouterOS's inbound policy check, {@link InboundPolicyCheck}: by if_id for an SA of an
 *       {@code /interface ipsec}, whose packets then appear received on it); then it re-enters at {@code ip4-input}
 *       (prerouting) flagged as decrypted, for the firewall's {@code ipsec-policy=in,ipsec}.</li>
 * </ol>
 */
public final class Esp4DecryptNode implements Node {
    public static final String NAME = "esp4-decrypt";
    static final int NEXT_INPUT = 0;
    static final int NH_DUMMY = 59;

    public enum Drop implements DropReason {
        TOO_SHORT, NO_SA, SA_EXPIRED, ENCAP_MISMATCH, BAD_LENGTH, REPLAY, BAD_ICV, CRYPTO_ERROR, BAD_PADDING,
        BAD_NEXT_HEADER, DUMMY, NO_POLICY, POLICY_BLOCKED, TEMPLATE_MISMATCH
    }

    private final IpsecWorker w;
    // per vector slot: where its crypto went (own batch or the job's, and the batch slot)
    private final boolean[] opening = new boolean[PacketVector.CAPACITY];
    private final boolean[] inJob = new boolean[PacketVector.CAPACITY];
    private final int[] kOf = new int[PacketVector.CAPACITY];
    private final int[] saOf = new int[PacketVector.CAPACITY];
    private final long[] seqOf = new long[PacketVector.CAPACITY];
    private final Decapsulation decap = new Decapsulation(Drop.REPLAY, Drop.BAD_ICV, Drop.CRYPTO_ERROR,
            Drop.NO_POLICY, Drop.POLICY_BLOCKED, Drop.TEMPLATE_MISMATCH);

    Esp4DecryptNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4InputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        CryptoBatch batch = w.batch.reset(), job = w.jobBatch.reset();
        int n = v.size();
        int half = ctx.workers() > 1 && n >= ParallelCrypto.SPLIT_MIN && w.backend().splitsCrypto() ? n / 2 : Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            opening[i] = false;
            int h = v.handle(i), l3 = m.l3(h), esp = m.l4(h), end = l3 + m.length(h);
            if (esp + 8 > end) { v.drop(i, Drop.TOO_SHORT); continue; }
            int spi = Bytes.i32(a, esp);
            int idx = t.findInbound(spi, Ip4.dst(a, l3));
            SaRuntime r = LiveSa.at(w, idx, v, i, Drop.NO_SA, Drop.SA_EXPIRED);
            if (r == null) continue;
            SaEntry e = r.entry;
            boolean encap = (m.aux(h) & Udp4EspInputNode.AUX_ENCAP) != 0;
            if (encap != e.encapsulated()) { v.drop(i, Drop.ENCAP_MISMATCH); continue; }
            int dataLen = end - esp - 8 - e.ivBytes() - e.icvBytes();
            if (dataLen < 2 || dataLen % e.padBlock() != 0) { v.drop(i, Drop.BAD_LENGTH); continue; }
            long seq = r.window.check(Bytes.i32(a, esp + 4));
            if (seq < 0) { r.replayDrops++; v.drop(i, Drop.REPLAY); continue; }
            boolean toJob = i >= half;
            CryptoBatch b = toJob ? job : batch;
            int k = b.add(toJob ? r.helperCipher() : r.cipher, a, esp, 8, esp + 8, esp + 8 + e.ivBytes(), dataLen);
            if (e.params().esn()) b.esnHigh(k, (int) (seq >>> 32));
            opening[i] = true;
            inJob[i] = toJob;
            kOf[i] = k;
            saOf[i] = idx;
            seqOf[i] = seq;
        }
        if (batch.size() + job.size() == 0) return;
        ParallelCrypto parallel = w.backend().parallel();
        if (job.size() > 0) {
            parallel.post(ctx.worker(), job, false);
            ctx.wakeOthers();
        }
        if (batch.size() > 0) w.backend().engines().open(batch);
        if (job.size() > 0) parallel.finish(ctx.worker());
        for (int i = 0; i < n; i++) {          // in the vector's order: the replay window moves as the packets came
            if (!opening[i]) continue;
            int h = v.handle(i), k = kOf[i];
            CryptoBatch b = inJob[i] ? job : batch;
            SaRuntime r = w.runtime(saOf[i]);
            if (!decap.verified(b, k, r, seqOf[i], v, i)) continue;
            finish(ctx, v, i, h, r, b.dataOff(k), b.dataLen(k), t);
        }
        batch.reset();
        job.reset();
    }

    private void finish(WorkerContext ctx, PacketVector v, int i, int h, SaRuntime r, int data, int dataLen, IpsecTables t) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        SaEntry e = r.entry;
        int padLen = a[data + dataLen - 2] & 0xff, nh = a[data + dataLen - 1] & 0xff;
        int payload = dataLen - 2 - padLen;
        if (payload < 0) { v.drop(i, Drop.BAD_PADDING); return; }
        for (int p = 0; p < padLen; p++) if ((a[data + payload + p] & 0xff) != p + 1) { v.drop(i, Drop.BAD_PADDING); return; }
        int l3 = m.l3(h);
        if ((m.aux(h) & Udp4EspInputNode.AUX_ENCAP) != 0) notePeer(r, Ip4.src(a, l3), m.aux(h) & 0xffff);
        if (nh == NH_DUMMY) { w.account(r, 0, ctx.now()); v.drop(i, Drop.DUMMY); return; }
        int inner, innerLen;
        if (e.tunnel()) {
            if (nh != Esp4EncryptNode.NH_IPV4 || payload < Ip4.MIN_HEADER) { v.drop(i, Drop.BAD_NEXT_HEADER); return; }
            inner = data;
            innerLen = payload;
        } else {
            int hl = Ip4.headerLength(a, l3);
            inner = data - hl;
            innerLen = hl + payload;
            Decapsulation.moveHeaderUp(a, l3, inner, hl, innerLen, nh);
        }
        w.account(r, innerLen, ctx.now());
        decap.reenter(m, a, v, i, h, inner, innerLen, e, t, NEXT_INPUT);
    }

    private void notePeer(SaRuntime r, int ip, int port) {
        if (ip == r.peerIp && port == r.peerPort) return;
        int oldIp = r.peerIp, oldPort = r.peerPort;
        r.peerIp = ip;
        r.peerPort = port;
        w.backend().mappingChanged(r.entry, oldIp, oldPort, ip, port);
    }
}
