package rose.ipsec.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The keyed context of a software engine: a cipher part (or AEAD part) plus an ICV part, and
 * the scratch the ESN AAD needs, all made when the SA is installed.
 */
final class SoftwareSa implements SaCipher {
    private final CryptoEngine engine;
    private final Transform transform;
    private final CipherPart cipher;   // null for AEAD
    private final AeadPart aead;       // null for non-AEAD
    private final IcvPart icv;         // null when auth is NONE or AEAD
    private byte[] aadScratch = new byte[16];
    private boolean closed;

    SoftwareSa(CryptoEngine engine, Transform transform, CipherPart cipher, AeadPart aead, IcvPart icv) {
        this.engine = engine;
        this.transform = transform;
        this.cipher = cipher;
        this.aead = aead;
        this.icv = icv;
    }

    @Override public Transform transform() { return transform; }
    @Override public CryptoEngine engine() { return engine; }
    @Override public boolean isClosed() { return closed; }

    @Override public void close() {
        if (closed) return;
        closed = true;
        if (cipher != null) cipher.wipe();
        if (aead != null) aead.wipe();
        if (icv != null) icv.wipe();
        Arrays.fill(aadScratch, (byte) 0);
    }

    CryptoStatus seal(CryptoBatch b, int k) throws GeneralSecurityException {
        CryptoStatus pre = precheck(b, k);
        if (pre != null) return pre;
        byte[] buf = b.buf(k);
        int off = b.dataOff(k), len = b.dataLen(k);
        if (aead != null) {
            aead.seal(buf, aadOf(b, k), aadOff(b, k), aadLen(b, k), b.ivOff(k), off, len);
            return CryptoStatus.OK;
        }
        cipher.encrypt(buf, b.ivOff(k), off, len);
        if (icv != null) icv.sign(buf, b.headOff(k), off + len - b.headOff(k), b.esn(k), b.seqHi(k), off + len);
        return CryptoStatus.OK;
    }

    CryptoStatus open(CryptoBatch b, int k) throws GeneralSecurityException {
        CryptoStatus pre = precheck(b, k);
        if (pre != null) return pre;
        byte[] buf = b.buf(k);
        int off = b.dataOff(k), len = b.dataLen(k);
        if (aead != null) {
            boolean good = aead.open(buf, aadOf(b, k), aadOff(b, k), aadLen(b, k), b.ivOff(k), off, len);
            return good ? CryptoStatus.OK : CryptoStatus.BAD_ICV;
        }
        // RFC 4303 §3.4.4: integrity first, so forged packets cost no decryption and leak nothing.
        if (icv != null && !icv.verify(buf, b.headOff(k), off + len - b.headOff(k), b.esn(k), b.seqHi(k), off + len))
            return CryptoStatus.BAD_ICV;
        cipher.decrypt(buf, b.ivOff(k), off, len);
        return CryptoStatus.OK;
    }

    private CryptoStatus precheck(CryptoBatch b, int k) {
        if (closed) return CryptoStatus.SA_CLOSED;
        if (!b.rangesValid(k, transform)) return CryptoStatus.BAD_LENGTH;
        if (cipher != null && b.dataLen(k) % cipher.blockBytes() != 0) return CryptoStatus.BAD_LENGTH;
        if (icv != null && b.headOff(k) > b.dataOff(k)) return CryptoStatus.BAD_LENGTH;
        return null;
    }

    // AAD: the head as it lies in the packet, or with ESN SPI ‖ seq-hi ‖ rest of head (RFC 4106 §5).
    private byte[] aadOf(CryptoBatch b, int k) {
        if (!b.esn(k)) return b.buf(k);
        int n = b.headLen(k) + 4;
        if (aadScratch.length < n) aadScratch = new byte[n];   // grows once per SA, not per packet
        byte[] src = b.buf(k);
        int h = b.headOff(k);
        System.arraycopy(src, h, aadScratch, 0, 4);
        IcvPart.putInt(aadScratch, 4, b.seqHi(k));
        System.arraycopy(src, h + 4, aadScratch, 8, b.headLen(k) - 4);
        return aadScratch;
    }

    private static int aadOff(CryptoBatch b, int k) { return b.esn(k) ? 0 : b.headOff(k); }
    private static int aadLen(CryptoBatch b, int k) { return b.esn(k) ? b.headLen(k) + 4 : b.headLen(k); }
}
