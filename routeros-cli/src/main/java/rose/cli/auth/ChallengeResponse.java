package rose.cli.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The pre-6.43 API login (reference 05 §5.2): the router sends 16 random bytes as
 * {@code =ret=<32 hex>}, the client answers {@code =response=00<hex md5(0x00 || password ||
 * challenge)>}. The leading {@code 00} is the id byte of the MD5 input, repeated in the answer.
 */
public final class ChallengeResponse {
    private ChallengeResponse() {
    }

    /** The response a client that knows {@code password} sends for {@code challenge}. */
    public static String expected(String password, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            return "00" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** Whether {@code response} (hex, either case) is the right answer; constant time in its content. */
    public static boolean matches(String password, byte[] challenge, String response) {
        if (password == null || challenge == null || response == null) return false;
        byte[] want = expected(password, challenge).getBytes(StandardCharsets.US_ASCII);
        byte[] got = response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(want, got);
    }
}
