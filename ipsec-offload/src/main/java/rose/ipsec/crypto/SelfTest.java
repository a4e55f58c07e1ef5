package rose.ipsec.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the known-answer vectors against one engine, as strongSwan's crypto tester does at start:
 * each vector is sealed at an odd offset and compared, opened and compared, and — where there is
 * an ICV — opened again with one ICV bit flipped, which must be refused. An algorithm with any
 * failing vector, or with no vector at all, is refused.
 */
public final class SelfTest {
    /** Room around the packet so that an engine writing out of range is caught. */
    private static final int OFFSET = 3, GUARD = 5;

    private SelfTest() { }

    /** Outcome for one engine. */
    public record Report(String engine, List<String> passed, List<String> failures,
                         Set<EncAlgorithm> acceptedEnc, Set<AuthAlgorithm> acceptedAuth) {
        public Report {
            passed = List.copyOf(passed);
            failures = List.copyOf(failures);
            acceptedEnc = Set.copyOf(acceptedEnc);
            acceptedAuth = Set.copyOf(acceptedAuth);
        }

        public boolean accepts(Transform t) {
            return acceptedEnc.contains(t.enc()) && acceptedAuth.contains(t.auth());
        }
    }

    public static Report run(CryptoEngine engine, List<KnownAnswer> vectors) {
        Set<EncAlgorithm> testedEnc = EnumSet.noneOf(EncAlgorithm.class), badEnc = EnumSet.noneOf(EncAlgorithm.class);
        Set<AuthAlgorithm> testedAuth = EnumSet.noneOf(AuthAlgorithm.class), badAuth = EnumSet.noneOf(AuthAlgorithm.class);
        List<String> passed = new ArrayList<>(), failures = new ArrayList<>();
        for (KnownAnswer v : vectors) {
            Transform t = v.transform();
            if (!engine.supports(t)) continue;
            String why = check(engine, v);
            testedEnc.add(t.enc());
            testedAuth.add(t.auth());
            if (why == null) {
                passed.add(v.id());
            } else {
                failures.add(v.id() + ": " + why);
                if (t.enc() != EncAlgorithm.NULL || t.auth() == AuthAlgorithm.NONE) badEnc.add(t.enc());
                if (t.auth() != AuthAlgorithm.NONE || t.enc() == EncAlgorithm.NULL) badAuth.add(t.auth());
            }
        }
        testedEnc.removeAll(badEnc);
        testedAuth.removeAll(badAuth);
        // NONE needs no vector of its own: it is a transform without integrity, not an algorithm.
        if (!badAuth.contains(AuthAlgorithm.NONE)) testedAuth.add(AuthAlgorithm.NONE);
        return new Report(engine.name(), passed, failures, testedEnc, testedAuth);
    }

    /** Returns null if the vector passes on this engine, else what went wrong. */
    public static String check(CryptoEngine engine, KnownAnswer v) {
        Transform t = v.transform();
        int head = v.head().length, iv = t.ivBytes(), n = v.plaintext().length, icv = t.icvBytes();
        int len = OFFSET + head + iv + n + icv + GUARD;
        byte[] expected = new byte[len];
        Arrays.fill(expected, (byte) 0xa5);
        put(expected, OFFSET, v.head(), v.iv(), v.ciphertext(), v.icv());
        byte[] buf = new byte[len];
        Arrays.fill(buf, (byte) 0xa5);
        put(buf, OFFSET, v.head(), v.iv(), v.plaintext(), new byte[0]);
        int dataOff = OFFSET + head + iv;
        try (SaCipher sa = engine.newSa(t, v.encKeymat(), v.authKey())) {
            CryptoBatch b = new CryptoBatch(1);
            b.add(sa, buf, OFFSET, head, OFFSET + head, dataOff, n);
            if (v.esnHigh().isPresent()) b.esnHigh(0, v.esnHigh().getAsInt());
            engine.seal(b);
            if (!b.ok(0)) return "seal: " + b.status(0);
            if (!Arrays.equals(buf, expected))
                return "seal gave " + KnownAnswer.hex(Arrays.copyOfRange(buf, dataOff, dataOff + n + icv))
                        + ", want " + KnownAnswer.hex(Arrays.copyOfRange(expected, dataOff, dataOff + n + icv));
        } catch (RuntimeException e) {
            return "seal threw " + e;
        }
        try (SaCipher sa = engine.newSa(t, v.encKeymat(), v.authKey())) {
            CryptoBatch b = new CryptoBatch(2);
            byte[] good = expected.clone();
            byte[] forged = expected.clone();
            b.add(sa, good, OFFSET, head, OFFSET + head, dataOff, n);
            if (icv > 0) {
                forged[dataOff + n + icv - 1] ^= 1;
                b.add(sa, forged, OFFSET, head, OFFSET + head, dataOff, n);
            }
            if (v.esnHigh().isPresent()) for (int k = 0; k < b.size(); k++) b.esnHigh(k, v.esnHigh().getAsInt());
            engine.open(b);
            if (!b.ok(0)) return "open: " + b.status(0);
            if (!Arrays.equals(Arrays.copyOfRange(good, dataOff, dataOff + n), v.plaintext()))
                return "open gave " + KnownAnswer.hex(Arrays.copyOfRange(good, dataOff, dataOff + n));
            if (icv > 0 && b.status(1) != CryptoStatus.BAD_ICV) return "flipped ICV bit gave " + b.status(1);
        } catch (RuntimeException e) {
            return "open threw " + e;
        }
        return null;
    }

    private static void put(byte[] dst, int off, byte[]... parts) {
        for (byte[] p : parts) {
            System.arraycopy(p, 0, dst, off, p.length);
            off += p.length;
        }
    }
}
