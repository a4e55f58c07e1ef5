package rose.cli.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bandwidth-test server's MD5 challenge (RouterOS before 6.43, reverse-engineered from
 * captures by btest-opensource): the server sends 16 random bytes and the client answers
 * {@code md5(password || md5(password || challenge))} followed by the user name. RouterOS 6.43+
 * clients may ask for EC-SRP5 instead, which ROSE does not speak.
 */
public final class BandwidthTestHash {
    private BandwidthTestHash() {
    }

    public static byte[] answer(String password, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] pw = password.getBytes(StandardCharsets.UTF_8);
            md5.update(pw);
            md5.update(challenge);
            byte[] first = md5.digest();
            md5.update(pw);
            md5.update(first);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** Whether {@code hash} answers {@code challenge} for {@code password}; constant time in its content. */
    public static boolean matches(String password, byte[] challenge, byte[] hash) {
        if (password == null || challenge == null || hash == null) return false;
        return MessageDigest.isEqual(answer(password, challenge), hash);
    }
}
