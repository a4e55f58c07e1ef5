/**
 * {@code /certificate}: templates in the configuration, keys and certificates in the data directory.
 * <ol>
 * <li>{@code add name= common-name= subject-alt-name= key-size= days-valid=} stores a template
 *     (an ordinary configuration item).</li>
 * <li>{@code sign <name> [ca=<name>]} ({@link rose.appliance.certificate.CertificateSigner},
 *     Bouncy Castle) makes the key pair (RSA by size, EC by curve name) and the certificate:
 *     self-signed when no ca is given, a CA when its key-usage has key-cert-sign; issued by
 *     the named CA otherwise. Files go to {@code certificates/NAME.crt} and {@code NAME.key}
 *     (mode 0600) via {@link rose.appliance.certificate.CertificateStore}.</li>
 * <li>{@code import file-name= [passphrase=]} reads a PEM file in the data directory: certificates,
 *     and a private key (PKCS#8, or OpenSSL encrypted with the passphrase).</li>
 * <li>{@link rose.appliance.certificate.CertificateStatus} shows the flags (K private-key,
 *     A authority, I issued, T trusted, E expired) and the read-only fields; a private key is
 *     never printed or exported.</li>
 * <li>The IPsec reconciler asks {@link rose.appliance.certificate.CertificateStore#credentials}
 *     for an identity's {@code certificate=} / {@code remote-certificate=}; the trusted CAs are
 *     the authorities whose trusted is yes (a self-signed CA is trusted unless set to no).</li>
 * </ol>
 */
package rose.appliance.certificate;
