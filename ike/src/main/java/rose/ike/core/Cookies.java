package rose.ike.core;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Stateless responder cookies (RFC 7296 §2.6):
 * <pre>Cookie = &lt;VersionIDofSecret&gt; | SHA-256(Ni | IPi | SPIi | &lt;secret&gt;)</pre>
 * The secret rotates every {@code lifetime}; a cookie made with the previous secret is still
 * accepted, so an initiator that got a cookie just before the rotation is not turned away.
 */
final class Cookies {
    private final SecureRandom random;
    private final long lifetimeMillis;
    private int version;
    private byte[] secret, previous;
    private long rotateAt;

    Cookies(SecureRandom random, long lifetimeMillis, long now) {
        this.random = random; this.lifetimeMillis = lifetimeMillis;
        this.secret = fresh();
        this.rotateAt = now + lifetimeMillis;
    }

    private byte[] fresh() { byte[] b = new byte[32]; random.nextBytes(b); return b; }

    private void rotate(long now) {
        if (now < rotateAt) return;
        previous = now < rotateAt + lifetimeMillis ? secret : null; // more than one period idle: nothing old stays valid
        secret = fresh();
        version++;
        rotateAt = now + lifetimeMillis;
    }

    byte[] make(byte[] ni, InetAddress ip, long spiI, long now) {
        rotate(now);
        return make(version, secret, ni, ip, spiI);
    }

    boolean valid(byte[] cookie, byte[] ni, InetAddress ip, long spiI, long now) {
        rotate(now);
        if (cookie == null || cookie.length != 36) return false;
        int v = ByteBuffer.wrap(cookie).getInt();
        byte[] s = v == version ? secret : v == version - 1 ? previous : null;
        return s != null && MessageDigest.isEqual(cookie, make(v, s, ni, ip, spiI));
    }

    private static byte[] make(int version, byte[] secret, byte[] ni, InetAddress ip, long spiI) {
        try {
            MessageDigest h = MessageDigest.getInstance("SHA-256");
            h.update(ni);
            h.update(ip.getAddress());
            h.update(ByteBuffer.allocate(8).putLong(spiI).array());
            h.update(secret);
            return ByteBuffer.allocate(36).putInt(version).put(h.digest()).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
