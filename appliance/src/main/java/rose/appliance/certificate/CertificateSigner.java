package rose.appliance.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code /certificate sign}: a template's values to a key pair and an X.509 certificate
 * (Bouncy Castle). key-size is an RSA size (1024..8192) or a curve (prime256v1, secp384r1,
 * secp521r1); a certificate is a CA when its key-usage has key-cert-sign (RouterOS's rule);
 * the subject is built from common-name, organization, unit, locality, state, country in
 * that order, most significant first; subject-alt-name is {@code DNS:x,IP:y,email:z}.
 */
public final class CertificateSigner {
    static final String DEFAULT_USAGE = "digital-signature,key-encipherment,data-encipherment,key-cert-sign,crl-sign,tls-server,tls-client";
    private final SecureRandom random;

    public CertificateSigner(SecureRandom random) { this.random = random; }

    public record Signed(X509Certificate certificate, PrivateKey key) {}

    /** @param ca the issuing CA's certificate and key, or null for self-signed */
    public Signed sign(Map<String, String> template, Signed ca) throws IOException {
        try {
            KeyPair kp = keyPair(template.getOrDefault("key-size", "2048"));
            X509Certificate caCert = ca == null ? null : ca.certificate();
            PrivateKey signer = ca == null ? kp.getPrivate() : ca.key();
            X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
            put(nb, BCStyle.C, template.get("country"));
            put(nb, BCStyle.ST, template.get("state"));
            put(nb, BCStyle.L, template.get("locality"));
            put(nb, BCStyle.O, template.get("organization"));
            put(nb, BCStyle.OU, template.get("unit"));
            String cn = template.getOrDefault("common-name", "");
            put(nb, BCStyle.CN, cn.isEmpty() ? template.get("name") : cn);
            org.bouncycastle.asn1.x500.X500Name subject = nb.build();
            org.bouncycastle.asn1.x500.X500Name issuer = caCert == null ? subject
                    : org.bouncycastle.asn1.x500.X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
            int days = Integer.parseInt(template.getOrDefault("days-valid", "365"));
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(Duration.ofDays(days))), subject, kp.getPublic());
            String usageText = template.getOrDefault("key-usage", DEFAULT_USAGE);
            List<String> usage = new ArrayList<>(List.of(usageText.split(",")));
            // the default key-usage has key-cert-sign: a self-signed default is a CA; one issued by a
            // CA with the default usage is an end entity (as a CA with key-cert-sign set on purpose)
            if (caCert != null && usageText.equals(DEFAULT_USAGE)) { usage.remove("key-cert-sign"); usage.remove("crl-sign"); }
            boolean isCa = usage.contains("key-cert-sign");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(usage)));
            List<KeyPurposeId> eku = extendedKeyUsage(usage);
            if (!eku.isEmpty()) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku.toArray(new KeyPurposeId[0])));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            if (caCert != null) b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            GeneralNames sans = subjectAltNames(template.getOrDefault("subject-alt-name", ""));
            if (sans != null) b.addExtension(Extension.subjectAlternativeName, false, sans);
            // by key type: a key parsed through Bouncy Castle (registered by MINA SSHD) says "ECDSA"
            boolean ec = signer instanceof java.security.interfaces.ECKey;
            String alg = ec ? "withECDSA" : "withRSA";
            String digest = template.getOrDefault("digest-algorithm", "sha256").toUpperCase(java.util.Locale.ROOT);
            if (digest.equals("MD5") || digest.equals("SHA1") && ec) digest = "SHA256";
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(digest + alg).build(signer)));
            return new Signed(cert, kp.getPrivate());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | IllegalArgumentException e) {
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private KeyPair keyPair(String size) throws GeneralSecurityException {
        switch (size) {
            case "prime256v1": case "secp384r1": case "secp521r1": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(size.equals("prime256v1") ? "secp256r1" : size), random);
                return g.generateKeyPair();
            }
            default: {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(Integer.parseInt(size), random);
                return g.generateKeyPair();
            }
        }
    }

    private static void put(X500NameBuilder nb, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, String v) {
        if (v != null && !v.isEmpty()) nb.addRDN(oid, v);
    }

    static GeneralNames subjectAltNames(String text) throws IOException {
        if (text == null || text.isEmpty()) return null;
        List<GeneralName> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int c = p.indexOf(':');
            if (c < 0) throw new IOException("subject-alt-name must be DNS:name, IP:address or email:address, not " + p);
            String type = p.substring(0, c).toUpperCase(java.util.Locale.ROOT), v = p.substring(c + 1);
            switch (type) {
                case "DNS": out.add(new GeneralName(GeneralName.dNSName, v)); break;
                case "EMAIL": out.add(new GeneralName(GeneralName.rfc822Name, v)); break;
                case "IP": out.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(v).getAddress()))); break;
                default: throw new IOException("subject-alt-name type " + type + " is not DNS, IP or email");
            }
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    private static int keyUsage(List<String> u) {
        int k = 0;
        if (u.contains("digital-signature")) k |= KeyUsage.digitalSignature;
        if (u.contains("content-commitment")) k |= KeyUsage.nonRepudiation;
        if (u.contains("key-encipherment")) k |= KeyUsage.keyEncipherment;
        if (u.contains("data-encipherment")) k |= KeyUsage.dataEncipherment;
        if (u.contains("key-agreement")) k |= KeyUsage.keyAgreement;
        if (u.contains("key-cert-sign")) k |= KeyUsage.keyCertSign;
        if (u.contains("crl-sign")) k |= KeyUsage.cRLSign;
        if (u.contains("encipher-only")) k |= KeyUsage.encipherOnly;
        if (u.contains("decipher-only")) k |= KeyUsage.decipherOnly;
        return k == 0 ? KeyUsage.digitalSignature : k;
    }

    private static List<KeyPurposeId> extendedKeyUsage(List<String> u) {
        List<KeyPurposeId> out = new ArrayList<>();
        if (u.contains("tls-server")) out.add(KeyPurposeId.id_kp_serverAuth);
        if (u.contains("tls-client")) out.add(KeyPurposeId.id_kp_clientAuth);
        if (u.contains("ipsec-end-system")) out.add(KeyPurposeId.id_kp_ipsecEndSystem);
        if (u.contains("ipsec-tunnel")) out.add(KeyPurposeId.id_kp_ipsecTunnel);
        if (u.contains("ipsec-user")) out.add(KeyPurposeId.id_kp_ipsecUser);
        if (u.contains("email-protect")) out.add(KeyPurposeId.id_kp_emailProtection);
        if (u.contains("code-sign")) out.add(KeyPurposeId.id_kp_codeSigning);
        if (u.contains("ocsp-sign")) out.add(KeyPurposeId.id_kp_OCSPSigning);
        if (u.contains("timestamp")) out.add(KeyPurposeId.id_kp_timeStamping);
        return out;
    }
}
