package rose.ike.auth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import javax.security.auth.x500.X500Principal;
import rose.ike.config.CertificateCredentials;
import rose.ike.message.IkeException;
import rose.ike.message.NotifyType;

/**
 * Is the peer's certificate one we accept? (RFC 7296 §3.6, RFC 4945 §3 and §5.)
 * <ol>
 * <li>{@code remote-certificate} set to an end-entity certificate: the peer's must be exactly it,
 *     inside its validity.</li>
 * <li>Otherwise the chain the peer sent (end-entity first, intermediates after) must lead, by
 *     PKIX (JDK {@link CertPathValidator}: signatures, validity, CA basic constraints and key
 *     usage of every issuer), to {@code remote-certificate} when that is a CA, else to one of
 *     the trusted CA certificates. CRLs/OCSP are not consulted.</li>
 * </ol>
 * Validity is checked against the wall clock passed in, not the daemon's timer clock.
 * Every refusal is an AUTHENTICATION_FAILED {@link IkeException} whose reason names the
 * certificate and says what is wrong in plain words.
 */
public final class CertificateTrust {
    private CertificateTrust() {}

    public static X509Certificate parse(byte[] der) throws IkeException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw fail("the peer's CERT payload is not an X.509 certificate");
        }
    }

    /** CERTREQ data (§3.7): SHA-1 of each trusted CA's SubjectPublicKeyInfo, concatenated. */
    public static byte[] certReqAuthorities(CertificateCredentials c) {
        List<X509Certificate> cas = new ArrayList<>(c.trusted());
        if (c.remoteCertificate() != null && c.remoteCertificate().getBasicConstraints() >= 0) cas = List.of(c.remoteCertificate());
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (X509Certificate ca : cas) {
            try { o.writeBytes(MessageDigest.getInstance("SHA-1").digest(ca.getPublicKey().getEncoded())); }
            catch (GeneralSecurityException e) { throw new IllegalStateException(e); }
        }
        return o.toByteArray();
    }

    /** @param chain the peer's certificates as received, end-entity first; returns the end-entity one */
    public static X509Certificate validate(List<X509Certificate> chain, CertificateCredentials c, Date now) throws IkeException {
        X509Certificate remote = c.remoteCertificate();
        if (chain.isEmpty()) {
            if (remote != null && remote.getBasicConstraints() < 0) chain = List.of(remote);   // pinned: the peer need not send it
            else throw fail("the peer sent no certificate (CERT payload) and no remote-certificate is configured for it");
        }
        X509Certificate end = chain.get(0);
        String who = subject(end);
        if (remote != null && remote.getBasicConstraints() < 0) {
            if (!remote.equals(end)) throw fail("the peer's certificate " + who + " is not the remote-certificate " + subject(remote));
            checkValidity(end, now);
            return end;
        }
        List<X509Certificate> anchors = remote != null ? List.of(remote) : c.trusted();
        if (anchors.isEmpty()) throw fail("no trusted CA certificate (flag T) to check the peer's certificate " + who + " against");
        checkValidity(end, now);
        Set<TrustAnchor> ta = new HashSet<>();
        for (X509Certificate a : anchors) ta.add(new TrustAnchor(a, null));
        if (anchors.contains(end)) return end;   // the peer's own certificate is one we trust outright
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate x : chain) if (!anchors.contains(x) && (path.isEmpty() || !isSelfSigned(x))) path.add(x);
        X509Certificate top = path.get(path.size() - 1);
        boolean issuerKnown = false;
        for (X509Certificate a : anchors) if (a.getSubjectX500Principal().equals(top.getIssuerX500Principal())) issuerKnown = true;
        if (!issuerKnown)
            throw fail("the peer's certificate " + who + " was issued by " + top.getIssuerX500Principal().getName()
                    + ", which is not a trusted CA here (trusted: " + names(anchors) + ")");
        try {
            PKIXParameters p = new PKIXParameters(ta);
            p.setRevocationEnabled(false);
            p.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), p);
        } catch (CertPathValidatorException e) {
            X509Certificate bad = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : end;
            throw fail(explain(e, bad, now));
        } catch (GeneralSecurityException e) {
            throw fail("the peer's certificate chain for " + who + " could not be checked: " + e.getMessage());
        }
        return end;
    }

    private static String explain(CertPathValidatorException e, X509Certificate bad, Date now) {
        CertPathValidatorException.Reason r = e.getReason();
        String who = "certificate " + subject(bad);
        if (r == CertPathValidatorException.BasicReason.EXPIRED) return "the peer's " + who + " expired on " + utc(bad.getNotAfter());
        if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) return "the peer's " + who + " is not valid before " + utc(bad.getNotBefore());
        if (r == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) return "the signature on the peer's " + who + " does not verify with its issuer's key (issued by another CA of the same name?)";
        if (r == java.security.cert.PKIXReason.NOT_CA_CERT) return "the peer's chain uses " + who + " as an issuer but it is not a CA (basic constraints)";
        if (r == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) return "the peer's " + who + " does not chain to a trusted CA";
        return "the peer's " + who + " was refused: " + e.getMessage();
    }

    private static void checkValidity(X509Certificate x, Date now) throws IkeException {
        try { x.checkValidity(now); }
        catch (CertificateExpiredException e) { throw fail("the peer's certificate " + subject(x) + " expired on " + utc(x.getNotAfter())); }
        catch (CertificateNotYetValidException e) { throw fail("the peer's certificate " + subject(x) + " is not valid before " + utc(x.getNotBefore())); }
    }

    private static boolean isSelfSigned(X509Certificate x) {
        if (!x.getSubjectX500Principal().equals(x.getIssuerX500Principal())) return false;
        try { x.verify(x.getPublicKey()); return true; } catch (GeneralSecurityException e) { return false; }
    }

    static String subject(X509Certificate x) { return x.getSubjectX500Principal().getName(X500Principal.RFC2253); }

    private static String names(List<X509Certificate> xs) {
        List<String> n = new ArrayList<>();
        for (X509Certificate x : xs) n.add(subject(x));
        return String.join("; ", n);
    }

    private static String utc(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(d);
    }

    private static IkeException fail(String why) { return new IkeException(NotifyType.AUTHENTICATION_FAILED, why); }
}
