package rose.ike.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeHeader;
import rose.ike.message.IkeMessage;
import rose.ike.message.NotifyType;
import rose.ike.message.Payload;
import rose.ike.message.PayloadChain;
import rose.ike.message.PayloadType;
import rose.ike.message.SkPayload;
import rose.ike.message.SkfPayload;
import rose.ike.message.Writer;

/**
 * Seals and opens the SK payload (RFC 7296 §3.14) for one direction of one IKE SA.
 *
 * <ol>
 * <li>Inner payloads are encoded; for CBC they are padded to the block size, the last byte
 *     being the pad length.</li>
 * <li>The IKE header and SK generic header are written with their final lengths first,
 *     because both are covered: by the ICV (CBC + HMAC, over everything up to the ICV) or as
 *     AAD (AES-GCM, RFC 5282 §5.1: header through the SK generic header).</li>
 * <li>For AES-GCM the nonce is the 4-byte salt from SK_e followed by the 8-byte explicit IV.</li>
 * </ol>
 * Opening reverses this and checks every length first; a failed ICV is an
 * {@link IkeException} the core answers with silence (§2.21.2: never respond to an
 * unauthenticated message with an error).
 */
public final class SkCipher {
    private final IkeSuite suite;
    private final byte[] encKey;
    private final byte[] salt;
    private final byte[] integKey;

    public SkCipher(IkeSuite suite, byte[] skE, byte[] skA) {
        this.suite = suite;
        int kl = suite.keyBits() / 8;
        this.encKey = Arrays.copyOf(skE, kl);
        this.salt = Arrays.copyOfRange(skE, kl, skE.length);
        this.integKey = skA;
    }

    private int icvLength() { return suite.encryption().aead() ? suite.encryption().icvLength : suite.integrity().icvLength; }

    public byte[] seal(long spiI, long spiR, ExchangeType e, int flags, long mid, List<Payload> inner, SecureRandom random) {
        return sealOne(spiI, spiR, e, flags, mid, PayloadChain.firstType(inner), 0, 0, PayloadChain.encode(inner), random);
    }

    /**
     * RFC 7383 §2.5: the inner chain cut into SKF payloads so that no datagram exceeds
     * {@code maxDatagram} bytes; each fragment is encrypted and integrity-protected on its own,
     * the IKE header and SKF header (with fragment number and total) being covered as for SK.
     */
    public List<byte[]> sealFragments(long spiI, long spiR, ExchangeType e, int flags, long mid, List<Payload> inner, int maxDatagram,
                                      SecureRandom random) {
        byte[] plain = PayloadChain.encode(inner);
        Encryption enc = suite.encryption();
        int room = maxDatagram - IkeHeader.SIZE - 8 - enc.ivLength - icvLength();
        int chunk = (room / enc.blockSize) * enc.blockSize - 1;
        if (chunk < 16) throw new IllegalArgumentException("fragment size " + maxDatagram + " leaves no room for data");
        int total = (plain.length + chunk - 1) / chunk;
        if (total > 0xffff) throw new IllegalArgumentException("message needs " + total + " fragments");
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] part = Arrays.copyOfRange(plain, i * chunk, Math.min(plain.length, (i + 1) * chunk));
            out.add(sealOne(spiI, spiR, e, flags, mid, i == 0 ? PayloadChain.firstType(inner) : 0, i + 1, total, part, random));
        }
        return out;
    }

    /** {@code fragNo == 0}: an SK payload; otherwise an SKF payload carrying fragment fragNo of total. */
    private byte[] sealOne(long spiI, long spiR, ExchangeType e, int flags, long mid, int firstInner, int fragNo, int fragTotal,
                           byte[] plain, SecureRandom random) {
        Encryption enc = suite.encryption();
        int block = enc.blockSize;
        int padLen = (block - (plain.length + 1) % block) % block;
        byte[] padded = Arrays.copyOf(plain, plain.length + padLen + 1);
        padded[padded.length - 1] = (byte) padLen;
        int skfExtra = fragNo == 0 ? 0 : 4;
        int skBody = skfExtra + enc.ivLength + padded.length + icvLength();
        int total = IkeHeader.SIZE + 4 + skBody;
        Writer w = new Writer();
        IkeHeader.encode(w, spiI, spiR, fragNo == 0 ? PayloadType.SK : PayloadType.SKF, e, flags, mid, total);
        w.u8(firstInner).u8(0).u16(4 + skBody);
        if (fragNo != 0) w.u16(fragNo).u16(fragTotal);
        byte[] aad = w.toByteArray();
        byte[] iv = new byte[enc.ivLength];
        random.nextBytes(iv);
        byte[] out = Arrays.copyOf(aad, total);
        System.arraycopy(iv, 0, out, aad.length, iv.length);
        try {
            Cipher c = Cipher.getInstance(enc.jceTransformation);
            if (enc.aead()) {
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, enc.jceKeyAlgorithm), new GCMParameterSpec(enc.icvLength * 8, nonce(iv)));
                c.updateAAD(aad);
                c.doFinal(padded, 0, padded.length, out, aad.length + iv.length);
            } else {
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, enc.jceKeyAlgorithm), new IvParameterSpec(iv));
                c.doFinal(padded, 0, padded.length, out, aad.length + iv.length);
                int icvOff = total - icvLength();
                byte[] icv = suite.integrity().icv(integKey, out, 0, icvOff);
                System.arraycopy(icv, 0, out, icvOff, icv.length);
            }
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(enc + " encryption failed", ex);
        }
        return out;
    }

    /** Verifies and decrypts the SK payload of {@code m}; returns the inner payloads, decoded. */
    public List<Payload> open(IkeMessage m) throws IkeException {
        SkPayload sk = m.sk();
        if (sk == null) throw IkeException.syntax("no SK payload");
        byte[] plain = openPlain(m, sk.body());
        return PayloadChain.decode(sk.firstInnerPayload(), plain, 0, plain.length);
    }

    /** Verifies and decrypts one SKF fragment (RFC 7383 §2.5.3); returns its plaintext part of the inner chain. */
    public byte[] openFragment(IkeMessage m, SkfPayload f) throws IkeException { return openPlain(m, f.body()); }

    /** {@code body} is what follows the (SK or SKF) headers and must end the datagram: IV, ciphertext, ICV. */
    private byte[] openPlain(IkeMessage m, byte[] body) throws IkeException {
        Encryption enc = suite.encryption();
        byte[] raw = m.raw();
        int icvLen = icvLength();
        int ctLen = body.length - enc.ivLength - icvLen;
        if (ctLen < 1 || ctLen % enc.blockSize != 0)
            throw IkeException.syntax("SK: body of " + body.length + " bytes does not fit IV " + enc.ivLength + ", ICV " + icvLen + ", block " + enc.blockSize);
        int ivOff = raw.length - body.length;
        byte[] iv = Arrays.copyOfRange(raw, ivOff, ivOff + enc.ivLength);
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance(enc.jceTransformation);
            if (enc.aead()) {
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, enc.jceKeyAlgorithm), new GCMParameterSpec(enc.icvLength * 8, nonce(iv)));
                c.updateAAD(raw, 0, ivOff);
                plain = c.doFinal(raw, ivOff + enc.ivLength, ctLen + icvLen);
            } else {
                int icvOff = raw.length - icvLen;
                byte[] icv = suite.integrity().icv(integKey, raw, 0, icvOff);
                if (!MessageDigest.isEqual(icv, Arrays.copyOfRange(raw, icvOff, raw.length)))
                    throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "SK: integrity check failed");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, enc.jceKeyAlgorithm), new IvParameterSpec(iv));
                plain = c.doFinal(raw, ivOff + enc.ivLength, ctLen);
            }
        } catch (GeneralSecurityException ex) {
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "SK: " + enc + " decryption failed (" + ex.getClass().getSimpleName() + ")");
        }
        int padLen = plain[plain.length - 1] & 0xff;
        if (padLen + 1 > plain.length) throw IkeException.syntax("SK: pad length " + padLen + " in " + plain.length + " bytes");
        return Arrays.copyOf(plain, plain.length - padLen - 1);
    }

    private byte[] nonce(byte[] iv) { return EcpGroup.concat(salt, iv); }
}
