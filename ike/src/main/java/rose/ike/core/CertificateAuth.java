package rose.ike.core;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import rose.ike.auth.CertificateIds;
import rose.ike.auth.CertificateTrust;
import rose.ike.auth.SignatureAuth;
import rose.ike.config.CertificateCredentials;
import rose.ike.config.IdSpec;
import rose.ike.config.Identity;
import rose.ike.message.*;

/**
 * IKE_AUTH with certificates ({@code auth-method=digital-signature}), for both roles.
 * <ol>
 * <li>Our side: ID (my-id auto = the certificate's first SAN, else its subject DN), CERT payloads
 *     (our certificate, then intermediates; X.509 Signature, type 4), and AUTH signed over our
 *     SignedOctets with the method {@link SignatureAuth} picks from the peer's
 *     SIGNATURE_HASH_ALGORITHMS.</li>
 * <li>The initiator adds CERTREQ naming our trusted CAs: strongSwan sends its certificate only
 *     when asked (send_cert = ifasked).</li>
 * <li>The peer's side: its CERT chain must be trusted ({@link CertificateTrust}), its ID must be
 *     one its certificate holds (subject DN or SAN), remote-id must match the ID unless
 *     match-by=certificate, and its AUTH must verify with the certificate's key.</li>
 * </ol>
 * Every refusal is an AUTHENTICATION_FAILED {@link IkeException} with a plain reason.
 */
final class CertificateAuth {
    private CertificateAuth() {}

    static CertificateCredentials credentials(Identity id) throws IkeException {
        CertificateCredentials c = id.certificates();
        if (c == null || c.certificate() == null || c.privateKey() == null)
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "auth-method digital-signature needs certificate= naming a certificate with a private key");
        return c;
    }

    static IdPayload myId(IkeSa sa, Identity id, boolean initiator) throws IkeException {
        X509Certificate cert = credentials(id).certificate();
        IdSpec my = id.myId();
        if (my.kind() == IdSpec.Kind.AUTO) return CertificateIds.fromCertificate(initiator, cert);
        if (my.kind() == IdSpec.Kind.DN && my.value().isEmpty()) return CertificateIds.subjectDn(initiator, cert);
        return Identities.toPayload(initiator, my, sa.local.getAddress());
    }

    static List<Payload> certs(Identity id) throws IkeException {
        List<Payload> out = new ArrayList<>();
        for (X509Certificate x : credentials(id).chain()) {
            try { out.add(new CertPayload(CertPayload.X509_SIGNATURE, x.getEncoded())); }
            catch (CertificateEncodingException e) { throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "our certificate does not encode: " + e.getMessage()); }
        }
        return out;
    }

    static CertReqPayload certReq(Identity id) {
        CertificateCredentials c = id.certificates();
        return c == null ? null : new CertReqPayload(CertPayload.X509_SIGNATURE, CertificateTrust.certReqAuthorities(c));
    }

    static AuthPayload auth(IkeSa sa, Identity id, IdPayload mine, boolean initiator) throws IkeException {
        byte[] octets = initiator
                ? SignatureAuth.signedOctets(sa.suite.prf(), sa.initRequestRaw, sa.nr, sa.keys.skPi(), mine.body())
                : SignatureAuth.signedOctets(sa.suite.prf(), sa.initResponseRaw, sa.ni, sa.keys.skPr(), mine.body());
        return SignatureAuth.sign(credentials(id).privateKey(), sa.peerSignatureHashes, octets);
    }

    /** Checks the peer's certificate, ID and AUTH; {@code peerInitiator} says whose SignedOctets to rebuild. */
    static X509Certificate verifyPeer(IkeSa sa, Identity id, List<Payload> payloads, IdPayload peerId, AuthPayload auth, boolean peerInitiator) throws IkeException {
        try {
            return verify(sa, id, payloads, peerId, auth, peerInitiator);
        } catch (RuntimeException e) {   // a certificate the JDK chokes on is the peer's problem, never the daemon's
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "the peer's certificate or AUTH could not be processed: " + e);
        }
    }

    private static X509Certificate verify(IkeSa sa, Identity id, List<Payload> payloads, IdPayload peerId, AuthPayload auth, boolean peerInitiator) throws IkeException {
        CertificateCredentials c = credentials(id);
        List<X509Certificate> chain = new ArrayList<>();
        for (Payload p : payloads)
            if (p instanceof CertPayload cp) {
                if (cp.encoding() != CertPayload.X509_SIGNATURE)
                    sa.log(IkeLog.Level.DEBUG, "ignoring CERT payload of encoding " + cp.encoding() + " (only X.509 Signature is supported)");
                else chain.add(CertificateTrust.parse(cp.data()));
            }
        X509Certificate cert = CertificateTrust.validate(chain, c, new Date(System.currentTimeMillis()));
        String peerName = Identities.describe(peerId);
        if (!CertificateIds.contains(cert, peerId))
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "peer identified as " + peerName + " but its certificate "
                    + cert.getSubjectX500Principal().getName() + " holds no such subject or subjectAltName");
        if (!c.matchByCertificate() && !Identities.matches(id.remoteId(), peerId, sa.remote.getAddress()))
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "peer identified as " + peerName + " but remote-id is " + id.remoteId());
        byte[] octets = peerInitiator
                ? SignatureAuth.signedOctets(sa.suite.prf(), sa.initRequestRaw, sa.nr, sa.keys.skPi(), peerId.body())
                : SignatureAuth.signedOctets(sa.suite.prf(), sa.initResponseRaw, sa.ni, sa.keys.skPr(), peerId.body());
        SignatureAuth.verify(auth, cert.getPublicKey(), octets);
        return cert;
    }
}
