package rose.cli.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A reversible copy of each user's password, kept only for the pre-6.43 API challenge login
 * ({@link ChallengeResponse}): that login proves knowledge of the plain password by an MD5 over
 * it, so a router that keeps only a one-way hash cannot check it. RouterOS itself kept
 * passwords reversibly for this reason until 6.43 (and dropped the challenge with it).
 *
 * <p>The trade-off, chosen deliberately: the copy is sealed with AES-256-GCM under a per-router
 * key held in its own file ({@code DATA/password.key}, owner read/write only), never in the
 * configuration. The journal, snapshots and {@code /export} therefore hold only ciphertext: a
 * copied configuration or backup reveals no password without the key file. Someone who reads
 * both files (root on the box) recovers every password, which a hash alone would not allow;
 * that is the price of supporting the old login. The PBKDF2 hash stays the credential for every
 * other login; the sealed copy is opened only to answer a challenge.
 *
 * <p>Stored form: {@code aes256-gcm$<base64 nonce>$<base64 ciphertext+tag>}; the fixed
 * associated data binds it to its purpose.
 */
public final class PasswordSeal {
    /** The key file's name inside the data directory. */
    public static final String KEY_FILE = "password.key";
    private static final String PREFIX = "aes256-gcm";
    private static final byte[] AAD = "rose user password".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private PasswordSeal(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("a password seal key is 32 bytes");
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A key that lives as long as this process: in-memory routers, whose users do not outlive it either. */
    public static PasswordSeal ephemeral() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new PasswordSeal(k);
    }

    /**
     * The router's key from {@code dataDir/password.key}, created (32 random bytes, mode 0600,
     * written before it is visible under its name) on first use.
     */
    public static PasswordSeal inDataDir(Path dataDir) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            Path tmp = dataDir.resolve(KEY_FILE + ".new");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);          // not POSIX: the data directory's own protection applies
            }
            Files.write(tmp, k, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                // a link, not a rename: if another process made the key meanwhile, theirs wins
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // keep the existing key
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] k = Files.readAllBytes(file);
        if (k.length != 32) throw new IOException(file + " is not a password seal key (" + k.length + " bytes, expected 32)");
        try {
            Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.size() != 2 || !perms.containsAll(PosixFilePermissions.fromString("rw-------"))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        return new PasswordSeal(k);
    }

    public String seal(String password) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return PREFIX + "$" + b64.encodeToString(nonce) + "$" + b64.encodeToString(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    /** The password sealed in {@code stored}, or null when it is absent, malformed or sealed under another key. */
    public String open(String stored) {
        if (stored == null) return null;
        String[] parts = stored.split("\\$");
        if (parts.length != 3 || !parts[0].equals(PREFIX)) return null;
        try {
            byte[] nonce = Base64.getDecoder().decode(parts[1]);
            byte[] ct = Base64.getDecoder().decode(parts[2]);
            if (nonce.length != 12 || ct.length < 16) return null;
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            return new String(c.doFinal(ct), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }
}
