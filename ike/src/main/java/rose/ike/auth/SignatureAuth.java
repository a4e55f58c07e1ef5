package rose.ike.auth;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Set;
import rose.ike.crypto.Prf;
import rose.ike.message.AuthPayload;
import rose.ike.message.IkeException;
import rose.ike.message.NotifyType;

/**
 * Signature authentication, RFC 7296 §2.15 with the methods of RFC 7296 §3.8, RFC 4754 and RFC 7427.
 * <ol>
 * <li>Both sides sign their SignedOctets: their own IKE_SA_INIT message, the peer's nonce and
 *     prf(SK_px, their ID payload body) — the same octets the PSK MAC covers.</li>
 * <li>If the peer announced SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4) we sign with method 14
 *     (Digital Signature): one octet of length, the ASN.1 AlgorithmIdentifier, the signature
 *     (ECDSA in DER). The hash is the one matching an EC key's curve, else SHA-256, else any
 *     other the peer listed.</li>
 * <li>Otherwise the legacy methods: RSA Digital Signature (1, PKCS#1 v1.5 with SHA-1) or
 *     ECDSA with SHA-256/P-256 (9), SHA-384/P-384 (10), SHA-512/P-521 (11), r|s unencoded (RFC 4754).</li>
 * <li>We verify every method above whatever we announced, plus RSASSA-PSS inside method 14.</li>
 * </ol>
 */
public final class SignatureAuth {
    public static final int ECDSA_256 = 9, ECDSA_384 = 10, ECDSA_521 = 11;

    private static final byte[] OID_RSA_SHA1 = hex("2a864886f70d010105"), OID_RSA_SHA256 = hex("2a864886f70d01010b"),
            OID_RSA_SHA384 = hex("2a864886f70d01010c"), OID_RSA_SHA512 = hex("2a864886f70d01010d"),
            OID_RSA_PSS = hex("2a864886f70d01010a"), OID_ECDSA_SHA1 = hex("2a8648ce3d0401"),
            OID_ECDSA_SHA256 = hex("2a8648ce3d040302"), OID_ECDSA_SHA384 = hex("2a8648ce3d040303"),
            OID_ECDSA_SHA512 = hex("2a8648ce3d040304");

    private SignatureAuth() {}

    /** InitiatorSignedOctets / ResponderSignedOctets (§2.15). */
    public static byte[] signedOctets(Prf prf, byte[] realMessage, byte[] peerNonce, byte[] skP, byte[] idBody) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(realMessage);
        o.writeBytes(peerNonce);
        o.writeBytes(prf.compute(skP, idBody));
        return o.toByteArray();
    }

    /** @param peerHashes the peer's SIGNATURE_HASH_ALGORITHMS, empty when it sent none */
    public static AuthPayload sign(PrivateKey key, Set<Integer> peerHashes, byte[] octets) throws IkeException {
        boolean ec = key instanceof ECKey;
        if (!ec && !(key instanceof RSAKey)) throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "private key type " + key.getAlgorithm() + " cannot sign IKE AUTH (RSA or EC only)");
        try {
            if (!peerHashes.isEmpty()) {
                int hash = chooseHash(ec ? curveHash(key) : HashAlgorithm.SHA2_256, peerHashes);
                byte[] algId = algorithmIdentifier(ec, hash);
                byte[] sig = signWith(key, jcaName(ec, hash, false), octets);
                byte[] out = new byte[1 + algId.length + sig.length];
                out[0] = (byte) algId.length;
                System.arraycopy(algId, 0, out, 1, algId.length);
                System.arraycopy(sig, 0, out, 1 + algId.length, sig.length);
                return new AuthPayload(AuthPayload.DIGITAL_SIGNATURE, out);
            }
            if (!ec) return new AuthPayload(AuthPayload.RSA_SIGNATURE, signWith(key, "SHA1withRSA", octets));
            int hash = curveHash(key);
            int method = hash == HashAlgorithm.SHA2_256 ? ECDSA_256 : hash == HashAlgorithm.SHA2_384 ? ECDSA_384 : ECDSA_521;
            return new AuthPayload(method, signWith(key, jcaName(true, hash, true), octets));
        } catch (GeneralSecurityException e) {
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "signing AUTH failed: " + e.getMessage());
        }
    }

    /** Throws AUTHENTICATION_FAILED with a plain reason when the peer's AUTH does not verify. */
    public static void verify(AuthPayload auth, PublicKey key, byte[] octets) throws IkeException {
        boolean ec = key instanceof ECKey;
        String alg;
        byte[] sig = auth.data();
        AlgorithmParameters pss = null;
        switch (auth.method()) {
            case AuthPayload.RSA_SIGNATURE: alg = "SHA1withRSA"; break;
            case ECDSA_256: alg = "SHA256withECDSAinP1363Format"; break;
            case ECDSA_384: alg = "SHA384withECDSAinP1363Format"; break;
            case ECDSA_521: alg = "SHA512withECDSAinP1363Format"; break;
            case AuthPayload.DIGITAL_SIGNATURE: {
                int len = sig[0] & 0xff;
                if (sig.length < 1 + len + 1) throw fail("AUTH method 14: AlgorithmIdentifier of " + len + " bytes does not fit");
                byte[] algId = Arrays.copyOfRange(sig, 1, 1 + len);
                sig = Arrays.copyOfRange(sig, 1 + len, sig.length);
                byte[][] oidAndParams = parseAlgorithmIdentifier(algId);
                byte[] oid = oidAndParams[0];
                if (Arrays.equals(oid, OID_RSA_PSS)) {
                    alg = "RSASSA-PSS";
                    try {
                        pss = AlgorithmParameters.getInstance("RSASSA-PSS");
                        pss.init(oidAndParams[1]);
                    } catch (Exception e) { throw fail("AUTH method 14: RSASSA-PSS parameters do not parse"); }
                } else {
                    alg = oidName(oid);
                    if (alg == null) throw fail("AUTH method 14: unsupported signature algorithm OID " + HexOf.of(oid));
                }
                break;
            }
            default: throw fail("peer authenticates with AUTH method " + auth.method() + ", which is not a signature method we know");
        }
        boolean algIsEc = alg.contains("ECDSA");
        if (algIsEc != ec) throw fail("peer signed with " + alg + " but its certificate holds a " + key.getAlgorithm() + " key");
        try {
            Signature s = Signature.getInstance(alg);
            s.initVerify(key);
            if (pss != null) s.setParameter(pss.getParameterSpec(PSSParameterSpec.class));
            s.update(octets);
            if (!s.verify(sig)) throw fail("the peer's AUTH signature (" + alg + ") does not verify with the public key of its certificate");
        } catch (GeneralSecurityException e) {
            throw fail("the peer's AUTH signature (" + alg + ") could not be checked: " + e.getMessage());
        }
    }

    private static IkeException fail(String why) { return new IkeException(NotifyType.AUTHENTICATION_FAILED, why); }

    private static int chooseHash(int preferred, Set<Integer> peer) throws IkeException {
        if (peer.contains(preferred)) return preferred;
        for (int h : HashAlgorithm.SUPPORTED) if (peer.contains(h)) return h;
        if (peer.contains(HashAlgorithm.SHA1)) return HashAlgorithm.SHA1;
        throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "peer's SIGNATURE_HASH_ALGORITHMS " + peer + " has no hash we can sign with");
    }

    private static int curveHash(java.security.Key key) {
        int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
        return bits <= 256 ? HashAlgorithm.SHA2_256 : bits <= 384 ? HashAlgorithm.SHA2_384 : HashAlgorithm.SHA2_512;
    }

    private static String jcaName(boolean ec, int hash, boolean p1363) {
        String h = hash == HashAlgorithm.SHA1 ? "SHA1" : hash == HashAlgorithm.SHA2_384 ? "SHA384" : hash == HashAlgorithm.SHA2_512 ? "SHA512" : "SHA256";
        return ec ? h + "withECDSA" + (p1363 ? "inP1363Format" : "") : h + "withRSA";
    }

    private static byte[] signWith(PrivateKey key, String alg, byte[] octets) throws GeneralSecurityException {
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(octets);
        return s.sign();
    }

    /** DER AlgorithmIdentifier: RSA ones carry NULL parameters, ECDSA ones none (RFC 7427 Appendix A). */
    static byte[] algorithmIdentifier(boolean ec, int hash) {
        byte[] oid = ec ? (hash == HashAlgorithm.SHA1 ? OID_ECDSA_SHA1 : hash == HashAlgorithm.SHA2_384 ? OID_ECDSA_SHA384 : hash == HashAlgorithm.SHA2_512 ? OID_ECDSA_SHA512 : OID_ECDSA_SHA256)
                : (hash == HashAlgorithm.SHA1 ? OID_RSA_SHA1 : hash == HashAlgorithm.SHA2_384 ? OID_RSA_SHA384 : hash == HashAlgorithm.SHA2_512 ? OID_RSA_SHA512 : OID_RSA_SHA256);
        int inner = 2 + oid.length + (ec ? 0 : 2);
        byte[] out = new byte[2 + inner];
        out[0] = 0x30; out[1] = (byte) inner; out[2] = 0x06; out[3] = (byte) oid.length;
        System.arraycopy(oid, 0, out, 4, oid.length);
        if (!ec) { out[4 + oid.length] = 0x05; out[5 + oid.length] = 0x00; }
        return out;
    }

    /** SEQUENCE { OID, [params] } with short or one-octet long lengths; every length checked. */
    static byte[][] parseAlgorithmIdentifier(byte[] d) throws IkeException {
        if (d.length < 4 || d[0] != 0x30) throw fail("AUTH method 14: AlgorithmIdentifier is not a DER SEQUENCE");
        int p = 1, len = d[p++] & 0xff;
        if (len == 0x81) { if (d.length < 3) throw fail("AUTH method 14: truncated AlgorithmIdentifier"); len = d[p++] & 0xff; }
        else if (len > 0x7f) throw fail("AUTH method 14: AlgorithmIdentifier length form not supported");
        if (p + len != d.length || p + 2 > d.length || d[p] != 0x06) throw fail("AUTH method 14: malformed AlgorithmIdentifier");
        int oidLen = d[p + 1] & 0xff;
        if (oidLen > 0x7f || p + 2 + oidLen > d.length) throw fail("AUTH method 14: malformed OID");
        byte[] oid = Arrays.copyOfRange(d, p + 2, p + 2 + oidLen);
        byte[] params = Arrays.copyOfRange(d, p + 2 + oidLen, d.length);
        return new byte[][] {oid, params};
    }

    private static String oidName(byte[] oid) {
        if (Arrays.equals(oid, OID_RSA_SHA1)) return "SHA1withRSA";
        if (Arrays.equals(oid, OID_RSA_SHA256)) return "SHA256withRSA";
        if (Arrays.equals(oid, OID_RSA_SHA384)) return "SHA384withRSA";
        if (Arrays.equals(oid, OID_RSA_SHA512)) return "SHA512withRSA";
        if (Arrays.equals(oid, OID_ECDSA_SHA1)) return "SHA1withECDSA";
        if (Arrays.equals(oid, OID_ECDSA_SHA256)) return "SHA256withECDSA";
        if (Arrays.equals(oid, OID_ECDSA_SHA384)) return "SHA384withECDSA";
        if (Arrays.equals(oid, OID_ECDSA_SHA512)) return "SHA512withECDSA";
        return null;
    }

    private static byte[] hex(String s) { return java.util.HexFormat.of().parseHex(s); }

    private static final class HexOf { static String of(byte[] b) { return java.util.HexFormat.of().formatHex(b); } }
}
