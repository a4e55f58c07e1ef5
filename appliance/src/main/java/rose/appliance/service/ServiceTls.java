package rose.appliance.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import rose.appliance.certificate.CertificateStore;

/**
 * The TLS side of {@code api-ssl} and {@code www-ssl}: which certificate a new connection is
 * offered, as {@code /ip service set api-ssl certificate=NAME tls-version=...} says now.
 *
 * <ol>
 *   <li>{@code certificate=none} (the default): the self-signed certificate generated on first
 *       start ({@link TlsCertificate}); RouterOS would fall back to anonymous DH, which JDKs
 *       and most clients refuse (reference 05 §1);</li>
 *   <li>a name: that certificate and its private key from {@code /certificate}
 *       ({@link CertificateStore}), checked again on every connection so a re-sign or re-import
 *       under the same name is served at once; connections already open keep theirs;</li>
 *   <li>a certificate that cannot serve (not signed yet, no private key) is never replaced by
 *       another one behind the operator's back: the connection is closed and the reason is
 *       logged once per change;</li>
 *   <li>{@code tls-version=only-1.2} offers TLS 1.2 alone; {@code any} offers 1.2 and 1.3
 *       (older versions are not offered at all).</li>
 * </ol>
 */
public final class ServiceTls {
    private final String service;
    private final CertificateStore store;
    private final Path selfSignedDir;
    private final Consumer<String> errors;
    private final Object lock = new Object();
    private Cached cached;
    private String lastError;

    /** What a built context was built from; any change builds a new one. */
    private record Source(String certificate, boolean only12, long crtModified, long crtSize, long keyModified, long keySize) {
    }

    private record Cached(Source source, SslContext context) {
    }

    /**
     * @param service        {@code api-ssl} or {@code www-ssl}, for log lines
     * @param dataDir        where {@code tls/self-signed.*} and {@code certificates/} live
     * @param errors         receives a line when an assigned certificate cannot be served
     */
    public ServiceTls(String service, Path dataDir, Consumer<String> errors) {
        this.service = service;
        this.store = new CertificateStore(dataDir);
        this.selfSignedDir = dataDir;
        this.errors = errors;
    }

    /** The context for a new connection through {@code gate}; null (and logged) when it cannot be served. */
    public SslContext context(ServiceGate gate) {
        String name = gate.certificate();
        boolean none = name == null || name.isEmpty() || name.equals("none");
        boolean only12 = "only-1.2".equals(gate.tlsVersion());
        synchronized (lock) {
            try {
                Source src = none ? selfSignedSource(only12) : assignedSource(name, only12);
                if (cached == null || !cached.source().equals(src)) cached = new Cached(src, build(src, none));
                lastError = null;
                return cached.context();
            } catch (IOException e) {
                String msg = service + ": certificate " + name + " cannot be used: " + e.getMessage();
                if (!Objects.equals(msg, lastError)) errors.accept(msg);
                lastError = msg;
                return null;
            }
        }
    }

    private Source selfSignedSource(boolean only12) throws IOException {
        TlsCertificate.KeyFiles f = TlsCertificate.loadOrCreate(selfSignedDir, "ROSE");
        return new Source("none", only12, Files.getLastModifiedTime(f.certificate()).toMillis(), Files.size(f.certificate()),
                Files.getLastModifiedTime(f.key()).toMillis(), Files.size(f.key()));
    }

    private Source assignedSource(String name, boolean only12) throws IOException {
        if (!store.hasCertificate(name)) throw new IOException("it is not signed or imported yet");
        if (!store.hasKey(name)) throw new IOException("it has no private key");
        Path crt = store.directory().resolve(name + ".crt");
        Path key = store.directory().resolve(name + ".key");
        return new Source(name, only12, Files.getLastModifiedTime(crt).toMillis(), Files.size(crt),
                Files.getLastModifiedTime(key).toMillis(), Files.size(key));
    }

    private SslContext build(Source src, boolean none) throws IOException {
        SslContextBuilder b;
        if (none) {
            TlsCertificate.KeyFiles f = TlsCertificate.loadOrCreate(selfSignedDir, "ROSE");
            b = SslContextBuilder.forServer(f.certificate().toFile(), f.key().toFile());
        } else {
            X509Certificate cert = store.certificate(src.certificate());
            PrivateKey key = store.privateKey(src.certificate());
            if (!cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                    && !(cert.getPublicKey().getAlgorithm().startsWith("EC") && key.getAlgorithm().startsWith("EC"))) {
                throw new IOException("its private key does not belong to it");
            }
            b = SslContextBuilder.forServer(key, cert);
        }
        try {
            return b.protocols(src.only12() ? new String[] {"TLSv1.2"} : new String[] {"TLSv1.3", "TLSv1.2"}).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
