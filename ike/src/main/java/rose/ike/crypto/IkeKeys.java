package rose.ike.crypto;

import java.nio.ByteBuffer;
import rose.ike.message.IkeException;

/**
 * The seven IKE SA secrets of RFC 7296 §2.14:
 * <pre>
 * SKEYSEED = prf(Ni | Nr, g^ir)
 * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr)
 * </pre>
 * and for an IKE SA rekey (§2.18) SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr).
 * SK_e includes the salt for AEAD ciphers (RFC 5282 §7.1).
 */
public record IkeKeys(byte[] skD, byte[] skAi, byte[] skAr, byte[] skEi, byte[] skEr, byte[] skPi, byte[] skPr) {

    public static byte[] skeyseed(Prf prf, byte[] ni, byte[] nr, byte[] gir) {
        // §2.14: for HMAC PRFs the key is the nonces concatenated (no truncation needed).
        return prf.compute(concat(ni, nr), gir);
    }

    public static byte[] rekeySkeyseed(Prf prf, byte[] oldSkD, byte[] gir, byte[] ni, byte[] nr) {
        return prf.compute(oldSkD, gir, ni, nr);
    }

    public static IkeKeys derive(IkeSuite s, byte[] skeyseed, byte[] ni, byte[] nr, long spiI, long spiR) throws IkeException {
        int pl = s.prf().outputLength;
        int al = s.encryption().aead() ? 0 : s.integrity().keyLength;
        int el = s.encryption().keyMaterialLength(s.keyBits());
        byte[] seed = ByteBuffer.allocate(ni.length + nr.length + 16).put(ni).put(nr).putLong(spiI).putLong(spiR).array();
        ByteBuffer km = ByteBuffer.wrap(s.prf().plus(skeyseed, seed, pl * 3 + al * 2 + el * 2));
        return new IkeKeys(take(km, pl), take(km, al), take(km, al), take(km, el), take(km, el), take(km, pl), take(km, pl));
    }

    /**
     * CHILD_SA key material (§2.17): KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), taken as
     * encryption then integrity key for initiator-to-responder, then the same for the reverse.
     */
    public static ChildKeys childKeys(Prf prf, byte[] skD, byte[] gir, byte[] ni, byte[] nr, ChildSuite s) throws IkeException {
        int el = s.encKeyMaterialLength();
        int al = s.integrity().keyLength;
        byte[] seed = gir == null ? concat(ni, nr) : concat(gir, concat(ni, nr));
        ByteBuffer km = ByteBuffer.wrap(prf.plus(skD, seed, 2 * (el + al)));
        return new ChildKeys(take(km, el), take(km, al), take(km, el), take(km, al));
    }

    /** Keys of one CHILD_SA: "i2r" protects traffic from the IKE initiator to the responder. */
    public record ChildKeys(byte[] encI2r, byte[] integI2r, byte[] encR2i, byte[] integR2i) {}

    private static byte[] take(ByteBuffer b, int n) { byte[] o = new byte[n]; b.get(o); return o; }

    static byte[] concat(byte[] a, byte[] b) { return EcpGroup.concat(a, b); }
}
