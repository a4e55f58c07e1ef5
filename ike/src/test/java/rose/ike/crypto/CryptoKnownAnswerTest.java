package rose.ike.crypto;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.Hex.decode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import rose.ike.Hex;
import rose.ike.message.IkeException;

class CryptoKnownAnswerTest {

    @Test void hmacRfc4231TestCase1And2() {
        byte[] k1 = new byte[20];
        java.util.Arrays.fill(k1, (byte) 0x0b);
        byte[] d1 = "Hi There".getBytes(StandardCharsets.US_ASCII);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", Hex.encode(Prf.HMAC_SHA2_256.compute(k1, d1)));
        assertEquals("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6", Hex.encode(Prf.HMAC_SHA2_384.compute(k1, d1)));
        assertEquals("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
                Hex.encode(Prf.HMAC_SHA2_512.compute(k1, d1)));
        byte[] k2 = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] d2 = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.encode(Prf.HMAC_SHA2_256.compute(k2, d2)));
        // RFC 4868 truncation: HMAC-SHA-256-128 is the first 16 bytes
        assertEquals("5bdcc146bf60754e6a042426089575c7", Hex.encode(Integrity.HMAC_SHA2_256_128.icv(k2, d2, 0, d2.length)));
    }

    @Test void x25519Rfc7748Section61() throws IkeException {
        byte[] a = decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] aPub = decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] b = decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] bPub = decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        String k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        assertEquals(k, Hex.encode(X25519Group.X25519.fromPrivate(a, aPub).sharedSecret(bPub)));
        assertEquals(k, Hex.encode(X25519Group.X25519.fromPrivate(b, bPub).sharedSecret(aPub)));
        assertThrows(IkeException.class, () -> X25519Group.X25519.fromPrivate(a, aPub).sharedSecret(new byte[32]), "small-order point");
    }

    @Test void ecp256Rfc5903Section81() throws IkeException {
        BigInteger i = new BigInteger("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433", 16);
        byte[] gi = decode("DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
                + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3");
        BigInteger r = new BigInteger("C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53", 16);
        byte[] gr = decode("D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
                + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB");
        String gir = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";
        assertEquals(gir, Hex.encode(EcpGroup.ECP256.fromPrivate(i, gi).sharedSecret(gr)));
        assertEquals(gir, Hex.encode(EcpGroup.ECP256.fromPrivate(r, gr).sharedSecret(gi)));
        byte[] offCurve = gr.clone();
        offCurve[63] ^= 1;
        assertThrows(IkeException.class, () -> EcpGroup.ECP256.fromPrivate(i, gi).sharedSecret(offCurve));
    }

    @Test void everyGroupAgreesWithItselfAndRefusesBadLengths() throws IkeException {
        SecureRandom rnd = new SecureRandom(new byte[] {1});
        for (DhGroup g : DhGroup.ALL) {
            KeyExchange a = g.newExchange(rnd), b = g.newExchange(rnd);
            assertEquals(g.publicValueLength(), a.publicValue().length, g.routerOsName());
            assertArrayEquals(a.sharedSecret(b.publicValue()), b.sharedSecret(a.publicValue()), g.routerOsName());
            assertThrows(IkeException.class, () -> a.sharedSecret(new byte[g.publicValueLength() - 1]), g.routerOsName());
            assertEquals(g, DhGroup.byRouterOsName(g.routerOsName()));
            assertEquals(g, DhGroup.byId(g.id()));
        }
        byte[] one = new byte[256];
        one[255] = 1;
        assertThrows(IkeException.class, () -> ModpGroup.MODP2048.newExchange(rnd).sharedSecret(one), "y = 1");
    }

    @Test void modpPrimesMatchTheRfcs() {
        // RFC 2409 §6.1/6.2 and RFC 3526: p = 2^n - 2^(n-64) - 1 + 2^64 * ( [2^(n-130) pi] + k ); spot-check the tails
        assertTrue(ModpGroup.MODP768.prime().toString(16).endsWith("a63a3620ffffffffffffffff"));
        assertTrue(ModpGroup.MODP1024.prime().toString(16).endsWith("49286651ece65381ffffffffffffffff"));
        assertTrue(ModpGroup.MODP2048.prime().toString(16).endsWith("15728e5a8aacaa68ffffffffffffffff"));
        for (DhGroup g : DhGroup.ALL) if (g instanceof ModpGroup m) assertTrue(m.prime().isProbablePrime(20), m.toString());
    }

    @Test void prfPlusIsTheConcatenationOfChainedBlocks() throws IkeException {
        byte[] k = decode("000102030405060708090a0b0c0d0e0f");
        byte[] s = decode("aabbcc");
        byte[] out = Prf.HMAC_SHA1.plus(k, s, 50);
        byte[] t1 = Prf.HMAC_SHA1.compute(k, s, new byte[] {1});
        byte[] t2 = Prf.HMAC_SHA1.compute(k, t1, s, new byte[] {2});
        byte[] t3 = Prf.HMAC_SHA1.compute(k, t2, s, new byte[] {3});
        assertEquals(Hex.encode(t1) + Hex.encode(t2) + Hex.encode(t3).substring(0, 20), Hex.encode(out));
        assertThrows(IkeException.class, () -> Prf.HMAC_SHA1.plus(k, s, 255 * 20 + 1));
    }
}
