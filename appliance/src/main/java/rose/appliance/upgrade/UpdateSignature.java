package rose.appliance.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Who made an update: an Ed25519 signature (RFC 8032) over the bundle's manifest, checked
 * against the public key baked into the image when it was built. The manifest carries every
 * part's length and SHA-256, so signing it signs the kernel, initramfs and root as well, and the
 * check is done before a byte of the other slot changes.
 *
 * <pre>
 * manifest := lines ...                 (what {@link UpdateBundle} writes; signed as they are)
 *             "signature=ed25519:" BASE64(64-byte signature) "\n"   (the last line)
 * </pre>
 *
 * Keys are PEM files as OpenSSL writes them ({@code openssl genpkey -algorithm ed25519}): the
 * private key PKCS#8 ({@code BEGIN PRIVATE KEY}) with whoever builds images, the public key
 * X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}) in the image.
 */
public final class UpdateSignature {
    static final String ALGORITHM = "Ed25519";
    static final int SIGNATURE_LENGTH = 64;
    /** The manifest line the signature is carried on, up to the base64. */
    static final String LINE = "signature=ed25519:";
    /** Where the image keeps the public key its updates must be signed with. */
    public static final Path IMAGE_KEY = Path.of("/usr/lib/rose/update-key.pub");

    private UpdateSignature() {
    }

    /** The signature line for a manifest's {@code body} (every line before it). */
    public static String sign(byte[] body, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(body);
            return LINE + Base64.getEncoder().encodeToString(s.sign()) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (" + e.getMessage() + "); an Ed25519 key is needed", e);
        }
    }

    /** Refused unless {@code m} carries a signature by {@code key} over exactly its signed lines. */
    public static void verify(UpdateBundle.Manifest m, PublicKey key) throws UpdateBundle.Refused {
        if (key == null) {
            throw new UpdateBundle.Refused("failure: this router has no update key (" + IMAGE_KEY + "); it installs no update it cannot check");
        }
        if (m.signature() == null) throw new UpdateBundle.Refused("failure: update is not signed; this router installs only signed updates");
        // RFC 8032: exactly 64 octets. JDK 17 also accepts the 64 followed by a zero octet (S read as a
        // longer little-endian number), so one signature would have two spellings that verify
        boolean ok = m.signature().length == SIGNATURE_LENGTH;
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(m.signed());
            ok = ok && s.verify(m.signature());
        } catch (GeneralSecurityException e) {
            ok = false;                                    // a malformed signature is as bad as a wrong one
        }
        if (!ok) throw new UpdateBundle.Refused("failure: update signature is invalid (not signed with this router's key, or altered)");
    }

    /** A new Ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    public static PublicKey readPublic(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + " holds no Ed25519 public key", e);
        }
    }

    public static PrivateKey readPrivate(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + " holds no Ed25519 private key", e);
        }
    }

    /** The public half of a private key as OpenSSL's {@code pkey -pubout} writes it. */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Writes a private key readable by its owner only. */
    public static void writePrivate(Path file, PrivateKey key) throws IOException {
        rose.appliance.OwnerOnlyFile.write(file, pem("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The public key of a private one, as {@code openssl pkey -pubout} derives it (the JDK's
     * EdDSA has no such call): the 32-byte seed of a PKCS#8 Ed25519 key (RFC 8410 §7) through
     * Bouncy Castle's RFC 8032 key generation, wrapped as X.509 SubjectPublicKeyInfo (RFC 8410 §4).
     */
    public static PublicKey publicOf(PrivateKey key) throws IOException {
        byte[] der = key.getEncoded();
        // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }
        byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
        if (der.length != prefix.length + 32 || !Arrays.equals(Arrays.copyOf(der, prefix.length), prefix)) {
            throw new IOException("not an Ed25519 private key (PKCS#8, RFC 8410)");
        }
        byte[] raw = new Ed25519PrivateKeyParameters(der, prefix.length).generatePublicKey().getEncoded();
        byte[] spki = new byte[12 + 32];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, 32);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IOException("Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path pem, String type) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        if (a < 0 || b < a) throw new IOException(pem + " is not a PEM " + type.toLowerCase(java.util.Locale.ROOT));
        try {
            return Base64.getMimeDecoder().decode(text.substring(a + begin.length(), b));
        } catch (IllegalArgumentException e) {
            throw new IOException(pem + ": bad base64 in the PEM " + type.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
