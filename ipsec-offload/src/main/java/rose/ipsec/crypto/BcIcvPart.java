package rose.ipsec.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** Truncated HMAC through Bouncy Castle's {@link HMac}, keyed once per SA. */
final class BcIcvPart implements IcvPart {
    private final HMac mac;
    private final int icvLen;
    private final byte[] full;
    private final byte[] hi = new byte[4];

    BcIcvPart(AuthAlgorithm auth, byte[] key) {
        mac = new HMac(digest(auth));
        mac.init(new KeyParameter(key));
        Arrays.fill(key, (byte) 0);
        icvLen = auth.icvBytes();
        full = new byte[mac.getMacSize()];
    }

    private static Digest digest(AuthAlgorithm a) {
        switch (a) {
            case MD5: return new MD5Digest();
            case SHA1: return new SHA1Digest();
            case SHA256: return SHA256Digest.newInstance();
            case SHA384: return new SHA384Digest();
            case SHA512: return new SHA512Digest();
            default: throw new IllegalArgumentException("no digest for " + a);
        }
    }

    private void compute(byte[] b, int off, int len, boolean esn, int seqHi) {
        mac.update(b, off, len);
        if (esn) {
            IcvPart.putInt(hi, 0, seqHi);
            mac.update(hi, 0, 4);
        }
        mac.doFinal(full, 0);   // also resets to the keyed state
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
