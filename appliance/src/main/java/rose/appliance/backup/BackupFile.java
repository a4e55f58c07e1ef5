package rose.appliance.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The outside of a {@code .backup} file: a header, then the payload ({@link BackupPayload})
 * sealed with the password or, without one, followed by its checksum.
 *
 * <pre>
 * offset size
 *  0      8   magic "ROSEBKUP"
 *  8      1   format version, 1
 *  9      1   encryption: 0 none, 1 aes-sha256
 * encryption 1 (RouterOS's default name; here AES-256-GCM under a PBKDF2-HMAC-SHA256 key):
 * 10      4   PBKDF2 iterations, big-endian (10,000 .. 10,000,000; written: 600,000)
 * 14     16   salt
 * 30     12   GCM nonce
 * 42      n   AES-256-GCM(key, nonce, aad = bytes 0..41, payload) with its 16-byte tag at the end
 * encryption 0 (no password, as RouterOS since 6.43):
 * 10      n   payload
 * 10+n   32   SHA-256 of bytes 0 .. 10+n-1 (catches a damaged file; protects nothing)
 * </pre>
 *
 * The header is the AEAD's associated data, so a flipped iteration count or salt fails the tag
 * like a wrong password does; the two cannot be told apart, and are not (RouterOS neither).
 * PBKDF2 with 600,000 iterations is OWASP's 2023 figure for HMAC-SHA256: about a quarter of a
 * second on a 2 GHz core, paid once per save and per load.
 */
public final class BackupFile {
    static final byte[] MAGIC = "ROSEBKUP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int NONE = 0;
    static final int AES_SHA256 = 1;
    static final int ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT = 16;
    static final int NONCE = 12;
    static final int TAG_BITS = 128;
    static final int PLAIN_HEADER = 10;
    static final int SEALED_HEADER = PLAIN_HEADER + 4 + SALT + NONCE;
    /** Larger is not a backup of a router's configuration: refused before any work. */
    public static final int MAX_BYTES = 64 << 20;

    /** A file that is not a backup or is damaged; the message is RouterOS's wording. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private BackupFile() {
    }

    /** Seals {@code payload} with {@code password}, or checksums it when the password is null. */
    public static byte[] seal(byte[] payload, String password, SecureRandom random) {
        return password == null ? plain(payload) : encrypted(payload, password, random, ITERATIONS);
    }

    static byte[] encrypted(byte[] payload, String password, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(SEALED_HEADER);
        header.put(MAGIC).put((byte) VERSION).put((byte) AES_SHA256).putInt(iterations).put(salt).put(nonce);
        byte[] head = header.array();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(password, salt, iterations), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(head);
            byte[] sealed = c.doFinal(payload);
            byte[] out = Arrays.copyOf(head, head.length + sealed.length);
            System.arraycopy(sealed, 0, out, head.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM and PBKDF2WithHmacSHA256 are part of every JDK", e);
        }
    }

    private static byte[] plain(byte[] payload) {
        byte[] out = new byte[PLAIN_HEADER + payload.length + 32];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[8] = VERSION;
        out[9] = NONE;
        System.arraycopy(payload, 0, out, PLAIN_HEADER, payload.length);
        System.arraycopy(sha256(out, PLAIN_HEADER + payload.length), 0, out, PLAIN_HEADER + payload.length, 32);
        return out;
    }

    /** Whether the file is sealed with a password. */
    public static boolean encrypted(byte[] file) {
        return file.length > 9 && startsWithMagic(file) && file[9] == AES_SHA256;
    }

    /**
     * The payload of {@code file}. Every length is checked before it is used; a wrong password,
     * a damaged file and a file that is no backup are all refused, never half read.
     */
    public static byte[] open(byte[] file, String password) throws Refused {
        if (file.length > MAX_BYTES) throw new Refused("failure: file is too large to be a backup");
        if (file.length < PLAIN_HEADER || !startsWithMagic(file)) throw new Refused("failure: file is not a backup");
        if (file[8] != VERSION) throw new Refused("failure: backup was made by an unsupported version (format " + (file[8] & 0xff) + ")");
        switch (file[9]) {
            case NONE: {
                if (file.length < PLAIN_HEADER + 32) throw new Refused("failure: backup file is damaged");
                int end = file.length - 32;
                byte[] want = sha256(file, end);
                if (!MessageDigest.isEqual(want, Arrays.copyOfRange(file, end, file.length))) {
                    throw new Refused("failure: backup file is damaged");
                }
                return Arrays.copyOfRange(file, PLAIN_HEADER, end);
            }
            case AES_SHA256: {
                if (file.length < SEALED_HEADER + TAG_BITS / 8) throw new Refused("failure: backup file is damaged");
                ByteBuffer b = ByteBuffer.wrap(file, PLAIN_HEADER, 4);
                int iterations = b.getInt();
                if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) throw new Refused("failure: backup file is damaged");
                byte[] salt = Arrays.copyOfRange(file, PLAIN_HEADER + 4, PLAIN_HEADER + 4 + SALT);
                byte[] nonce = Arrays.copyOfRange(file, PLAIN_HEADER + 4 + SALT, SEALED_HEADER);
                if (password == null || password.isEmpty()) throw new Refused("failure: backup is encrypted, password is required");
                try {
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, key(password, salt, iterations), new GCMParameterSpec(TAG_BITS, nonce));
                    c.updateAAD(file, 0, SEALED_HEADER);
                    return c.doFinal(file, SEALED_HEADER, file.length - SEALED_HEADER);
                } catch (AEADBadTagException e) {
                    throw new Refused("failure: wrong password or damaged backup file");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES/GCM and PBKDF2WithHmacSHA256 are part of every JDK", e);
                }
            }
            default:
                throw new Refused("failure: backup uses an unknown encryption (" + (file[9] & 0xff) + ")");
        }
    }

    private static boolean startsWithMagic(byte[] file) {
        return file.length >= MAGIC.length && Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static SecretKeySpec key(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(k, "AES");
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(byte[] b, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, 0, length);
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
