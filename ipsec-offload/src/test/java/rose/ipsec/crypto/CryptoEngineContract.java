package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Written once, run against every engine (Netty's transport suite, STYLE "contract tests").
 * A subclass says which engine; every test uses only the {@link CryptoEngine} seam.
 */
public abstract class CryptoEngineContract {
    protected abstract CryptoEngine engine();

    private final Random rnd = new Random(4106);

    /** Transforms this engine claims, covering every enc and every auth algorithm at least once. */
    protected List<Transform> transforms() {
        List<Transform> out = new ArrayList<>();
        for (EncAlgorithm e : EncAlgorithm.values())
            out.add(new Transform(e, e.isAead() ? AuthAlgorithm.NONE : e == EncAlgorithm.NULL ? AuthAlgorithm.SHA1 : AuthAlgorithm.SHA256));
        for (AuthAlgorithm a : AuthAlgorithm.values())
            if (a != AuthAlgorithm.NONE) out.add(new Transform(EncAlgorithm.AES_128_CBC, a));
        out.add(new Transform(EncAlgorithm.AES_256_CTR, AuthAlgorithm.NONE));   // confidentiality only, RFC 4303 allows it
        out.removeIf(t -> !engine().supports(t));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> knownAnswers() {
        List<KnownAnswer> mine = Vectors.all().stream().filter(v -> engine().supports(v.transform())).toList();
        assertFalse(mine.isEmpty(), "no vector applies to " + engine().name());
        return mine.stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> assertNull(SelfTest.check(engine(), v))));
    }

    @Test
    void everySupportedAlgorithmHasAVectorAndPasses() {
        SelfTest.Report r = SelfTest.run(engine(), Vectors.all());
        assertEquals(List.of(), r.failures());
        for (Transform t : transforms()) assertTrue(r.accepts(t), t + " not accepted: " + r);
    }

    @TestFactory
    Stream<DynamicTest> roundTripAndFlippedIcvBitNamesThePacket() {
        return transforms().stream().filter(t -> t.icvBytes() > 0).map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
            Keys k = keys(t);
            try (SaCipher out = k.sa(engine()); SaCipher in = k.sa(engine())) {
                List<byte[]> plain = new ArrayList<>();
                Packets p = new Packets(5);
                for (int i = 0; i < 5; i++) plain.add(p.add(out, t, 1 + i, 96 + 16 * i));
                engine().seal(p.batch);
                assertEquals(5, p.batch.firstFailure(), "seal: " + p.batch.status(0));
                p.rebind(in);
                p.bufs.get(2)[p.icvOff(2) + t.icvBytes() - 1] ^= (byte) 0x80;    // tamper with packet 2's ICV
                engine().open(p.batch);
                assertEquals(2, p.batch.firstFailure());
                assertEquals(CryptoStatus.BAD_ICV, p.batch.status(2));
                assertEquals(p.batch.size(), p.batch.nextFailure(2));
                for (int i : new int[] {0, 1, 3, 4}) assertArrayEquals(plain.get(i), p.data(i), "packet " + i);
            }
        }));
    }

    @Test
    void aBatchMixesSasAndASaNeverOpensAnotherSasPacket() {
        List<Transform> ts = transforms();
        Packets p = new Packets(ts.size() * 2);
        List<SaCipher> in = new ArrayList<>();
        List<byte[]> plain = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Transform t : ts) {
                Keys k = keys(t);
                plain.add(p.add(k.sa(engine()), t, 3, 64 + round * 32));
                in.add(k.sa(engine()));
            }
        }
        engine().seal(p.batch);
        assertEquals(p.batch.size(), p.batch.firstFailure(), "seal failed at " + p.batch.firstFailure());
        for (int i = 0; i < in.size(); i++) p.rebind(i, in.get(i));
        engine().open(p.batch);
        for (int i = 0; i < in.size(); i++) {
            assertEquals(CryptoStatus.OK, p.batch.status(i), ts.get(i % ts.size()).toString());
            assertArrayEquals(plain.get(i), p.data(i));
        }
        // Same transform, other keys: refused wherever there is an ICV.
        Packets q = new Packets(ts.size());
        for (Transform t : ts) q.add(keys(t).sa(engine()), t, 0, 48);
        engine().seal(q.batch);
        for (int i = 0; i < ts.size(); i++) q.rebind(i, keys(ts.get(i)).sa(engine()));
        engine().open(q.batch);
        for (int i = 0; i < ts.size(); i++)
            if (ts.get(i).icvBytes() > 0) assertEquals(CryptoStatus.BAD_ICV, q.batch.status(i), ts.get(i).toString());
    }

    @TestFactory
    Stream<DynamicTest> zeroAndMaxLengthAtUnalignedOffsets() {
        return transforms().stream().map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
            int block = Math.max(t.enc().padBlockBytes(), 4);
            int max = (65535 - 20 - 8 - t.ivBytes() - t.icvBytes()) / block * block;   // largest ESP payload in IPv4
            for (int len : new int[] {0, block, max}) {
                for (int off = 1; off <= 7; off += 3) {
                    Keys k = keys(t);
                    Packets p = new Packets(1);
                    byte[] plain = p.add(k.sa(engine()), t, off, len);
                    engine().seal(p.batch);
                    assertEquals(CryptoStatus.OK, p.batch.status(0), "seal len " + len + " off " + off);
                    if (len > 0 && t.enc() != EncAlgorithm.NULL) assertFalse(Arrays.equals(plain, p.data(0)));
                    p.rebind(k.sa(engine()));
                    engine().open(p.batch);
                    assertEquals(CryptoStatus.OK, p.batch.status(0), "open len " + len + " off " + off);
                    assertArrayEquals(plain, p.data(0));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> esnHighBitsAreAuthenticated() {
        return transforms().stream().filter(t -> t.icvBytes() > 0).map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
            Keys k = keys(t);
            Packets p = new Packets(2);
            p.add(k.sa(engine()), t, 0, 32);
            p.add(k.sa(engine()), t, 0, 32);
            p.batch.esnHigh(0, 1);
            p.batch.esnHigh(1, 1);
            engine().seal(p.batch);
            p.rebind(k.sa(engine()));
            p.batch.esnHigh(0, 1);      // right high bits
            p.batch.esnHigh(1, 2);      // wrong high bits: must fail (RFC 4303 §3.4.4)
            engine().open(p.batch);
            assertEquals(CryptoStatus.OK, p.batch.status(0));
            assertEquals(CryptoStatus.BAD_ICV, p.batch.status(1));
        }));
    }

    @Test
    void badRangesAndClosedSasAreStatusesNotExceptions() {
        Transform cbc = new Transform(EncAlgorithm.AES_128_CBC, AuthAlgorithm.SHA1);
        assumeTrue(engine().supports(cbc));
        Keys k = keys(cbc);
        SaCipher sa = k.sa(engine());
        CryptoBatch b = new CryptoBatch(4);
        byte[] buf = new byte[200];
        b.add(sa, buf, 0, 8, 8, 24, 15);           // not a multiple of 16
        b.add(sa, buf, 0, 8, 8, 24, 176);          // ICV would run past the buffer
        b.add(sa, buf, 0, 8, 8, 24, 32);
        SaCipher closed = k.sa(engine());
        closed.close();
        b.add(closed, new byte[200], 0, 8, 8, 24, 32);
        engine().seal(b);
        assertEquals(CryptoStatus.BAD_LENGTH, b.status(0));
        assertEquals(CryptoStatus.BAD_LENGTH, b.status(1));
        assertEquals(CryptoStatus.OK, b.status(2));
        assertEquals(CryptoStatus.SA_CLOSED, b.status(3));
    }

    @Test
    void interoperatesWithTheOtherSoftwareEngine() {
        CryptoEngine other = engine() instanceof BouncyCastleEngine ? new JceEngine() : new BouncyCastleEngine();
        for (Transform t : transforms()) {
            if (!other.supports(t)) continue;
            Keys k = keys(t);
            Packets p = new Packets(1);
            byte[] plain = p.add(k.sa(engine()), t, 5, 333 / 16 * 16);
            engine().seal(p.batch);
            p.rebind(k.sa(other));
            other.open(p.batch);
            assertEquals(CryptoStatus.OK, p.batch.status(0), t.toString());
            assertArrayEquals(plain, p.data(0), t.toString());
        }
    }

    /**
     * Engines may keep state across packets of one SA (the JCE engine's CBC ciphers are keyed once
     * and chain through a register): packet 40 of a long run, in both directions, must still be
     * exactly what an independent engine makes of it, with a forged packet in the middle.
     */
    @Test
    void aLongRunThroughOneSaPairInteroperatesPacketByPacket() {
        CryptoEngine other = engine() instanceof BouncyCastleEngine ? new JceEngine() : new BouncyCastleEngine();
        for (Transform t : transforms()) {
            if (!other.supports(t)) continue;
            Keys k = keys(t);
            int block = Math.max(t.enc().padBlockBytes(), 4);
            try (SaCipher mineOut = k.sa(engine()); SaCipher mineIn = k.sa(engine());
                 SaCipher otherOut = k.sa(other); SaCipher otherIn = k.sa(other)) {
                for (int round = 0; round < 40; round++) {
                    int len = (round * 37 % 1400) / block * block;
                    Packets p = new Packets(1);
                    byte[] plain = p.add(mineOut, t, round % 5, len);
                    engine().seal(p.batch);
                    p.rebind(otherIn);
                    other.open(p.batch);
                    assertEquals(CryptoStatus.OK, p.batch.status(0), t + " packet " + round + " out");
                    assertArrayEquals(plain, p.data(0), t + " packet " + round + " out");

                    Packets q = new Packets(2);
                    byte[] back = q.add(otherOut, t, 3, len);
                    q.add(otherOut, t, 0, block * 2);
                    other.seal(q.batch);
                    if (t.icvBytes() > 0) q.bufs.get(1)[q.icvOff(1)] ^= 1;   // forged: must not disturb the next packet
                    q.rebind(mineIn);
                    engine().open(q.batch);
                    assertEquals(CryptoStatus.OK, q.batch.status(0), t + " packet " + round + " in");
                    assertArrayEquals(back, q.data(0), t + " packet " + round + " in");
                    if (t.icvBytes() > 0) assertEquals(CryptoStatus.BAD_ICV, q.batch.status(1), t + " forged " + round);
                }
            }
        }
    }

    @Test
    void keysOfTheWrongLengthAreRefused() {
        for (Transform t : transforms()) {
            byte[] enc = new byte[t.encKeymatBytes() + 1];
            byte[] auth = new byte[t.authKeymatBytes()];
            try {
                engine().newSa(t, enc, auth).close();
                throw new AssertionError(t + " accepted a " + enc.length + "-octet key");
            } catch (IllegalArgumentException expected) {
                // RFC 4106 §8.1 and friends fix the KEYMAT length
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    record Keys(Transform t, byte[] enc, byte[] auth) {
        SaCipher sa(CryptoEngine e) { return e.newSa(t, enc, auth); }
    }

    Keys keys(Transform t) {
        byte[] e = new byte[t.encKeymatBytes()], a = new byte[t.authKeymatBytes()];
        rnd.nextBytes(e);
        rnd.nextBytes(a);
        return new Keys(t, e, a);
    }

    /** Builds ESP-shaped packets (SPI | seq | IV | data | ICV) at a given offset in their own buffers. */
    final class Packets {
        final CryptoBatch batch;
        final List<byte[]> bufs = new ArrayList<>();
        final List<int[]> layout = new ArrayList<>();   // off, ivLen, len
        final List<Transform> ts = new ArrayList<>();

        Packets(int n) { batch = new CryptoBatch(n); }

        byte[] add(SaCipher sa, Transform t, int off, int len) {
            byte[] buf = new byte[off + 8 + t.ivBytes() + len + t.icvBytes() + 3];
            rnd.nextBytes(buf);
            bufs.add(buf);
            layout.add(new int[] {off, t.ivBytes(), len});
            ts.add(t);
            batch.add(sa, buf, off, 8, off + 8, off + 8 + t.ivBytes(), len);
            return data(bufs.size() - 1);
        }

        int dataOff(int i) { int[] l = layout.get(i); return l[0] + 8 + l[1]; }
        int icvOff(int i) { return dataOff(i) + layout.get(i)[2]; }
        byte[] data(int i) { return Arrays.copyOfRange(bufs.get(i), dataOff(i), icvOff(i)); }

        /** Re-adds every packet with another SA (the receiving side), keeping ESN settings off. */
        void rebind(SaCipher sa) { for (int i = 0; i < bufs.size(); i++) rebind(i, sa); }

        void rebind(int i, SaCipher sa) {
            if (i == 0) rebuild = new ArrayList<>(java.util.Collections.nCopies(bufs.size(), (SaCipher) null));
            rebuild.set(i, sa);
            if (i == bufs.size() - 1) {
                batch.reset();
                for (int j = 0; j < bufs.size(); j++) {
                    int[] l = layout.get(j);
                    batch.add(rebuild.get(j), bufs.get(j), l[0], 8, l[0] + 8, dataOff(j), l[2]);
                }
            }
        }

        private List<SaCipher> rebuild;
    }
}
