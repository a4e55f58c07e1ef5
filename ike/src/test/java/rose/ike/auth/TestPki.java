package rose.ike.auth;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A tiny CA for tests: RSA or EC keys, CA and end-entity certificates with SANs (Bouncy Castle). */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);

    public record Issued(KeyPair keys, X509Certificate cert) {}

    private TestPki() {}

    public static KeyPair rsa(int bits) {
        try { KeyPairGenerator g = KeyPairGenerator.getInstance("RSA"); g.initialize(bits); return g.generateKeyPair(); }
        catch (Exception e) { throw new AssertionError(e); }
    }

    public static KeyPair ec(String curve) {
        try { KeyPairGenerator g = KeyPairGenerator.getInstance("EC"); g.initialize(new ECGenParameterSpec(curve)); return g.generateKeyPair(); }
        catch (Exception e) { throw new AssertionError(e); }
    }

    public static Issued ca(String cn, KeyPair keys) {
        return issue(cn, keys, null, null, true, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static Issued leaf(String cn, String dnsSan, KeyPair keys, Issued ca) {
        return issue(cn, keys, dnsSan, ca, false, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static Issued issue(String cn, KeyPair keys, String dnsSan, Issued ca, boolean isCa, Instant from, Instant to) {
        try {
            X500Name subject = new X500Name("CN=" + cn + ",O=ROSE test");
            X500Name issuer = ca == null ? subject : X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                    Date.from(from), Date.from(to), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (dnsSan != null) b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsSan)));
            java.security.PrivateKey signer = ca == null ? keys.getPrivate() : ca.keys().getPrivate();
            String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate c = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
            return new Issued(keys, c);
        } catch (Exception e) { throw new AssertionError(e); }
    }
}
