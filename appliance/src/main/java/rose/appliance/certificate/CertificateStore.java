package rose.appliance.certificate;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import rose.ike.config.CertificateCredentials;

/**
 * Certificates and private keys of {@code /certificate}, one PEM pair per name under
 * {@code DATA/certificates/}: {@code NAME.crt} and {@code NAME.key} (owner-only). Whether a CA is
 * trusted comes from the configuration ({@code trusted=}), passed in as a lookup.
 */
public final class CertificateStore {
    private final Path dir;

    public CertificateStore(Path dataDir) { this.dir = dataDir.resolve("certificates"); }

    public Path directory() { return dir; }

    public boolean hasCertificate(String name) { return valid(name) && Files.isRegularFile(crt(name)); }

    public boolean hasKey(String name) { return valid(name) && Files.isRegularFile(key(name)); }

    public X509Certificate certificate(String name) throws IOException {
        if (!hasCertificate(name)) throw new IOException("certificate " + name + " is not signed or imported yet");
        List<X509Certificate> all = parseCertificates(Files.readString(crt(name), StandardCharsets.US_ASCII));
        if (all.isEmpty()) throw new IOException("certificate " + name + ": no certificate in " + crt(name));
        return all.get(0);
    }

    public PrivateKey privateKey(String name) throws IOException {
        if (!hasKey(name)) throw new IOException("certificate " + name + " has no private key");
        PrivateKey k = parseKey(Files.readString(key(name), StandardCharsets.US_ASCII), null);
        if (k == null) throw new IOException("certificate " + name + ": no private key in " + key(name));
        return k;
    }

    public void save(String name, X509Certificate cert, PrivateKey key) throws IOException {
        if (!valid(name)) throw new IOException("certificate name " + name + " cannot be a file name");
        Files.createDirectories(dir);
        if (key != null) {
            Path tmp = dir.resolve(name + ".key.tmp");
            Files.writeString(tmp, pem(key), StandardCharsets.US_ASCII);
            try { Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------")); }
            catch (UnsupportedOperationException e) { /* not POSIX: the data directory's protection applies */ }
            Files.move(tmp, key(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(crt(name), pem(cert), StandardCharsets.US_ASCII);
    }

    public void remove(String name) throws IOException {
        if (!valid(name)) return;
        Files.deleteIfExists(crt(name));
        Files.deleteIfExists(key(name));
    }

    /**
     * What an IPsec identity needs. {@code trusted} answers, per certificate name, whether it is a
     * trusted CA; {@code names} lists every certificate name in the configuration.
     */
    public CertificateCredentials credentials(String certificate, String remoteCertificate, boolean matchByCertificate,
                                              List<String> names, Function<String, Boolean> trusted) throws IOException {
        X509Certificate mine = certificate(certificate);
        PrivateKey key = privateKey(certificate);
        List<X509Certificate> chain = new ArrayList<>(List.of(mine));
        List<X509Certificate> cas = new ArrayList<>();
        for (String n : names) {
            if (!hasCertificate(n)) continue;
            X509Certificate c = certificate(n);
            if (c.getBasicConstraints() >= 0 && Boolean.TRUE.equals(trusted.apply(n))) cas.add(c);
        }
        // intermediates: issuers of our certificate that are not self-signed, so the peer can build the path
        X509Certificate cur = mine;
        for (int depth = 0; depth < 4 && !cur.getIssuerX500Principal().equals(cur.getSubjectX500Principal()); depth++) {
            X509Certificate issuer = null;
            for (String n : names) {
                if (!hasCertificate(n)) continue;
                X509Certificate c = certificate(n);
                if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()) && c.getBasicConstraints() >= 0) { issuer = c; break; }
            }
            if (issuer == null || issuer.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) break;
            chain.add(issuer);
            cur = issuer;
        }
        X509Certificate remote = remoteCertificate == null || remoteCertificate.isEmpty() || remoteCertificate.equals("none")
                ? null : certificate(remoteCertificate);
        return new CertificateCredentials(key, chain, cas, remote, matchByCertificate);
    }

    // ---- PEM ----------------------------------------------------------------------------------

    static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null).generate() : o);
        }
        return s.toString();
    }

    static List<X509Certificate> parseCertificates(String pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : objects(new StringReader(pem))) {
            if (o instanceof X509CertificateHolder h) {
                try { out.add(new JcaX509CertificateConverter().getCertificate(h)); }
                catch (CertificateException e) { throw new IOException("bad certificate: " + e.getMessage(), e); }
            }
        }
        return out;
    }

    /** The first private key in the PEM text: PKCS#8 (plain or encrypted) or OpenSSL's traditional form. */
    static PrivateKey parseKey(String pem, String passphrase) throws IOException {
        char[] pw = passphrase == null ? new char[0] : passphrase.toCharArray();
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try {
            for (Object o : objects(new StringReader(pem))) {
                if (o instanceof PrivateKeyInfo i) return conv.getPrivateKey(i);
                if (o instanceof PEMKeyPair kp) return conv.getKeyPair(kp).getPrivate();
                if (o instanceof PEMEncryptedKeyPair e) return conv.getKeyPair(e.decryptKeyPair(new JcePEMDecryptorProviderBuilder().build(pw))).getPrivate();
                if (o instanceof PKCS8EncryptedPrivateKeyInfo e)
                    return conv.getPrivateKey(e.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().build(pw)));
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot decrypt the private key (wrong passphrase?)", e);
        }
        return null;
    }

    private static List<Object> objects(Reader r) throws IOException {
        List<Object> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) out.add(o);
        }
        return out;
    }

    private Path crt(String name) { return dir.resolve(name + ".crt"); }

    private Path key(String name) { return dir.resolve(name + ".key"); }

    private static boolean valid(String name) {
        return name != null && !name.isEmpty() && name.matches("[A-Za-z0-9._@+-]+") && !name.startsWith(".");
    }

    /** Config row lookup used by callers that hold effective values per certificate name. */
    public static Function<String, Boolean> trustedFrom(Map<String, Map<String, String>> rows, CertificateStore store) {
        return n -> {
            Map<String, String> v = rows.get(n);
            String t = v == null ? null : v.get("trusted");
            if (t != null && !t.isEmpty()) return t.equals("yes") || t.equals("true");
            try {   // a self-signed CA made or imported here is trusted unless trusted=no
                X509Certificate c = store.certificate(n);
                return c.getBasicConstraints() >= 0 && c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            } catch (IOException e) { return false; }
        };
    }
}
