package rose.appliance.certificate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;
import rose.cli.RouterOs;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.status.StatusSource;

/**
 * {@code /certificate} live side: {@code sign} and {@code import}, the flags and read-only
 * fields of every certificate, and imported certificates (no template) as dynamic rows.
 * Private keys never leave {@link CertificateStore}: only the K flag says one exists.
 */
public final class CertificateStatus implements StatusSource {
    public static final String MENU = "certificate";

    private final CertificateStore store;
    private final Path dataDir;
    private final Supplier<RouterOs> ros;
    private final CertificateSigner signer = new CertificateSigner(new SecureRandom());

    public CertificateStatus(CertificateStore store, Path dataDir, Supplier<RouterOs> ros) {
        this.store = store; this.dataDir = dataDir; this.ros = ros;
    }

    @Override public List<Map<String, String>> rows(String menuPath) { return List.of(); }

    @Override public boolean command(String menuPath, String command, Map<String, String> args) {
        return command(menuPath, command, args, null);
    }

    @Override public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        if (!menuPath.equals(MENU)) return false;
        try {
            switch (command) {
                case "sign": sign(args, out); return true;
                case "import": importPem(args, out); return true;
                default: return false;
            }
        } catch (IOException e) {
            print(out, "failure: " + e.getMessage() + "\n");
            return true;
        }
    }

    private void sign(Map<String, String> args, Appendable out) throws IOException {
        Map<String, Map<String, String>> templates = templates();
        List<String> names = new ArrayList<>();
        for (String id : args.getOrDefault("numbers", "").split(",")) {
            if (id.isEmpty()) continue;
            for (Map.Entry<String, Map<String, String>> t : templates.entrySet())
                if (id.equals(t.getValue().get(".id")) || id.equals(t.getKey())) names.add(t.getKey());
        }
        if (names.isEmpty()) throw new IOException("no such template");
        String caName = args.get("ca");
        CertificateSigner.Signed ca = null;
        if (caName != null && !caName.isEmpty()) {
            X509Certificate caCert = store.certificate(caName);
            if (caCert.getBasicConstraints() < 0) throw new IOException("certificate " + caName + " is not a CA (no key-cert-sign)");
            ca = new CertificateSigner.Signed(caCert, store.privateKey(caName));
        }
        for (String n : names) {
            if (store.hasCertificate(n)) throw new IOException("certificate " + n + " is already signed");
            CertificateSigner.Signed s = signer.sign(templates.get(n), ca);
            store.save(n, s.certificate(), s.key());
            print(out, "  progress: done\n");
        }
    }

    private void importPem(Map<String, String> args, Appendable out) throws IOException {
        String file = args.get("file-name");
        if (file == null || file.isEmpty()) throw new IOException("file-name is required");
        Path p = Path.of(file);
        if (!p.isAbsolute()) p = dataDir.resolve(file);
        if (!Files.isRegularFile(p)) throw new IOException("no such file " + file);
        String text = Files.readString(p, StandardCharsets.US_ASCII);
        List<X509Certificate> certs = CertificateStore.parseCertificates(text);
        PrivateKey key = CertificateStore.parseKey(text, args.get("passphrase"));
        String base = args.getOrDefault("name", "");
        if (base.isEmpty()) base = p.getFileName().toString().replaceAll("\\.(pem|crt|cer|key)$", "").replaceAll("[^A-Za-z0-9._@+-]", "_");
        int certsImported = 0, keysImported = 0;
        for (int i = 0; i < certs.size(); i++) {
            String n = i == 0 ? base : base + "_" + i;
            store.save(n, certs.get(i), null);
            certsImported++;
        }
        if (key != null) {
            // the key belongs to the certificate with the same public key (in this file or already here)
            String owner = null;
            for (String n : allNames()) {
                if (!store.hasCertificate(n)) continue;
                X509Certificate c = store.certificate(n);
                if (matches(c, key)) { owner = n; break; }
            }
            if (owner == null) throw new IOException("the private key in " + file + " matches no certificate; import the certificate first");
            store.save(owner, store.certificate(owner), key);
            keysImported++;
        }
        print(out, "     certificates-imported: " + certsImported + "\n     private-keys-imported: " + keysImported + "\n");
    }

    private static boolean matches(X509Certificate c, PrivateKey k) {
        try {
            // by key type, not name: a key parsed through Bouncy Castle calls itself "ECDSA", not "EC"
            boolean ec = k instanceof java.security.interfaces.ECKey;
            java.security.Signature s = java.security.Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
            byte[] probe = "rose-key-match".getBytes(StandardCharsets.US_ASCII);
            s.initSign(k); s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(c.getPublicKey()); s.update(probe);
            return s.verify(sig);
        } catch (Exception e) { return false; }
    }

    @Override public Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        if (!menuPath.equals(MENU)) return Map.of();
        String name = values.get("name");
        return name == null ? Map.of() : live(name, values);
    }

    @Override public List<Map<String, String>> dynamicRows(String menuPath) {
        if (!menuPath.equals(MENU) || !Files.isDirectory(store.directory())) return List.of();
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, Map<String, String>> templates = templates();
        try (var files = Files.list(store.directory())) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String fn = f.getFileName().toString();
                if (!fn.endsWith(".crt")) continue;
                String n = fn.substring(0, fn.length() - 4);
                if (templates.containsKey(n)) continue;
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", n);
                row.putAll(live(n, Map.of()));
                out.add(row);
            }
        } catch (IOException e) { return out; }
        return out;
    }

    /** For the IPsec reconciler: an identity's certificate, chain, trusted CAs and remote-certificate. */
    public rose.ike.config.CertificateCredentials credentials(String certificate, String remoteCertificate, boolean matchByCertificate) {
        try {
            return store.credentials(certificate, remoteCertificate, matchByCertificate, allNames(), CertificateStore.trustedFrom(templates(), store));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Names of every certificate: templates in the configuration and imported files. */
    public List<String> allNames() {
        List<String> n = new ArrayList<>(templates().keySet());
        for (Map<String, String> r : dynamicRowsQuiet()) n.add(r.get("name"));
        return n;
    }

    private List<Map<String, String>> dynamicRowsQuiet() {
        List<Map<String, String>> out = new ArrayList<>();
        if (!Files.isDirectory(store.directory())) return out;
        Map<String, Map<String, String>> templates = templates();
        try (var files = Files.list(store.directory())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String fn = f.getFileName().toString();
                if (fn.endsWith(".crt") && !templates.containsKey(fn.substring(0, fn.length() - 4))) out.add(Map.of("name", fn.substring(0, fn.length() - 4)));
            }
        } catch (IOException e) { /* nothing listed */ }
        return out;
    }

    private Map<String, String> live(String name, Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>();
        if (!store.hasCertificate(name)) {
            v.put("private-key", "no");
            return v;
        }
        try {
            X509Certificate c = store.certificate(name);
            boolean authority = c.getBasicConstraints() >= 0;
            boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            boolean expired = c.getNotAfter().getTime() < System.currentTimeMillis();
            String t = values.get("trusted");
            boolean trusted = t != null && !t.isEmpty() ? t.equals("yes") || t.equals("true") : authority && selfSigned;
            v.put("private-key", store.hasKey(name) ? "yes" : "no");
            v.put("authority", authority ? "yes" : "no");
            v.put("issued", selfSigned ? "no" : "yes");
            v.put("trusted", trusted ? "yes" : "no");
            v.put("expired", expired ? "yes" : "no");
            v.put("common-name", cn(c));
            v.put("issuer", c.getIssuerX500Principal().getName());
            v.put("serial-number", c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
            v.put("fingerprint", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
            v.put("invalid-before", utc(c.getNotBefore()));
            v.put("invalid-after", utc(c.getNotAfter()));
            v.put("key-type", c.getPublicKey() instanceof java.security.interfaces.ECKey ? "ec" : "rsa");
            if (!selfSigned) {
                for (String n : templates().keySet()) {
                    if (n.equals(name) || !store.hasCertificate(n)) continue;
                    if (store.certificate(n).getSubjectX500Principal().equals(c.getIssuerX500Principal())) { v.put("ca", n); break; }
                }
            }
        } catch (Exception e) {
            v.put("private-key", store.hasKey(name) ? "yes" : "no");
        }
        return v;
    }

    private static String cn(X509Certificate c) {
        for (String part : c.getSubjectX500Principal().getName().split(",")) if (part.startsWith("CN=")) return part.substring(3);
        return "";
    }

    /** Template values by name, with {@code .id}. */
    public Map<String, Map<String, String>> templates() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        RouterOs r = ros.get();
        if (r == null) return out;
        Menu m = r.schema().require(MENU);
        for (Item it : r.db().state().items(MENU)) {
            Map<String, String> v = new LinkedHashMap<>(Effective.values(m, it));
            v.put(".id", it.idText());
            if (v.get("name") != null) out.put(v.get("name"), v);
        }
        return out;
    }

    private static String utc(java.util.Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(d);
    }

    private static void print(Appendable out, String s) {
        if (out == null) return;
        try { out.append(s); } catch (IOException e) { /* console gone */ }
    }
}
