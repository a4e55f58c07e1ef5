package rose.ike.v1;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import rose.ike.auth.CertificateIds;
import rose.ike.auth.CertificateTrust;
import rose.ike.config.CertificateCredentials;
import rose.ike.config.IdSpec;
import rose.ike.config.Identity;
import rose.ike.core.IkeLog;
import rose.ike.core.Identities;
import rose.ike.message.IkeException;
import rose.ike.v1.message.*;

/**
 * Phase 1 authenticated with RSA signatures, RFC 2409 §5.1 ({@code auth-method=digital-signature}),
 * or ECDSA (RFC 4754: Authentication Method 9/10/11 by the curve of our key), in main mode and in
 * aggressive mode ({@code HDR, SA, KE, Ni, IDii [, CR]} / {@code ..., IDir, CERT, SIG_R} / {@code HDR*, CERT, SIG_I}).
 * <pre>
 *   3 -> HDR, KE, Ni [, NAT-D], CR            CR: one per trusted CA, its subject DN (RFC 2408 §3.10)
 *   4 <- HDR, KE, Nr [, NAT-D], CR
 *   5 -> HDR*, IDii, CERT, SIG_I              SIG_I = RSA over HASH_I (the PSK formula, SKEYID from the nonces)
 *   6 <- HDR*, IDir, CERT, SIG_R
 * </pre>
 * <ol>
 * <li>SKEYID = prf(Ni_b | Nr_b, g^xy) ({@link Phase1Keys}); HASH_I/HASH_R as with pre-shared keys.</li>
 * <li>The signature is PKCS#1 v1.5 type 1 over the bare hash, with no DigestInfo around it: that is
 *     what IKEv1 peers (racoon, RouterOS, strongSwan's EMSA_PKCS1_NULL) sign and verify.</li>
 * <li>my-id auto sends the certificate's subject as ID_DER_ASN1_DN, as RouterOS does in IKEv1.</li>
 * <li>The peer's certificate goes through the same trust checks as IKEv2 ({@link CertificateTrust}:
 *     remote-certificate pinned or as CA, else the trusted CAs); its ID must be one the certificate
 *     holds ({@link CertificateIds}); remote-id must match unless match-by=certificate.</li>
 * </ol>
 * The trust checks and ID matching are IKEv2's ({@code rose.ike.auth}, {@code Identities}); the
 * IKEv1 ID payload has the same type numbers, so it is carried over as an IKEv2 one to be checked.
 */
final class Phase1Signature {
    private Phase1Signature() {}

    static boolean enabled(IsakmpSa sa) { return sa.peer.identity().authMethod() == Identity.AuthMethod.DIGITAL_SIGNATURE; }

    static CertificateCredentials credentials(IsakmpSa sa) throws IsakmpException {
        CertificateCredentials c = sa.peer.identity().certificates();
        if (c == null || c.certificate() == null || c.privateKey() == null)
            throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, "auth-method digital-signature needs certificate= naming a certificate with a private key");
        if (!(c.privateKey() instanceof RSAKey) && ecdsaBytes(c.privateKey()) == 0)
            throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, "IKEv1 signs with RSA or ECDSA on P-256, P-384, P-521 (RFC 4754); the certificate's key is "
                    + c.privateKey().getAlgorithm() + (c.privateKey() instanceof ECKey k ? " of " + k.getParams().getCurve().getField().getFieldSize() + " bits" : ""));
        return c;
    }

    /** The Authentication Method we offer and accept: RSA signatures, or ECDSA of our key's curve (RFC 4754 §3). */
    static int authMethod(IsakmpSa sa) {
        CertificateCredentials c = sa.peer.identity().certificates();
        int n = c == null || c.privateKey() == null ? 0 : ecdsaBytes(c.privateKey());
        return n == 32 ? V1Attributes.AUTH_ECDSA_256 : n == 48 ? V1Attributes.AUTH_ECDSA_384 : n == 66 ? V1Attributes.AUTH_ECDSA_521 : V1Attributes.AUTH_RSA_SIG;
    }

    /** The length of r (and of s) for an EC key on P-256/384/521; 0 for any other key. */
    static int ecdsaBytes(java.security.Key k) {
        if (!(k instanceof ECKey e)) return 0;
        int bits = e.getParams().getCurve().getField().getFieldSize();
        return bits == 256 ? 32 : bits == 384 ? 48 : bits == 521 ? 66 : 0;
    }

    /** One CR per CA we would accept the peer's certificate from; an empty one when we only pin its certificate. */
    static List<V1Payload> certRequests(IsakmpSa sa) {
        CertificateCredentials c = sa.peer.identity().certificates();
        List<V1Payload> out = new ArrayList<>();
        if (c == null) return out;
        List<X509Certificate> cas = c.trusted();
        X509Certificate remote = c.remoteCertificate();
        if (remote != null) cas = remote.getBasicConstraints() >= 0 ? List.of(remote) : List.of();
        for (X509Certificate ca : cas) out.add(new CertRequestPayload(CertPayload.X509_SIGNATURE, ca.getSubjectX500Principal().getEncoded()));
        if (out.isEmpty()) out.add(new CertRequestPayload(CertPayload.X509_SIGNATURE, new byte[0]));
        return out;
    }

    static IdPayload myId(IsakmpSa sa) throws IsakmpException {
        X509Certificate cert = credentials(sa).certificate();
        IdSpec my = sa.peer.identity().myId();
        if (my.kind() == IdSpec.Kind.AUTO || (my.kind() == IdSpec.Kind.DN && my.value().isEmpty()))
            return new IdPayload(IdPayload.ID_DER_ASN1_DN, 0, 0, cert.getSubjectX500Principal().getEncoded());
        if (my.kind() == IdSpec.Kind.DN) return new IdPayload(IdPayload.ID_DER_ASN1_DN, 0, 0, new javax.security.auth.x500.X500Principal(my.value()).getEncoded());
        return Phase1.myId(sa);
    }

    /** ID, our certificate chain (end-entity first), SIG over HASH_I or HASH_R of that ID. */
    static List<V1Payload> proof(IsakmpSa sa, IdPayload id, byte[] hash) throws IsakmpException {
        CertificateCredentials c = credentials(sa);
        List<V1Payload> out = new ArrayList<>();
        out.add(id);
        for (X509Certificate x : c.chain()) {
            try { out.add(new CertPayload(CertPayload.X509_SIGNATURE, x.getEncoded())); }
            catch (CertificateEncodingException e) { throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, "our certificate does not encode: " + e.getMessage()); }
        }
        out.add(new SigPayload(sign(c.privateKey(), hash)));
        return out;
    }

    /**
     * RSA: PKCS#1 v1.5 over the bare HASH. ECDSA: the HASH is the digest itself (no second hash,
     * strongSwan's ECDSA_WITH_NULL) and the signature is r | s, each the curve's size (RFC 4754 §7).
     */
    static byte[] sign(PrivateKey key, byte[] hash) throws IsakmpException {
        try {
            int n = ecdsaBytes(key);
            Signature s = Signature.getInstance(n == 0 ? "NONEwithRSA" : "NONEwithECDSAinP1363Format");
            s.initSign(n == 0 ? key : java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded())));
            s.update(hash);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, "signing HASH failed: " + e.getMessage());
        }
    }

    static boolean verifies(PublicKey key, byte[] hash, byte[] sig) {
        try {
            int n = ecdsaBytes(key);
            if (n != 0 && sig.length != 2 * n) return false;   // RFC 4754 §7: exactly r | s
            Signature s = Signature.getInstance(n == 0 ? "NONEwithRSA" : "NONEwithECDSAinP1363Format");
            // the JDK's EC provider has NONEwithECDSAinP1363Format but takes only its own keys (Bouncy Castle's say "ECDSA")
            s.initVerify(n == 0 ? key : java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded())));
            s.update(hash);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;   // a signature of the wrong length or an unusable key: not the peer's proof
        }
    }

    /** The peer's certificate, ID and SIG (SIG_R when we initiated); null when it is the peer we expect. */
    static V1Result verifyPeer(IsakmpSa sa, V1PayloadChain chain) { return verifyPeer(sa, chain, null, null); }

    /** As above with the peer's ID from an earlier message (aggressive mode: IDii in message 1, CERT and SIG_I in message 3). */
    static V1Result verifyPeer(IsakmpSa sa, V1PayloadChain chain, IdPayload earlierId, byte[] earlierIdBody) {
        try {
            return check(sa, chain, earlierId, earlierIdBody);
        } catch (IsakmpException e) {
            return refuse(sa, e.notifyType(), e.reason());
        } catch (IkeException e) {
            return refuse(sa, V1NotifyType.AUTHENTICATION_FAILED, e.reason());
        } catch (RuntimeException e) {   // a certificate the JDK chokes on is the peer's problem, never the daemon's
            return refuse(sa, V1NotifyType.AUTHENTICATION_FAILED, "the peer's certificate could not be processed: " + e);
        }
    }

    private static V1Result check(IsakmpSa sa, V1PayloadChain chain, IdPayload earlierId, byte[] earlierIdBody) throws IsakmpException, IkeException {
        CertificateCredentials c = credentials(sa);
        int idx = earlierId == null ? chain.indexOf(IdPayload.class) : -1;
        SigPayload sig = chain.first(SigPayload.class);
        if (sig == null)
            throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, "the peer sent no SIG payload (does it use a pre-shared key? our identity uses digital-signature)");
        List<X509Certificate> certs = new ArrayList<>();
        for (CertPayload cp : chain.all(CertPayload.class)) {
            if (cp.encoding() != CertPayload.X509_SIGNATURE)
                sa.log(IkeLog.Level.DEBUG, "ignoring CERT payload of encoding " + cp.encoding() + " (only X.509 Signature is supported)");
            else certs.add(CertificateTrust.parse(cp.data()));
        }
        X509Certificate cert = CertificateTrust.validate(certs, c, new Date(System.currentTimeMillis()));
        IdPayload id = earlierId != null ? earlierId : (IdPayload) chain.payloads().get(idx);
        rose.ike.message.IdPayload asV2 = new rose.ike.message.IdPayload(!sa.initiator, id.idType(), id.data());
        String peerName = Identities.describe(asV2);
        if (!CertificateIds.contains(cert, asV2))
            throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "peer identified as " + peerName + " but its certificate "
                    + cert.getSubjectX500Principal().getName() + " holds no such subject or subjectAltName");
        if (!c.matchByCertificate() && !Identities.matches(sa.peer.identity().remoteId(), asV2, sa.remote.getAddress()))
            throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "peer identified as " + peerName + " but remote-id is " + sa.peer.identity().remoteId());
        byte[] body = earlierId != null ? earlierIdBody : chain.body(idx);
        byte[] hash = sa.initiator ? Phase1.hashR(sa, body) : Phase1.hashI(sa, body);
        if (!verifies(cert.getPublicKey(), hash, sig.data()))
            throw new IsakmpException(V1NotifyType.INVALID_SIGNATURE, "the peer's " + (sa.initiator ? "SIG_R" : "SIG_I")
                    + " does not verify with the public key of its certificate " + cert.getSubjectX500Principal().getName());
        sa.remoteId = body;
        sa.log(IkeLog.Level.DEBUG, "peer " + peerName + " authenticated by certificate " + cert.getSubjectX500Principal().getName());
        return null;
    }

    /** RouterOS (racoon) logs "certificate verification failed"; the reason says which check refused it. */
    private static V1Result refuse(IsakmpSa sa, int notify, String reason) {
        sa.log(IkeLog.Level.ERROR, "certificate verification failed: " + reason);
        return new V1Result.Failed(notify, "phase 1: " + reason);
    }
}
