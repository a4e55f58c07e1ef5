package rose.ike.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import rose.ike.message.IkeException;

/**
 * ECP groups, RFC 5903: KE data is x | y, each the field length; the shared secret is the
 * x coordinate only (§7, as corrected by errata 9). The JDK's SunEC does the arithmetic; we
 * check the peer's point is on the curve before handing it over.
 */
public final class EcpGroup implements DhGroup {
    public static final EcpGroup ECP256 = new EcpGroup(19, "ecp256", "secp256r1", 32);
    public static final EcpGroup ECP384 = new EcpGroup(20, "ecp384", "secp384r1", 48);
    public static final EcpGroup ECP521 = new EcpGroup(21, "ecp521", "secp521r1", 66);

    private final int id;
    private final String name;
    private final String curve;
    private final int coord;
    private final ECParameterSpec params;

    private EcpGroup(int id, String name, String curve, int coord) {
        this.id = id; this.name = name; this.curve = curve; this.coord = coord;
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(curve));
            this.params = ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(curve + " unavailable", e);
        }
    }

    @Override public int id() { return id; }
    @Override public String routerOsName() { return name; }
    @Override public int publicValueLength() { return 2 * coord; }

    @Override public KeyExchange newExchange(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), random);
            KeyPair kp = g.generateKeyPair();
            ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
            return exchange(kp.getPrivate(), concat(ModpGroup.fixed(w.getAffineX(), coord), ModpGroup.fixed(w.getAffineY(), coord)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(curve, e);
        }
    }

    /** For known-answer tests: a fixed private scalar and its (given) public value. */
    public KeyExchange fromPrivate(BigInteger d, byte[] publicValue) {
        try {
            return exchange(KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, params)), publicValue.clone());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(curve, e);
        }
    }

    private KeyExchange exchange(PrivateKey priv, byte[] pub) {
        EcpGroup self = this;
        return new KeyExchange() {
            public DhGroup group() { return self; }
            public byte[] publicValue() { return pub.clone(); }
            public byte[] sharedSecret(byte[] peer) throws IkeException {
                if (peer.length != 2 * coord) throw IkeException.syntax(name + ": KE data of " + peer.length + " bytes, expected " + 2 * coord);
                BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(peer, 0, coord));
                BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(peer, coord, 2 * coord));
                if (!onCurve(x, y)) throw IkeException.syntax(name + ": public value is not a point on " + curve);
                try {
                    var pk = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
                    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
                    ka.init(priv);
                    ka.doPhase(pk, true);
                    return ModpGroup.fixed(new BigInteger(1, ka.generateSecret()), coord);
                } catch (GeneralSecurityException e) {
                    throw IkeException.syntax(name + ": " + e.getMessage());
                }
            }
        };
    }

    private boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) return false;
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        return lhs.equals(rhs);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] o = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }

    @Override public String toString() { return name; }
}
