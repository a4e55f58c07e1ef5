package rose.ipsec.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rose.os.AfAlg;
import rose.os.NativeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel crypto API through AF_ALG sockets ({@link rose.os.AfAlg}), for boards whose
 * accelerator the kernel drives (07-boards-and-mtu.md §A.3). AEADs go to the kernel whole
 * ({@code aead} sockets on {@code rfc4106(gcm(aes))}, {@code rfc7539esp(chacha20,poly1305)}, the
 * names esp4 uses, so the AAD is SPI ‖ seq ‖ IV exactly as there); cipher+HMAC transforms use one
 * {@code skcipher} and one {@code hash} socket, which also covers ESN's trailing seq-hi.
 *
 * <p>Batching: the kernel takes one request per sendmsg/read pair on an operation socket (the
 * AIO interface that queues several is not reachable without io_submit), so a batch is a loop of
 * requests over sockets and native buffers made when the SA was keyed — no allocation per packet.
 *
 * <p>{@link #probe()} is honest about what decides whether AF_ALG is worth it:
 * <ul>
 * <li>{@code socket(AF_ALG)} must work ({@code CONFIG_CRYPTO_USER_API_AEAD}/{@code _SKCIPHER});</li>
 * <li>Linux 7.2 documents AF_ALG as deprecated and no longer reaching hardware accelerators;</li>
 * <li>Linux 7.3 adds {@code crypto.af_alg_restrict} (default 1: an iwd/bluez allowlist, bind()
 *     fails with ENOENT for ESP algorithms; 2: AF_ALG off).</li>
 * </ul>
 * The board profile's crypto row plus this probe decide; software is the fallback everywhere.
 */
public final class AfAlgEngine implements CryptoEngine {
    public static final int PRIORITY = 300;
    private final KernelCryptoFacts kernel;
    private final boolean tryNative;
    private final Map<Transform, Boolean> binds = new ConcurrentHashMap<>();

    public AfAlgEngine() { this(KernelCryptoFacts.read(), true); }

    /** For tests: given kernel facts, and whether to try the AF_ALG socket itself. */
    public AfAlgEngine(KernelCryptoFacts kernel, boolean tryNative) {
        this.kernel = kernel;
        this.tryNative = tryNative;
    }

    @Override public String name() { return "af-alg"; }
    @Override public EngineKind kind() { return EngineKind.AF_ALG; }
    @Override public int priority() { return PRIORITY; }

    @Override public Probe probe() {
        List<String> why = new ArrayList<>();
        if (tryNative) {
            try (AfAlg t = AfAlg.bind("skcipher", "cbc(aes)")) {
                // reachable
            } catch (NativeException | LinkageError | RuntimeException e) {
                why.add("AF_ALG socket on " + kernel.release() + ": " + e.getMessage());
            }
        }
        Optional<String> aead = kernel.configOption("CONFIG_CRYPTO_USER_API_AEAD");
        Optional<String> skc = kernel.configOption("CONFIG_CRYPTO_USER_API_SKCIPHER");
        if (aead.isPresent() && aead.get().equals("n") && skc.orElse("n").equals("n"))
            why.add("kernel " + kernel.release() + " is built without CONFIG_CRYPTO_USER_API_AEAD and _SKCIPHER");
        else if (aead.isEmpty() && !tryNative)
            why.add("kernel configuration not readable; AF_ALG support unknown");
        if (kernel.protocols().isPresent() && !kernel.protocols().get().contains("ALG") && aead.orElse("n").equals("y"))
            why.add("no ALG in /proc/net/protocols");
        int[] v = kernel.version();
        if (v[0] > 7 || (v[0] == 7 && v[1] >= 2))
            why.add("Linux " + v[0] + "." + v[1] + " deprecates AF_ALG and no longer exposes hardware accelerators through it");
        kernel.afAlgRestrict().ifPresent(r -> {
            if (r == 1) why.add("crypto.af_alg_restrict=1: only the iwd/bluez allowlist may bind (ESP algorithms get ENOENT)");
            if (r == 2) why.add("crypto.af_alg_restrict=2: AF_ALG disabled");
        });
        return why.isEmpty() ? Probe.usable("AF_ALG reachable on " + kernel.release()) : Probe.unusable(why);
    }

    /** Whether the kernel binds this transform's algorithms (asked once per transform). */
    @Override public boolean supports(Transform t) {
        if (!tryNative || !t.protects()) return false;
        return binds.computeIfAbsent(t, x -> {
            try {
                new AfAlgSa(this, x, new byte[x.encKeymatBytes()], new byte[x.authKeymatBytes()]).close();
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    @Override public SaCipher newSa(Transform t, byte[] encKeymat, byte[] authKeymat) {
        if (encKeymat.length != t.encKeymatBytes())
            throw new IllegalArgumentException(t + " needs " + t.encKeymatBytes() + " encryption KEYMAT octets, got " + encKeymat.length);
        if (authKeymat.length != t.authKeymatBytes())
            throw new IllegalArgumentException(t + " needs " + t.authKeymatBytes() + " integrity KEYMAT octets, got " + authKeymat.length);
        return new AfAlgSa(this, t, encKeymat, authKeymat);
    }

    @Override public void seal(CryptoBatch batch) { run(batch, true); }
    @Override public void open(CryptoBatch batch) { run(batch, false); }

    private void run(CryptoBatch batch, boolean seal) {
        for (int k = 0, n = batch.size(); k < n; k++) {
            SaCipher sa = batch.sa(k);
            if (sa == null || sa.engine() != this) continue;
            CryptoStatus s;
            try {
                s = seal ? ((AfAlgSa) sa).seal(batch, k) : ((AfAlgSa) sa).open(batch, k);
            } catch (RuntimeException e) {
                s = CryptoStatus.ENGINE_ERROR;
            }
            batch.complete(k, s);
        }
    }
}
