package rose.ipsec.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel crypto API through AF_ALG sockets ({@code aead} for {@code rfc4106(gcm(aes))},
 * {@code authenc(hmac(sha1),cbc(aes))} …; {@code skcipher} for the rest), for boards whose
 * accelerator the kernel drives (07-boards-and-mtu.md §A.3).
 *
 * <p>Not implemented yet: the socket calls belong in {@code os-shim} (JNR-FFI), which does not
 * exist yet. Until it does, {@link #probe()} reports this engine unusable and says why — and it
 * also reports what the kernel would allow, because that decides whether AF_ALG is worth it:
 * <ul>
 * <li>{@code CONFIG_CRYPTO_USER_API_AEAD}/{@code _SKCIPHER} must be built in or a module;</li>
 * <li>Linux 7.2 documents AF_ALG as deprecated and no longer reaching hardware accelerators;</li>
 * <li>Linux 7.3 adds {@code crypto.af_alg_restrict} (default 1: an iwd/bluez allowlist, bind()
 *     fails with ENOENT for ESP algorithms; 2: AF_ALG off).</li>
 * </ul>
 * The board profile's crypto row plus this probe decide; software is the fallback everywhere.
 */
public final class AfAlgEngine implements CryptoEngine {
    public static final int PRIORITY = 300;
    private final KernelCryptoFacts kernel;
    private final boolean nativeShimPresent;

    public AfAlgEngine() { this(KernelCryptoFacts.read(), false); }

    /** For tests: given kernel facts, and whether the os-shim native part is available. */
    public AfAlgEngine(KernelCryptoFacts kernel, boolean nativeShimPresent) {
        this.kernel = kernel;
        this.nativeShimPresent = nativeShimPresent;
    }

    @Override public String name() { return "af-alg"; }
    @Override public EngineKind kind() { return EngineKind.AF_ALG; }
    @Override public int priority() { return PRIORITY; }

    @Override public Probe probe() {
        List<String> why = new ArrayList<>();
        if (!nativeShimPresent) why.add("os-shim (JNR-FFI socket(AF_ALG)/bind/sendmsg) is not built yet");
        Optional<String> aead = kernel.configOption("CONFIG_CRYPTO_USER_API_AEAD");
        Optional<String> skc = kernel.configOption("CONFIG_CRYPTO_USER_API_SKCIPHER");
        if (aead.isPresent() && aead.get().equals("n") && skc.orElse("n").equals("n"))
            why.add("kernel " + kernel.release() + " is built without CONFIG_CRYPTO_USER_API_AEAD and _SKCIPHER");
        else if (aead.isEmpty())
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

    @Override public boolean supports(Transform t) { return false; }   // nothing until the native part exists

    @Override public SaCipher newSa(Transform t, byte[] encKeymat, byte[] authKeymat) {
        throw new IllegalArgumentException("af-alg engine is not usable: " + probe());
    }

    @Override public void seal(CryptoBatch batch) { }   // owns no slots: it made no SaCipher
    @Override public void open(CryptoBatch batch) { }
}
