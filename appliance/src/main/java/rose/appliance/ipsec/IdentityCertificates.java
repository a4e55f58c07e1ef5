package rose.appliance.ipsec;

import rose.ike.config.CertificateCredentials;

/**
 * Where {@code /ip ipsec identity certificate= remote-certificate=} find their keys and
 * certificates ({@code /certificate}, kept by {@link rose.appliance.certificate.CertificateStore}).
 */
@FunctionalInterface
public interface IdentityCertificates {
    /** @throws IllegalArgumentException with the reason, shown as a configuration problem of the peer */
    CertificateCredentials credentials(String certificate, String remoteCertificate, boolean matchByCertificate);

    IdentityCertificates NONE = (c, r, m) -> { throw new IllegalArgumentException("certificates are not available on this router"); };
}
