package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** Truncated HMAC through a JCE {@link Mac} keyed once per SA. */
final class JceIcvPart implements IcvPart {
    private final Mac mac;
    private final int icvLen;
    private final byte[] full;
    private final byte[] hi = new byte[4];

    JceIcvPart(AuthAlgorithm auth, byte[] key) throws GeneralSecurityException {
        this.mac = Mac.getInstance(auth.jceName());
        mac.init(new SecretKeySpec(key, auth.jceName()));
        Arrays.fill(key, (byte) 0);
        this.icvLen = auth.icvBytes();
        this.full = new byte[mac.getMacLength()];
    }

    private void compute(byte[] b, int off, int len, boolean esn, int seqHi) {
        mac.update(b, off, len);
        if (esn) {
            IcvPart.putInt(hi, 0, seqHi);
            mac.update(hi, 0, 4);
        }
        try {
            mac.doFinal(full, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);   // full is sized to the MAC; cannot happen
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

    @Override public void wipe() { Arrays.fill(full, (byte) 0); mac.reset(); }
}
