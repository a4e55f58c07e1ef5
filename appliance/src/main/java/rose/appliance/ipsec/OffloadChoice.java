package rose.appliance.ipsec;

import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.EngineKind;
import rose.ipsec.crypto.Transform;

/**
 * Where one SA's ESP runs (issue 5 item 4), from {@code /ip ipsec settings offload=} and what this
 * host offers. {@code auto} would take an accelerated engine for the algorithms the board's crypto
 * row lists; this userspace backend registers only software engines on a host without AF_ALG,
 * and the kernel XFRM backend is not wired here (it needs kernel ESP), so every SA runs in
 * software and the reason is kept with the SA ({@code installed-sa engine}). {@code H} is printed
 * only for an SA that really runs on an accelerator.
 */
record OffloadChoice(EngineKind kind, boolean hardware, String why) {
    static OffloadChoice decide(String setting, Transform t, CryptoEngines engines) {
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
                return new OffloadChoice(EngineKind.SOFTWARE, false, "software: offload=kernel but this router's SAs live in the userspace dataplane (no kernel ESP here)");
            default:
                return afAlg ? new OffloadChoice(EngineKind.AF_ALG, true, "af-alg (auto: accelerated for " + t + ")")
                        : new OffloadChoice(EngineKind.SOFTWARE, false, "software (auto: no AF_ALG engine and no kernel ESP on this host)");
        }
    }
}
