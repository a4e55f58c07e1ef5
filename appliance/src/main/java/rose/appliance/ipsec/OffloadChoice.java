package rose.appliance.ipsec;

import java.util.Optional;
import java.util.OptionalInt;

import rose.board.CryptoEngineInfo;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.EngineKind;
import rose.ipsec.crypto.Transform;

/**
 * Where one SA's ESP runs (issue 5 item 4), from {@code /ip ipsec settings offload=}, the board
 * profile's crypto row (issue 7 item 3) and what this host offers.
 *
 * <p>{@code auto} takes an accelerated engine only for a transform the board's RouterOS
 * acceleration row accelerates (reference 07 §A.2) and only if an AF_ALG engine on this host accepts
 * it; where the profile gives the size from which the engine beats the CPU ({@code
 * hardwareFromBytes}, reference 07 §0.2) it is kept with the choice and said in the reason. This
 * userspace backend registers only software engines on a host without AF_ALG, and {@code auto}
 * never picks the kernel's XFRM, so on such a host every SA runs in software and the reason is kept
 * with the SA ({@code installed-sa engine}). {@code H} is printed only for an SA that really runs on an
 * accelerator. The packet path does not yet split one SA's packets by size.
 *
 * <p>{@code kernel} hands the SA to the kernel's XFRM ({@link KernelEsp}) where this router has the
 * hand-off (a flashed image: {@code rose run --host-stack} on a kernel with ESP) and the SA can go
 * there; otherwise it runs in software and the reason says why.
 *
 * @param hardwareFromBytes for a hardware choice, the packet size from which the engine is faster (0: unknown)
 * @param kernel            the kernel's XFRM holds the SA and does its ESP
 */
record OffloadChoice(EngineKind kind, boolean hardware, String why, int hardwareFromBytes, boolean kernel) {
    OffloadChoice(EngineKind kind, boolean hardware, String why) { this(kind, hardware, why, 0, false); }

    OffloadChoice(EngineKind kind, boolean hardware, String why, int hardwareFromBytes) { this(kind, hardware, why, hardwareFromBytes, false); }

    static final OffloadChoice KERNEL = new OffloadChoice(EngineKind.SOFTWARE, false, "kernel-xfrm (offload=kernel)", 0, true);

    /**
     * {@code offload=kernel} with the hand-off at hand: the kernel unless {@code refusal} says why
     * this SA cannot go there; every other setting as {@link #decide(String, Transform, CryptoEngines, CryptoEngineInfo)}.
     */
    static OffloadChoice decide(String setting, Transform t, CryptoEngines engines, CryptoEngineInfo board, Optional<String> refusal) {
        if (!"kernel".equals(setting)) return decide(setting, t, engines, board);
        return refusal.isEmpty() ? KERNEL : new OffloadChoice(EngineKind.SOFTWARE, false, "software: offload=kernel, but " + refusal.get());
    }

    static OffloadChoice decide(String setting, Transform t, CryptoEngines engines) {
        return decide(setting, t, engines, CryptoEngineInfo.none());
    }

    static OffloadChoice decide(String setting, Transform t, CryptoEngines engines, CryptoEngineInfo board) {
        boolean afAlg = false;
        for (CryptoEngines.Registration r : engines.registrations())
            if (r.engine().kind() == EngineKind.AF_ALG && r.accepts(t)) afAlg = true;
        switch (setting == null ? "auto" : setting) {
            case "software":
                return new OffloadChoice(EngineKind.SOFTWARE, false, "software (offload=software)");
            case "af-alg":
                return afAlg ? new OffloadChoice(EngineKind.AF_ALG, true, "af-alg (offload=af-alg)")
                        : new OffloadChoice(EngineKind.SOFTWARE, false, "software: offload=af-alg but no AF_ALG engine accepts " + t + " on this host");
            case "kernel":
                return new OffloadChoice(EngineKind.SOFTWARE, false, "software: offload=kernel but this router has no kernel ESP hand-off"
                        + " (it needs rose run --host-stack on a kernel with ESP and xfrm interfaces: a flashed image)");
            default:
                return auto(t, afAlg, board);
        }
    }

    private static OffloadChoice auto(Transform t, boolean afAlg, CryptoEngineInfo board) {
        Optional<Boolean> row = routerosAccelerates(t, board);
        String rowName = board.routerosRow().orElse("this board");
        if (row.isPresent() && !row.get())
            return new OffloadChoice(EngineKind.SOFTWARE, false, "software (auto: " + rowName + " does not accelerate " + t + ")");
        if (!afAlg) {
            return new OffloadChoice(EngineKind.SOFTWARE, false, row.isPresent()
                    ? "software (auto: " + rowName + " accelerates " + t + " in RouterOS, but no AF_ALG engine and no kernel ESP on this host)"
                    : "software (auto: no AF_ALG engine and no kernel ESP on this host)");
        }
        OptionalInt from = board.linuxDriver().map(d -> d.hardwareFromBytes()).orElse(OptionalInt.empty());
        String size = from.isPresent() ? "; the engine beats the CPU from " + from.getAsInt() + " B" : "";
        return new OffloadChoice(EngineKind.AF_ALG, true, "af-alg (auto: accelerated for " + t + size + ")", from.orElse(0));
    }

    /**
     * The board's RouterOS row for this transform: the cipher family's column for the SA's hash; an
     * AEAD counts as accelerated if its row is accelerated with any hash. Empty when the row is silent.
     */
    static Optional<Boolean> routerosAccelerates(Transform t, CryptoEngineInfo board) {
        String family;
        switch (t.enc()) {
            case AES_128_CBC: case AES_192_CBC: case AES_256_CBC: family = "aes-cbc"; break;
            case AES_128_CTR: case AES_192_CTR: case AES_256_CTR: family = "aes-ctr"; break;
            case AES_128_GCM: case AES_192_GCM: case AES_256_GCM: family = "aes-gcm"; break;
            case DES: case TRIPLE_DES: family = "des-3des"; break;
            default: return board.acceleration().isEmpty() ? Optional.empty() : Optional.of(false);
        }
        if (t.isAead()) return board.cipher(family).map(c -> c.acceleratedWithAnyHash());
        return board.routerosAccelerates(family, t.auth().routerOsName());
    }
}
