package rose.ike.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.message.*;

class SkCipherTest {
    static final SecureRandom RND = new SecureRandom(new byte[] {7});

    static List<IkeSuite> suites() {
        return List.of(new IkeSuite(Encryption.AES_CBC, 128, Integrity.HMAC_SHA1_96, Prf.HMAC_SHA1, ModpGroup.MODP1024),
                new IkeSuite(Encryption.AES_CBC, 192, Integrity.HMAC_SHA2_384_192, Prf.HMAC_SHA2_384, EcpGroup.ECP384),
                new IkeSuite(Encryption.AES_CBC, 256, Integrity.HMAC_SHA2_512_256, Prf.HMAC_SHA2_512, X25519Group.X25519),
                new IkeSuite(Encryption.TRIPLE_DES_CBC, 192, Integrity.HMAC_SHA2_256_128, Prf.HMAC_SHA2_256, ModpGroup.MODP2048),
                new IkeSuite(Encryption.DES_CBC, 64, Integrity.HMAC_MD5_96, Prf.HMAC_MD5, ModpGroup.MODP768),
                new IkeSuite(Encryption.AES_GCM_16, 256, Integrity.NONE, Prf.HMAC_SHA2_256, EcpGroup.ECP256),
                new IkeSuite(Encryption.AES_GCM_12, 128, Integrity.NONE, Prf.HMAC_SHA1, EcpGroup.ECP521));
    }

    static SkCipher[] pair(IkeSuite s) throws IkeException {
        byte[] ni = new byte[32], nr = new byte[32], gir = new byte[64];
        RND.nextBytes(ni); RND.nextBytes(nr); RND.nextBytes(gir);
        IkeKeys k = IkeKeys.derive(s, IkeKeys.skeyseed(s.prf(), ni, nr, gir), ni, nr, 1, 2);
        assertEquals(s.prf().outputLength, k.skD().length);
        return new SkCipher[] {new SkCipher(s, k.skEi(), k.skAi()), new SkCipher(s, k.skEi(), k.skAi())};
    }

    @Test void sealThenOpenForEveryIkeCipher() throws IkeException {
        List<Payload> inner = List.of(new IdPayload(true, IdPayload.ID_FQDN, "boise".getBytes()), new AuthPayload(2, new byte[32]),
                NotifyPayload.of(NotifyType.INITIAL_CONTACT));
        for (IkeSuite s : suites()) {
            SkCipher[] p = pair(s);
            for (int extra = 0; extra < 20; extra++) {
                List<Payload> in = extra == 0 ? inner : List.of(new VendorIdPayload(new byte[extra]));
                byte[] d = p[0].seal(1, 2, ExchangeType.IKE_AUTH, IkeHeader.FLAG_INITIATOR, 1, in, RND);
                IkeMessage m = IkeMessage.decode(d);
                assertArrayEquals(PayloadChain.encode(in), PayloadChain.encode(p[1].open(m)), s.toString());
            }
        }
    }

    @Test void everyFlippedBitIsRejected() throws IkeException {
        for (IkeSuite s : suites()) {
            SkCipher[] p = pair(s);
            byte[] d = p[0].seal(1, 2, ExchangeType.INFORMATIONAL, 0, 5, List.of(), RND);
            for (int bit = 0; bit < d.length * 8; bit += 3) {
                byte[] t = d.clone();
                t[bit / 8] ^= (byte) (1 << (bit % 8));
                try {
                    p[1].open(IkeMessage.decode(t));
                    fail(s + ": flipped bit " + bit + " accepted");
                } catch (IkeException expected) {
                    // header, SK header, IV, ciphertext and ICV are all covered
                }
            }
        }
    }

    @Test void pskAuthDependsOnEveryInput() {
        byte[] base = PskAuth.authData(Prf.HMAC_SHA2_256, "secret".getBytes(), new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {4});
        assertEquals(32, base.length);
        assertFalse(java.util.Arrays.equals(base, PskAuth.authData(Prf.HMAC_SHA2_256, "secreT".getBytes(), new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {4})));
        assertFalse(java.util.Arrays.equals(base, PskAuth.authData(Prf.HMAC_SHA2_256, "secret".getBytes(), new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {5})));
    }

    @Test void childKeyMaterialHasTheNegotiatedLengths() throws IkeException {
        ChildSuite gcm = new ChildSuite(Encryption.AES_GCM_16, 256, Integrity.NONE, null, false);
        IkeKeys.ChildKeys k = IkeKeys.childKeys(Prf.HMAC_SHA2_256, new byte[32], null, new byte[16], new byte[16], gcm);
        assertEquals(36, k.encI2r().length);
        assertEquals(0, k.integI2r().length);
        ChildSuite cbc = new ChildSuite(Encryption.AES_CBC, 128, Integrity.HMAC_SHA2_256_128, ModpGroup.MODP2048, false);
        IkeKeys.ChildKeys c = IkeKeys.childKeys(Prf.HMAC_SHA2_256, new byte[32], new byte[256], new byte[16], new byte[16], cbc);
        assertEquals(16, c.encR2i().length);
        assertEquals(32, c.integR2i().length);
        assertFalse(java.util.Arrays.equals(c.encI2r(), c.encR2i()));
    }
}
