package rose.ike.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import rose.ike.message.IkeException;

/**
 * Curve25519, RFC 8031 (group 31): KE data and shared secret are 32-byte little-endian u
 * coordinates (RFC 7748 §5). An all-zero shared secret (small-order peer point) is refused (§2).
 */
public final class X25519Group implements DhGroup {
    public static final X25519Group X25519 = new X25519Group();

    private X25519Group() {}

    @Override public int id() { return 31; }
    @Override public String routerOsName() { return "x25519"; }
    @Override public int publicValueLength() { return 32; }

    @Override public KeyExchange newExchange(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(NamedParameterSpec.X25519, random);
            KeyPair kp = g.generateKeyPair();
            return exchange(kp.getPrivate(), littleEndian(((XECPublicKey) kp.getPublic()).getU()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    /** For known-answer tests: a fixed 32-byte scalar and its (given) public value. */
    public KeyExchange fromPrivate(byte[] scalar, byte[] publicValue) {
        try {
            PrivateKey k = KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            return exchange(k, publicValue.clone());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    private KeyExchange exchange(PrivateKey priv, byte[] pub) {
        return new KeyExchange() {
            public DhGroup group() { return X25519; }
            public byte[] publicValue() { return pub.clone(); }
            public byte[] sharedSecret(byte[] peer) throws IkeException {
                if (peer.length != 32) throw IkeException.syntax("x25519: KE data of " + peer.length + " bytes");
                byte[] be = new byte[32];
                for (int i = 0; i < 32; i++) be[i] = peer[31 - i];
                be[0] &= 0x7f; // RFC 7748 §5: mask the most significant bit of the u coordinate
                try {
                    var pk = KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
                    KeyAgreement ka = KeyAgreement.getInstance("XDH");
                    ka.init(priv);
                    ka.doPhase(pk, true);
                    byte[] s = ka.generateSecret();
                    boolean zero = true;
                    for (byte b : s) zero &= b == 0;
                    if (zero) throw IkeException.syntax("x25519: all-zero shared secret");
                    return s;
                } catch (GeneralSecurityException e) {
                    throw IkeException.syntax("x25519: " + e.getMessage());
                }
            }
        };
    }

    static byte[] littleEndian(BigInteger u) {
        byte[] be = ModpGroup.fixed(u, 32);
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) le[i] = be[31 - i];
        return le;
    }

    @Override public String toString() { return "x25519"; }
}
