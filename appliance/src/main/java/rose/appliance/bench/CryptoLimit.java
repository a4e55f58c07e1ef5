package rose.appliance.bench;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;

import rose.dataplane.buffer.Bytes;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoEngine;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.SaCipher;
import rose.ipsec.crypto.Transform;

/**
 * The raw crypto limit beside the tunnel numbers: what the tunnel could reach on one core if moving
 * packets cost nothing. It runs exactly the crypto the tunnel runs, and nothing else:
 *
 * <ol>
 *   <li>the engine the tunnel's SAs get ({@link CryptoEngines#newSa} on the bench's own registry),
 *       one context to seal and one to open, keyed as the lab keys its first tunnel;</li>
 *   <li>a vector of {@value #VECTOR} ESP packets as esp4-encrypt lays them out (SPI and sequence
 *       number, explicit IV, the lab's inner packet of the cell's size, RFC 4303 padding and
 *       trailer, ICV room, ESN on as in the lab's SAs), sealed in one
 *       {@link CryptoEngines#seal} call and opened in one {@link CryptoEngines#open} call, in
 *       place, as the ESP nodes call them;</li>
 *   <li>every open must verify: a failing ICV check skips the decryption and would read fast;</li>
 *   <li>timed by {@link SteadyRate} on this thread's CPU time, after the JIT has settled.</li>
 * </ol>
 *
 * <p>It once measured JCE's {@code AES/GCM} with a {@code Cipher.init} per packet instead, a code
 * path the tunnel never runs (its engine keys AES-GCM once per SA), so the tunnel's warm-up did
 * not warm it, and a 75 ms warm-up on wall time left it interpreted: 18 kpps under a 320 kpps
 * tunnel.
 */
final class CryptoLimit {
    /** The generator's vector in the two-router lab: one engine call per this many packets. */
    static final int VECTOR = 64;
    /** Slices measured after the warm-up; the best counts (see {@link SteadyRate}). */
    static final int SLICES = 5;
    /** CPU time the warm-up may take before the figure is reported as unsettled. */
    static final long MAX_WARMUP_NANOS = 3_000_000_000L;
    private static final int HEAD = 8, NEXT_HEADER_IPV4 = 4;

    private final CryptoEngines engines;
    private final SaCipher out, in;
    private final Transform t;
    private final byte[][] packets;
    private final byte[] inner;
    private final int dataOff, padded;
    private final CryptoBatch batch = new CryptoBatch(VECTOR);
    private long seq;

    private CryptoLimit(CryptoEngines engines, Transform t, int size) {
        this.engines = engines;
        this.t = t;
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1);   // TwoRouterLab's tunnel 0
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7);
        out = engines.newSa(t, ek, ak);
        in = engines.newSa(t, ek, ak);
        int block = Math.max(4, t.enc().padBlockBytes());            // SaEntry's pad block
        padded = (size + 2 + block - 1) / block * block;
        dataOff = HEAD + t.ivBytes();
        inner = Arrays.copyOfRange(TwoRouterLab.frame(size, 0), 14, 14 + size);
        packets = new byte[VECTOR][dataOff + padded + t.icvBytes()];
        for (byte[] p : packets) {
            System.arraycopy(inner, 0, p, dataOff, size);
            int padLen = padded - size - 2;
            for (int i = 0; i < padLen; i++) p[dataOff + size + i] = (byte) (i + 1);   // RFC 4303 §2.4
            p[dataOff + padded - 2] = (byte) padLen;
            p[dataOff + padded - 1] = NEXT_HEADER_IPV4;
        }
    }

    /**
     * Measures one algorithm at one size on the engine the tunnel uses.
     *
     * @param sliceNanos CPU time per slice (warm-up and measurement, see {@link SteadyRate})
     */
    static CryptoFigure measure(CryptoEngines engines, String algorithm, int size, long sliceNanos) throws Exception {
        Transform t = BenchCommand.transform(algorithm);
        Optional<CryptoEngine> engine = t.protects() ? engines.select(t) : Optional.empty();
        if (engine.isEmpty()) return CryptoFigure.unavailable(algorithm, size, "no crypto engine accepts " + algorithm);
        CryptoLimit w = new CryptoLimit(engines, t, size);
        try {
            w.checkRoundTrip();
            LongSupplier cpu = SteadyRate.threadCpuClock();
            long wall0 = System.nanoTime(), cpu0 = cpu.getAsLong();
            SteadyRate.Result r = SteadyRate.onThisThread(sliceNanos, SLICES, MAX_WARMUP_NANOS).measure(w::vector);
            long wall = System.nanoTime() - wall0, used = cpu.getAsLong() - cpu0;
            double share = wall <= 0 ? 1 : Math.min(1, (double) used / wall);
            return new CryptoFigure(algorithm, size, engine.get().name(), r.perSecond(), r.settled(), share, null);
        } finally {
            w.out.close();
            w.in.close();
        }
    }

    /** Seals and opens one vector; returns the packets done. */
    long vector() {
        batch.reset();
        for (byte[] p : packets) {
            long s = ++seq;
            Bytes.put32(p, 0, 0x1000);                          // SPI
            Bytes.put32(p, 4, (int) s);
            if (t.ivBytes() >= 8) {                             // unique per packet, as esp4-encrypt writes it for GCM/CTR
                Bytes.put32(p, HEAD + t.ivBytes() - 8, (int) (s >>> 32));
                Bytes.put32(p, HEAD + t.ivBytes() - 4, (int) s);
            }
            int k = batch.add(out, p, 0, HEAD, HEAD, dataOff, padded);
            batch.esnHigh(k, 0);                               // the lab's SAs have ESN; a run never passes 2^32 packets
        }
        engines.seal(batch);
        failIfAnyFailed("seal");
        batch.reset();
        for (byte[] p : packets) {
            int k = batch.add(in, p, 0, HEAD, HEAD, dataOff, padded);
            batch.esnHigh(k, 0);
        }
        engines.open(batch);
        failIfAnyFailed("open");
        return VECTOR;
    }

    /** A limit measured on failing slots would measure the failure path: refuse it. */
    private void failIfAnyFailed(String what) {
        int k = batch.firstFailure();
        if (k < batch.size())
            throw new IllegalStateException("crypto limit: " + t + " " + what + " failed on " + out.engine().name() + ": " + batch.status(k));
    }

    /** One vector through, and the inner packet must come back as it went in. */
    private void checkRoundTrip() {
        vector();
        for (byte[] p : packets)
            if (!Arrays.equals(p, dataOff, dataOff + inner.length, inner, 0, inner.length))
                throw new IllegalStateException("crypto limit: " + t + " on " + out.engine().name() + " did not give the packet back");
    }
}
