package rose.appliance.service;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate TLS services present when none is assigned ({@code /ip service api-ssl
 * certificate=none}): self-signed, generated with Bouncy Castle on first start and kept in
 * the data directory ({@code tls/self-signed.crt}, {@code tls/self-signed.key}, the key
 * readable by the owner only), so clients that pin it keep working across restarts. Modern
 * JDKs refuse the anonymous DH suites RouterOS uses without a certificate (reference 05 §1).
 */
public final class TlsCertificate {
    private TlsCertificate() {
    }

    /** The certificate and key files, created if missing. */
    public record KeyFiles(Path certificate, Path key) {
    }

    public static KeyFiles loadOrCreate(Path dataDir, String commonName) throws IOException {
        Path dir = dataDir.resolve("tls");
        Path crt = dir.resolve("self-signed.crt");
        Path key = dir.resolve("self-signed.key");
        if (Files.isRegularFile(crt) && Files.isRegularFile(key)) return new KeyFiles(crt, key);
        Files.createDirectories(dir);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256, new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            Path keyTmp = dir.resolve("self-signed.key.tmp");
            Files.writeString(keyTmp, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(kp.getPrivate(), null)),
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(keyTmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            Files.move(keyTmp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(crt, pem(cert), StandardCharsets.US_ASCII);
            return new KeyFiles(crt, key);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o instanceof org.bouncycastle.openssl.jcajce.JcaPKCS8Generator g ? g.generate() : o);
        }
        return s.toString();
    }
}
