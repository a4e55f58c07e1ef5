package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * AES counter mode both ways it runs: the JDK's own {@code CounterMode} ({@link JdkCounterMode}) and
 * the portable path (ECB keystream, XOR in Java), against RFC 3686's vectors and against each other
 * on random keys, lengths, offsets and counters, so the fallback stays right where the JDK's is the
 * one in use, and a packet never inherits keystream left over from the one before.
 */
class AesCounterStreamTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 3686 test vector #3 (36 octets: the last block partial), and SP 800-38A F.5.5 (AES-256, a counter whose low bytes carry). */
    private static void rfc3686(boolean jdk) throws Exception {
        AesCounterStream s = new AesCounterStream(HEX.parseHex("7691be035e5020a8ac6e618529f9a0dc"), jdk);
        byte[] b = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223");
        s.xor(HEX.parseHex("00e0017b27777f3f4a1786f000000001"), b, 0, b.length);
        assertEquals("c1cf48a89f2ffdd9cf4652e9efdb72d74540a42bde6d7836d59a5ceaaef3105325b2072f", HEX.formatHex(b));
        AesCounterStream s256 = new AesCounterStream(HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), jdk);
        b = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51");
        s256.xor(HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), b, 0, b.length);
        assertEquals("601ec313775789a5b7a7f504bbf3d228" + "f443e3ca4d62b59aca84e990cacaf5c5", HEX.formatHex(b));
    }

    @Test
    void portablePathMatchesRfc3686() throws Exception {
        rfc3686(false);
    }

    @Test
    void jdkCounterModeMatchesRfc3686() throws Exception {
        assumeTrue(JdkCounterMode.usable(), () -> "JDK AES-CTR out of reach: " + JdkCounterMode.unusableBecause().orElse(""));
        rfc3686(true);
    }

    @Test
    void theJdkPathIsTheDefaultWhereItIsReachable() {
        // the build runs tests with --add-opens java.base/com.sun.crypto.provider, as the rose launcher runs the router
        assertTrue(JdkCounterMode.usable(), () -> "the JDK's counter mode should be reachable here: " + JdkCounterMode.unusableBecause().orElse(""));
    }

    @Test
    void bothPathsAgreeOnRandomPackets() throws Exception {
        assumeTrue(JdkCounterMode.usable(), () -> "JDK AES-CTR out of reach: " + JdkCounterMode.unusableBecause().orElse(""));
        Random r = new Random(3686);
        for (int keyLen : new int[] {16, 24, 32}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            AesCounterStream jdk = new AesCounterStream(key, true), portable = new AesCounterStream(key, false);
            for (int i = 0; i < 400; i++) {
                int len = i < 40 ? i : r.nextInt(9000), off = r.nextInt(20);
                byte[] first = new byte[16];
                r.nextBytes(first);
                if (i % 5 == 0) first[15] = (byte) 0xfe;          // the counter's low bytes carry within the packet
                byte[] a = new byte[off + len + 7];
                r.nextBytes(a);
                byte[] b = a.clone(), firstCopy = first.clone();
                jdk.xor(first, a, off, len);
                portable.xor(first, b, off, len);
                assertArrayEquals(b, a, "key " + keyLen + ", packet " + i + ", " + len + " octets at " + off);
                assertArrayEquals(firstCopy, first, "the first counter block is left as it was");
            }
        }
    }

    @Test
    void wipingTheJdkPathForgetsTheKey() throws Exception {
        assumeTrue(JdkCounterMode.usable(), () -> "JDK AES-CTR out of reach: " + JdkCounterMode.unusableBecause().orElse(""));
        byte[] key = HEX.parseHex("7691be035e5020a8ac6e618529f9a0dc"), first = new byte[16];
        AesCounterStream s = new AesCounterStream(key, true);
        byte[] before = new byte[32], after = new byte[32];
        s.xor(first, before, 0, 32);
        s.wipe();
        s.xor(first, after, 0, 32);
        assertTrue(!Arrays.equals(before, after), "after wipe the keystream is no longer the key's");
    }
}
