package rose.ipsec.crypto;

import java.util.Arrays;
import rose.ipsec.backend.KernelAlgorithmNames;
import rose.os.AfAlg;
import rose.os.Errno;
import rose.os.NativeException;

/**
 * One SA keyed in the kernel: an AEAD operation socket, or a cipher socket plus an HMAC socket.
 * Scratch buffers are made here and grow at most once per SA (never per packet).
 *
 * <p>AEAD request layout (as esp4 hands it to rfc4106/rfc7539esp): AAD = head (SPI ‖ seq, or
 * SPI ‖ seq-hi ‖ seq-lo with ESN) ‖ explicit IV, assoclen counting the IV; the IV also goes in
 * ALG_SET_IV. Output: AAD ‖ ciphertext ‖ tag (seal) or AAD ‖ plaintext (open, EBADMSG on a bad tag).
 *
 * <p>The ESP templates accept only ESP's AAD: crypto_ipsec_check_assoclen refuses any assoclen
 * but 16 or 20 (SPI ‖ seq or SPI ‖ seq-hi ‖ seq-lo, plus the IV) with EINVAL. A request with any
 * other head (the GCM specification's own vectors carry none, or 20 octets) goes to the plain
 * AEAD, {@code gcm(aes)} or {@code rfc7539(chacha20,poly1305)}, with the 12-octet nonce salt ‖ IV
 * built here and AAD = head alone, which is what the ESP template does inside the kernel. That
 * socket is opened the first time such a request comes.
 */
final class AfAlgSa implements SaCipher {
    private final AfAlgEngine engine;
    private final Transform t;
    private final AfAlg aeadTfm, cipherTfm, hashTfm;
    private final AfAlg.Op aead, cipher, hash;
    /** The plain AEAD for heads the ESP template refuses; its key (without salt) until then. */
    private AfAlg plainTfm;
    private AfAlg.Op plain;
    private final byte[] plainKey, salt, nonce = new byte[12];
    private byte[] scratch = new byte[2048];
    private final byte[] digest = new byte[64];
    private boolean closed;

    AfAlgSa(AfAlgEngine engine, Transform t, byte[] encKeymat, byte[] authKeymat) {
        this.engine = engine;
        this.t = t;
        AfAlg a = null, c = null, h = null;
        AfAlg.Op ao = null, co = null, ho = null;
        try {
            if (t.isAead()) {
                a = AfAlg.bind("aead", KernelAlgorithmNames.aead(t.enc()));
                a.setKey(encKeymat);
                a.setAuthSize(t.icvBytes());
                ao = a.accept();
            } else {
                if (t.enc() != EncAlgorithm.NULL) {
                    c = AfAlg.bind("skcipher", KernelAlgorithmNames.cipher(t.enc()));
                    c.setKey(encKeymat);
                    co = c.accept();
                }
                if (t.auth() != AuthAlgorithm.NONE) {
                    h = AfAlg.bind("hash", KernelAlgorithmNames.hmac(t.auth()));
                    h.setKey(authKeymat);
                    ho = h.accept();
                }
            }
        } catch (NativeException | RuntimeException e) {
            for (AutoCloseable x : new AutoCloseable[] {ao, co, ho, a, c, h}) closeQuietly(x);
            throw new IllegalArgumentException("af-alg cannot key " + t + ": " + e.getMessage(), e);
        }
        aeadTfm = a; cipherTfm = c; hashTfm = h;
        int saltLen = t.isAead() ? t.enc().saltBytes() : 0;
        plainKey = t.isAead() ? Arrays.copyOf(encKeymat, encKeymat.length - saltLen) : new byte[0];
        salt = t.isAead() ? Arrays.copyOfRange(encKeymat, encKeymat.length - saltLen, encKeymat.length) : new byte[0];
        aead = ao; cipher = co; hash = ho;
    }

    private static void closeQuietly(AutoCloseable x) {
        try { if (x != null) x.close(); } catch (Exception ignored) { /* closing a fd */ }
    }

    @Override public Transform transform() { return t; }
    @Override public CryptoEngine engine() { return engine; }
    @Override public boolean isClosed() { return closed; }

    @Override public void close() {
        if (closed) return;
        closed = true;
        for (AutoCloseable x : new AutoCloseable[] {aead, cipher, hash, plain, aeadTfm, cipherTfm, hashTfm, plainTfm}) closeQuietly(x);
        Arrays.fill(scratch, (byte) 0);
        Arrays.fill(plainKey, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    private CryptoStatus precheck(CryptoBatch b, int k) {
        if (closed) return CryptoStatus.SA_CLOSED;
        if (!b.rangesValid(k, t)) return CryptoStatus.BAD_LENGTH;
        if (t.enc().mode() == EncAlgorithm.Mode.CBC && b.dataLen(k) % t.enc().padBlockBytes() != 0) return CryptoStatus.BAD_LENGTH;
        if (!t.isAead() && b.headOff(k) > b.dataOff(k)) return CryptoStatus.BAD_LENGTH;
        return null;
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) scratch = new byte[Math.max(n, scratch.length * 2)];
        return scratch;
    }

    /** Writes the AEAD AAD (head, ESN-expanded, then IV) into scratch; returns its length. */
    private int aad(CryptoBatch b, int k, byte[] s) {
        byte[] buf = b.buf(k);
        int h = b.headOff(k), n;
        if (b.esn(k)) {
            System.arraycopy(buf, h, s, 0, 4);
            IcvPart.putInt(s, 4, b.seqHi(k));
            System.arraycopy(buf, h + 4, s, 8, b.headLen(k) - 4);
            n = b.headLen(k) + 4;
        } else {
            System.arraycopy(buf, h, s, 0, b.headLen(k));
            n = b.headLen(k);
        }
        System.arraycopy(buf, b.ivOff(k), s, n, t.ivBytes());
        return n + t.ivBytes();
    }

    /** What crypto_ipsec_check_assoclen lets through to rfc4106/rfc7539esp: head 8 or 12, plus the IV. */
    private boolean espAssocLen(int a) {
        return a == 8 + t.ivBytes() || a == 12 + t.ivBytes();
    }

    /** Removes the IV that {@link #aad} put after the head: the plain AEAD takes it in the nonce. */
    private int dropIv(byte[] s, int a, int textLen) {
        int head = a - t.ivBytes();
        System.arraycopy(s, a, s, head, textLen);
        return head;
    }

    /** salt ‖ explicit IV: the 12-octet nonce of RFC 4106 §4 and RFC 7634 §2. */
    private byte[] nonce(byte[] buf, int ivOff) {
        System.arraycopy(salt, 0, nonce, 0, salt.length);
        System.arraycopy(buf, ivOff, nonce, salt.length, t.ivBytes());
        return nonce;
    }

    /** The plain AEAD operation socket, opened on first use; null if the kernel cannot give it. */
    private AfAlg.Op plain() {
        if (plain != null) return plain;
        AfAlg p = null;
        try {
            p = AfAlg.bind("aead", t.enc() == EncAlgorithm.CHACHA20_POLY1305 ? "rfc7539(chacha20,poly1305)" : "gcm(aes)");
            p.setKey(plainKey);
            p.setAuthSize(t.icvBytes());
            plain = p.accept();
            plainTfm = p;
            return plain;
        } catch (NativeException | RuntimeException e) {
            closeQuietly(p);
            return null;
        }
    }

    CryptoStatus seal(CryptoBatch b, int k) {
        CryptoStatus pre = precheck(b, k);
        if (pre != null) return pre;
        byte[] buf = b.buf(k);
        int off = b.dataOff(k), len = b.dataLen(k);
        if (t.isAead()) {
            byte[] s = scratch(len + 64 + t.icvBytes());
            int a = aad(b, k, s);
            System.arraycopy(buf, off, s, a, len);
            int r;
            if (espAssocLen(a)) {
                r = aead.aead(AfAlg.OP_ENCRYPT, buf, b.ivOff(k), t.ivBytes(), a, t.icvBytes(), s, 0, a + len, s, 0);
            } else {
                a = dropIv(s, a, len);
                AfAlg.Op o = plain();
                r = o == null ? -1 : o.aead(AfAlg.OP_ENCRYPT, nonce(buf, b.ivOff(k)), 0, nonce.length, a, t.icvBytes(), s, 0, a + len, s, 0);
            }
            if (r != a + len + t.icvBytes()) return CryptoStatus.ENGINE_ERROR;
            System.arraycopy(s, a, buf, off, len + t.icvBytes());
            return CryptoStatus.OK;
        }
        if (cipher != null && len > 0) {
            int r = cipher.cipher(AfAlg.OP_ENCRYPT, buf, b.ivOff(k), t.ivBytes(), buf, off, len, buf, off);
            if (r != len) return CryptoStatus.ENGINE_ERROR;
        }
        if (hash != null) {
            if (!mac(b, k)) return CryptoStatus.ENGINE_ERROR;
            System.arraycopy(digest, 0, buf, off + len, t.icvBytes());
        }
        return CryptoStatus.OK;
    }

    CryptoStatus open(CryptoBatch b, int k) {
        CryptoStatus pre = precheck(b, k);
        if (pre != null) return pre;
        byte[] buf = b.buf(k);
        int off = b.dataOff(k), len = b.dataLen(k);
        if (t.isAead()) {
            byte[] s = scratch(len + 64 + t.icvBytes());
            int a = aad(b, k, s);
            System.arraycopy(buf, off, s, a, len + t.icvBytes());
            int r;
            if (espAssocLen(a)) {
                r = aead.aead(AfAlg.OP_DECRYPT, buf, b.ivOff(k), t.ivBytes(), a, t.icvBytes(), s, 0, a + len + t.icvBytes(), s, 0);
            } else {
                a = dropIv(s, a, len + t.icvBytes());
                AfAlg.Op o = plain();
                r = o == null ? -1 : o.aead(AfAlg.OP_DECRYPT, nonce(buf, b.ivOff(k)), 0, nonce.length, a, t.icvBytes(), s, 0, a + len + t.icvBytes(), s, 0);
            }
            if (r == -Errno.EBADMSG) return CryptoStatus.BAD_ICV;
            if (r != a + len) return CryptoStatus.ENGINE_ERROR;
            System.arraycopy(s, a, buf, off, len);
            return CryptoStatus.OK;
        }
        // RFC 4303 §3.4.4: integrity first.
        if (hash != null) {
            if (!mac(b, k)) return CryptoStatus.ENGINE_ERROR;
            if (!IcvPart.equal(digest, 0, buf, off + len, t.icvBytes())) return CryptoStatus.BAD_ICV;
        }
        if (cipher != null && len > 0) {
            int r = cipher.cipher(AfAlg.OP_DECRYPT, buf, b.ivOff(k), t.ivBytes(), buf, off, len, buf, off);
            if (r != len) return CryptoStatus.ENGINE_ERROR;
        }
        return CryptoStatus.OK;
    }

    /** HMAC over head ‖ IV ‖ ciphertext (‖ seq-hi with ESN) into {@link #digest}. */
    private boolean mac(CryptoBatch b, int k) {
        int h = b.headOff(k), n = b.dataOff(k) + b.dataLen(k) - h;
        byte[] in = b.buf(k);
        int inOff = h;
        if (b.esn(k)) {
            byte[] s = scratch(n + 4);
            System.arraycopy(in, h, s, 0, n);
            IcvPart.putInt(s, n, b.seqHi(k));
            in = s;
            inOff = 0;
            n += 4;
        }
        int r = hash.hash(in, inOff, n, digest, 0, digest.length);
        return r >= t.icvBytes();
    }
}
