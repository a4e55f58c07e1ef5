package rose.dataplane.ipsec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
import rose.dataplane.table.Tables;
import rose.ipsec.crypto.CryptoBatch;

/**
 * ESP encapsulation over a vector (RFC 4303 §3.3; RFC 3948 for UDP), one engine call per vector.
 *
 * <pre>
 * tunnel:    [outer IPv4][UDP 4500]?[SPI|seq][IV][inner IPv4 ........][pad|padlen|4 ][ICV]
 * transport: [IPv4 (proto 50/17)  ][UDP 4500]?[SPI|seq][IV][payload ..][pad|padlen|nh][ICV]
 * </pre>
 *
 * <ol>
 *   <li>The SA comes by index from {@code ipsec4-output-policy} (pinned snapshot, see {@link IpsecWorker}).</li>
 *   <li>PMTU: the outer packet must fit the MTU of the route to the SA's peer. An inner packet
 *       with DF that would not fit is answered with ICMP fragmentation-needed carrying the inner
 *       MTU (link MTU − ESP overhead, reference 07 §C); without DF the outer packet inherits
 *       DF=0 and is fragmented by {@code ip4-rewrite}.</li>
 *   <li>Headers are written into the headroom; the payload never moves (tunnel) or the IPv4
 *       header moves back by the ESP header (transport).</li>
 *   <li>IV: unpredictable for CBC (RFC 3602 §2.3: AES-CTR keystream under a random per-worker
 *       key); the 64-bit sequence number for CTR/GCM/ChaCha20, unique per key (RFC 4106 §3.1).</li>
 *   <li>With several workers, a large enough vector and the split turned on
 *       ({@code DataplaneIpsecBackend.splitCrypto}), the second half of the seals is offered to
 *       the other workers ({@link ParallelCrypto}) while this worker seals the first; sequence
 *       numbers were given above, and the vector stays here, so order is kept.</li>
 *   <li>One {@code seal} for the vector; sealed packets re-enter as locally originated at
 *       {@code ip4-output} (output chain, srcnat) marked so the SPD does not see them again.</li>
 * </ol>
 */
public final class Esp4EncryptNode implements Node {
    public static final String NAME = "esp4-encrypt";
    static final int NEXT_OUTPUT = 0, NEXT_ICMP_ERROR = 1;
    static final int NH_IPV4 = 4;

    public enum Drop implements DropReason { NO_SA, SA_EXPIRED, SEQ_CYCLED, NO_HEADROOM, NO_TAILROOM, NO_ROUTE, TOO_BIG_LOCAL, CRYPTO_ERROR }

    private final IpsecWorker w;
    // per vector slot: where its crypto went (own batch or the job's, and the batch slot)
    private final boolean[] sealing = new boolean[PacketVector.CAPACITY];
    private final boolean[] inJob = new boolean[PacketVector.CAPACITY];
    private final int[] kOf = new int[PacketVector.CAPACITY];
    private final int[] saOf = new int[PacketVector.CAPACITY];
    private final int[] innerLenOf = new int[PacketVector.CAPACITY];
    private final int[] outerStart = new int[PacketVector.CAPACITY];
    private final int[] outerLen = new int[PacketVector.CAPACITY];
    private final Cipher ivGen;
    private final byte[] zeros = new byte[16];
    private final Encapsulation encap = new Encapsulation(Drop.NO_ROUTE, Drop.TOO_BIG_LOCAL);
    private int ipId = 1;

    Esp4EncryptNode(IpsecWorker w) {
        this.w = w;
        try {
            SecureRandom rnd = new SecureRandom();
            byte[] k = new byte[16], iv = new byte[16];
            rnd.nextBytes(k);
            rnd.nextBytes(iv);
            ivGen = Cipher.getInstance("AES/CTR/NoPadding");
            ivGen.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR for CBC IVs", e);
        }
    }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4OutputNode.NAME, Ip4IcmpErrorNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        IpsecTables t = w.tables();
        Tables rt = w.backend().routerTables();
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        CryptoBatch batch = w.batch.reset(), job = w.jobBatch.reset();
        int n = v.size();
        int half = ctx.workers() > 1 && n >= ParallelCrypto.SPLIT_MIN && w.backend().splitsCrypto() ? n / 2 : Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int h = v.handle(i);
            sealing[i] = false;
            w.inFlight--;
            int idx = m.aux(h);
            SaRuntime r = LiveSa.at(w, idx, v, i, Drop.NO_SA, Drop.SA_EXPIRED);
            if (r == null) continue;
            SaEntry e = r.entry;
            int l3 = m.l3(h), len = m.length(h), hl = Ip4.headerLength(a, l3);
            int payload = e.tunnel() ? len : len - hl;
            int padded = (payload + 2 + e.padBlock() - 1) / e.padBlock() * e.padBlock();
            int espHead = (e.encapsulated() ? 8 : 0) + 8 + e.ivBytes();
            int olen = (e.tunnel() ? 20 + espHead + padded : hl + espHead + padded) + e.icvBytes();
            if (!encap.fitsPath(rt, m, a, v, i, h, l3, olen, e, NEXT_ICMP_ERROR)) continue;
            int start = e.tunnel() ? l3 - 20 - espHead : l3 - espHead;
            if (start - pool.base(h) < 14) { v.drop(i, Drop.NO_HEADROOM); continue; }
            int data = e.tunnel() ? l3 : l3 + hl;
            int tail = data + payload;
            if (tail + (padded - payload) + e.icvBytes() > pool.end(h)) { v.drop(i, Drop.NO_TAILROOM); continue; }
            long seq = r.nextSeq();
            if (seq < 0) { v.drop(i, Drop.SEQ_CYCLED); continue; }
            int nh;
            int proto = e.encapsulated() ? Ip4.PROTO_UDP : Ip4.PROTO_ESP;
            if (e.tunnel()) {
                Encapsulation.tunnelHeader(a, l3, start, olen, ipId++ & 0xffff, proto, e);
                nh = NH_IPV4;
            } else {
                nh = Ip4.protocol(a, l3);
                Encapsulation.transportHeader(a, l3, start, hl, olen, proto);
            }
            int esp = start + (e.tunnel() ? 20 : hl);
            if (e.encapsulated()) {
                Bytes.put16(a, esp, e.encapSrcPort());
                Bytes.put16(a, esp + 2, e.encapDstPort());
                Bytes.put16(a, esp + 4, olen - (esp - start));
                Bytes.put16(a, esp + 6, 0);      // RFC 3948 §2.1: zero checksum
                esp += 8;
            }
            Bytes.put32(a, esp, e.spi());
            Bytes.put32(a, esp + 4, (int) seq);
            if (e.ivBytes() > 0) writeIv(a, esp + 8, e, seq);
            int padLen = padded - payload - 2;
            for (int p = 0; p < padLen; p++) a[tail + p] = (byte) (p + 1);   // RFC 4303 §2.4: 1, 2, 3, ...
            a[tail + padLen] = (byte) padLen;
            a[tail + padLen + 1] = (byte) nh;
            boolean toJob = i >= half;
            CryptoBatch b = toJob ? job : batch;
            int k = b.add(toJob ? r.helperCipher() : r.cipher, a, esp, 8, esp + 8, data, padded);
            if (e.params().esn()) b.esnHigh(k, (int) (seq >>> 32));
            sealing[i] = true;
            inJob[i] = toJob;
            kOf[i] = k;
            saOf[i] = idx;
            innerLenOf[i] = len;
            outerStart[i] = start;
            outerLen[i] = olen;
        }
        if (batch.size() + job.size() == 0) return;
        ParallelCrypto parallel = w.backend().parallel();
        if (job.size() > 0) {
            parallel.post(ctx.worker(), job, true);
            ctx.wakeOthers();
        }
        if (batch.size() > 0) w.backend().engines().seal(batch);
        if (job.size() > 0) parallel.finish(ctx.worker());
        for (int i = 0; i < n; i++) {
            if (!sealing[i]) continue;
            int h = v.handle(i);
            if (!(inJob[i] ? job : batch).ok(kOf[i])) { v.drop(i, Drop.CRYPTO_ERROR); continue; }
            Encapsulation.sealed(m, a, h, outerStart[i], outerLen[i]);
            w.account(w.runtime(saOf[i]), innerLenOf[i], ctx.now());
            v.next(i, NEXT_OUTPUT);
        }
        batch.reset();
        job.reset();
    }

    private void writeIv(byte[] a, int off, SaEntry e, long seq) {
        if (e.cbcIv()) {
            try {
                ivGen.update(zeros, 0, e.ivBytes(), a, off);
            } catch (ShortBufferException ex) {
                throw new IllegalStateException(ex);   // cannot happen: the range was checked
            }
        } else {
            Bytes.put32(a, off, (int) (seq >>> 32));
            Bytes.put32(a, off + 4, (int) seq);
        }
    }
}
