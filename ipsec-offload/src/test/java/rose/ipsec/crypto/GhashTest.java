package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Both GHASH implementations against the GCM specification's test cases (McGrew and Viega, "The
 * Galois/Counter Mode of Operation", appendix B, whose H, A, C and GHASH values SP 800-38D uses),
 * and against each other on random lengths, so the table fallback stays right where the JDK's is
 * the one in use.
 */
class GhashTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String ghash(BiFunction<byte[], Integer, Ghash> make, String h, String a, String c) {
        Ghash g = make.apply(HEX.parseHex(h), 0);
        byte[] aad = HEX.parseHex(a), text = HEX.parseHex(c), out = new byte[16];
        g.reset();
        g.update(aad, 0, aad.length);
        g.update(text, 0, text.length);
        g.finish(aad.length, text.length, out, 0);
        return HEX.formatHex(out);
    }

    private static void specCases(BiFunction<byte[], Integer, Ghash> make) {
        // test case 2: one block of C, no A
        assertEquals("f38cbb1ad69223dcc3457ae5b6b0f885",
                ghash(make, "66e94bd4ef8a2c3b884cfa59ca342b2e", "", "0388dace60b6a392f328c2b971b2fe78"));
        // test case 4: 20 octets of A and 60 of C, both ending in a partial block
        assertEquals("698e57f70e6ecc7fd9463b7260a9ae5f",
                ghash(make, "b83b533708bf535d0aa6e52980d53b78", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"));
    }

    @Test
    void tableMatchesTheSpecification() {
        specCases(TableGhash::new);
    }

    @Test
    void jdkMatchesTheSpecification() {
        assumeTrue(JdkGhash.usable(), () -> "JDK GHASH out of reach: " + JdkGhash.unusableBecause().orElse(""));
        specCases(JdkGhash::new);
    }

    @Test
    void bothAgreeOnEveryLengthAndOffset() {
        assumeTrue(JdkGhash.usable(), () -> "JDK GHASH out of reach: " + JdkGhash.unusableBecause().orElse(""));
        Random rnd = new Random(38);
        byte[] h = new byte[16], data = new byte[2100], a = new byte[16], b = new byte[16];
        for (int round = 0; round < 300; round++) {
            rnd.nextBytes(h);
            rnd.nextBytes(data);
            int off = rnd.nextInt(64), aadLen = rnd.nextInt(13), len = rnd.nextInt(2000);
            Ghash t = new TableGhash(h, 0), j = new JdkGhash(h, 0);
            for (Ghash g : new Ghash[] {t, j}) {
                g.reset();
                g.update(data, off, aadLen);
                g.update(data, off + aadLen, len);
            }
            t.finish(aadLen, len, a, 0);
            j.finish(aadLen, len, b, 0);
            assertArrayEquals(a, b, "length " + len + " at " + off);
        }
    }

    @Test
    void theIntrinsicPathChecksItsRangeItself() {
        assumeTrue(JdkGhash.usable(), () -> "JDK GHASH out of reach: " + JdkGhash.unusableBecause().orElse(""));
        Ghash g = new JdkGhash(new byte[16], 0);
        assertThrows(IndexOutOfBoundsException.class, () -> g.blocks(new byte[40], 16, 2));
    }

    @Test
    void theJceEngineUsesTheJdkGhashWhereItIsUsableAndSaysSo() {
        assertEquals(JdkGhash.usable(), new JceEngine().probe().reasons().get(0).contains("GHASH by the JDK's intrinsic"));
    }
}
