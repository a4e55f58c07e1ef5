package rose.ike.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What {@code auth-method=digital-signature} needs: our private key and certificate chain
 * ({@code certificate=}, end-entity first), the CA certificates we trust (flag T in
 * {@code /certificate}), and optionally {@code remote-certificate=}: the peer's own certificate
 * (it must be exactly that one) or a CA (the peer's chain must end there).
 * {@code matchByCertificate} is RouterOS {@code match-by=certificate}: remote-id is not checked,
 * the certificate decides.
 */
public record CertificateCredentials(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trusted,
                                     X509Certificate remoteCertificate, boolean matchByCertificate) {
    public CertificateCredentials {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
    }

    public X509Certificate certificate() { return chain.isEmpty() ? null : chain.get(0); }

    @Override public String toString() {
        return "CertificateCredentials[" + (certificate() == null ? "none" : certificate().getSubjectX500Principal().getName())
                + ", trusted=" + trusted.size() + (remoteCertificate == null ? "" : ", remote-certificate=" + remoteCertificate.getSubjectX500Principal().getName())
                + (matchByCertificate ? ", match-by=certificate" : "") + "]";
    }
}
