package rose.ipsec.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Truncated HMAC (RFC 2104) over a JCE {@link MessageDigest} keyed once per SA.
 *
 * <p>Why not {@code javax.crypto.Mac}: its {@code doFinal(out, off)} still goes through
 * {@code engineDoFinal()}, which returns a fresh array, and the JDK's HMAC core allocates another
 * for the inner hash — two arrays per packet (96 B/op for seal+open with SHA-256, measured with
 * JMH {@code -prof gc}). {@link MessageDigest#digest(byte[], int, int)} writes into our scratch,
 * so this is the same work (inner and outer hash, the padded key blocks hashed each time as the
 * JDK does) with nothing allocated per packet. The hash itself is still the JDK's (SHA-NI
 * intrinsics where HotSpot has them).
 */
final class JceIcvPart implements IcvPart {
    private final MessageDigest md;
    private final int icvLen;
    private final int hashLen;
    private final byte[] ipad, opad;   // key ⊕ 0x36 / 0x5c, one hash block each
    private final byte[] full;         // inner hash, then the full outer hash
    private final byte[] hi = new byte[4];

    JceIcvPart(AuthAlgorithm auth, byte[] key) throws GeneralSecurityException {
        this.md = MessageDigest.getInstance(digestName(auth));
        int block = auth == AuthAlgorithm.SHA384 || auth == AuthAlgorithm.SHA512 ? 128 : 64;
        this.hashLen = md.getDigestLength();
        this.icvLen = auth.icvBytes();
        byte[] k = key.length > block ? md.digest(key) : key;   // RFC 2104 §2: long keys are hashed first
        ipad = new byte[block];
        opad = new byte[block];
        for (int i = 0; i < block; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) Arrays.fill(k, (byte) 0);
        Arrays.fill(key, (byte) 0);
        this.full = new byte[hashLen];
    }

    static String digestName(AuthAlgorithm a) throws GeneralSecurityException {
        switch (a) {
            case MD5: return "MD5";
            case SHA1: return "SHA-1";
            case SHA256: return "SHA-256";
            case SHA384: return "SHA-384";
            case SHA512: return "SHA-512";
            default: throw new GeneralSecurityException("no HMAC for " + a);
        }
    }

    private void compute(byte[] b, int off, int len, boolean esn, int seqHi) {
        try {
            md.update(ipad);
            md.update(b, off, len);
            if (esn) {
                IcvPart.putInt(hi, 0, seqHi);
                md.update(hi, 0, 4);
            }
            md.digest(full, 0, hashLen);
            md.update(opad);
            md.update(full, 0, hashLen);
            md.digest(full, 0, hashLen);
        } catch (DigestException e) {
            throw new IllegalStateException(e);   // full is sized to the digest; cannot happen
        }
    }

    @Override public void sign(byte[] b, int off, int len, boolean esn, int seqHi, int icvOff) {
        compute(b, off, len, esn, seqHi);
        System.arraycopy(full, 0, b, icvOff, icvLen);
    }

    @Override public boolean verify(byte[] b, int off, int len, boolean esn, int seqHi, int icvOff) {
        compute(b, off, len, esn, seqHi);
        return IcvPart.equal(full, 0, b, icvOff, icvLen);
    }

    @Override public void wipe() {
        Arrays.fill(full, (byte) 0);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        md.reset();
    }
}
