package rose.board;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Finds the board ROSE runs on.
 *
 * <ol>
 *   <li>Read the machine below the root ({@link MachineProbe}): device tree, DMI, {@code /proc/cpuinfo},
 *       {@code /proc/meminfo}.
 *   <li>ARM/MIPS boards: the device-tree model equal to a profile's model string; else a
 *       {@code compatible} entry equal to a profile's; else the model containing a profile's product code
 *       or name (longest token wins; a tie between two profiles matches nothing).
 *   <li>Virtual machines: a DMI string starting with a hypervisor vendor prefix (systemd's table), or the
 *       x86 {@code hypervisor} CPU flag, selects the CHR profile.
 *   <li>Nothing matched: the fallback profile (generic x86).
 *   <li>A profile whose ports depend on the NICs (CHR, generic) is then described from the machine: CPU model,
 *       cores, memory and architecture; the RouterOS "x86 (AES-NI)" acceleration row is kept only on x86 with
 *       the {@code aes} flag. Boards with fixed ports keep their data as published.
 * </ol>
 */
public final class BoardDetector {

    private final BoardProfiles profiles;
    private final MachineProbe probe;

    /** Detector for this machine: root {@code /}, the JVM's CPU count and {@code os.arch} as last resorts. */
    public static BoardDetector forThisMachine(BoardProfiles profiles) {
        return new BoardDetector(profiles, Path.of("/"), Runtime.getRuntime()::availableProcessors,
                System.getProperty("os.arch", ""));
    }

    /**
     * @param profiles    the registry to choose from
     * @param root        file-system root under which {@code proc/} and {@code sys/} are read
     * @param jvmCpuCount CPU count to use when {@code /proc/cpuinfo} has no {@code processor} lines
     * @param osArch      {@code os.arch} to use when {@code /proc/cpuinfo} does not give the architecture
     */
    public BoardDetector(BoardProfiles profiles, Path root, IntSupplier jvmCpuCount, String osArch) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.probe = new MachineProbe(Objects.requireNonNull(root, "root"),
                Objects.requireNonNull(jvmCpuCount, "jvmCpuCount"), Objects.requireNonNull(osArch, "osArch"));
    }

    public DetectedBoard detect() {
        MachineFacts m = probe.read();
        DetectedBoard d = byDeviceTree(m)
                .or(() -> byDmi(m))
                .or(() -> byCpuFlags(m))
                .orElseGet(() -> new DetectedBoard(profiles.fallback(), DetectionMethod.FALLBACK, fallbackEvidence(m), m));
        if (d.profile().portLayout() == PortLayout.NIC_DEPENDENT) {
            return new DetectedBoard(describe(d.profile(), m), d.method(), d.evidence(), m);
        }
        return d;
    }

    private Optional<DetectedBoard> byDeviceTree(MachineFacts m) {
        if (m.deviceTreeModel().isPresent()) {
            String model = m.deviceTreeModel().get();
            for (BoardProfile p : profiles.all()) {
                if (p.detection().deviceTreeModels().contains(model)) {
                    return Optional.of(new DetectedBoard(p, DetectionMethod.DEVICE_TREE_MODEL,
                            "device-tree model \"" + model + "\"", m));
                }
            }
        }
        for (String compatible : m.deviceTreeCompatible()) {
            for (BoardProfile p : profiles.all()) {
                if (p.detection().deviceTreeCompatibles().contains(compatible)) {
                    return Optional.of(new DetectedBoard(p, DetectionMethod.DEVICE_TREE_COMPATIBLE,
                            "device-tree compatible \"" + compatible + "\"", m));
                }
            }
        }
        return m.deviceTreeModel().flatMap(model -> byModelToken(model, m));
    }

    private Optional<DetectedBoard> byModelToken(String model, MachineFacts m) {
        String haystack = model.toLowerCase(Locale.ROOT);
        BoardProfile best = null;
        String bestToken = "";
        boolean tie = false;
        for (BoardProfile p : profiles.all()) {
            for (String token : p.detection().modelTokens()) {
                if (!haystack.contains(token.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (token.length() > bestToken.length()) {
                    best = p;
                    bestToken = token;
                    tie = false;
                } else if (token.length() == bestToken.length() && p != best) {
                    tie = true;
                }
            }
        }
        if (best == null || tie) {
            return Optional.empty();
        }
        return Optional.of(new DetectedBoard(best, DetectionMethod.DEVICE_TREE_MODEL_TOKEN,
                "device-tree model \"" + model + "\" contains \"" + bestToken + "\"", m));
    }

    private Optional<DetectedBoard> byDmi(MachineFacts m) {
        for (Map.Entry<String, String> e : m.dmi().entrySet()) {
            for (BoardProfile p : profiles.all()) {
                for (String prefix : p.detection().dmiPrefixes()) {
                    if (e.getValue().startsWith(prefix)) {
                        return Optional.of(new DetectedBoard(p, DetectionMethod.DMI,
                                "DMI " + e.getKey() + " \"" + e.getValue() + "\" starts with \"" + prefix + "\"", m));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<DetectedBoard> byCpuFlags(MachineFacts m) {
        for (BoardProfile p : profiles.all()) {
            for (String flag : p.detection().cpuFlags()) {
                if (m.cpuFeatures().has(flag)) {
                    return Optional.of(new DetectedBoard(p, DetectionMethod.CPU_FLAGS, "CPU flag \"" + flag + "\"", m));
                }
            }
        }
        return Optional.empty();
    }

    private static String fallbackEvidence(MachineFacts m) {
        StringBuilder s = new StringBuilder("no profile matched");
        m.deviceTreeModel().ifPresent(model -> s.append("; device-tree model \"").append(model).append('"'));
        if (!m.dmi().isEmpty()) {
            s.append("; DMI ").append(m.dmi());
        }
        return s.toString();
    }

    /** The profile with CPU, cores, memory and architecture taken from this machine. */
    static BoardProfile describe(BoardProfile p, MachineFacts m) {
        String here = "this machine: ";
        Map<String, String> sources = new LinkedHashMap<>(p.sources());
        List<String> notes = new ArrayList<>(p.notes());

        OptionalInt cores = m.cpuCount().isPresent() ? m.cpuCount() : p.cpu().cores();
        CpuInfo cpu = new CpuInfo(m.cpuModel().or(() -> p.cpu().model()), cores, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.of("logical CPUs and model as this machine reports them"));
        sources.put(BoardFact.CPU.key(), here + "/proc/cpuinfo (cores: processor entries, else the JVM's available processors)");
        Optional<String> arch = m.architecture().or(p::architecture);
        if (m.architecture().isPresent()) {
            sources.put(BoardFact.ARCHITECTURE.key(), here + "/proc/cpuinfo, else os.arch");
        }
        var memory = m.memoryBytes().isPresent() ? m.memoryBytes() : p.ramBytes();
        if (m.memoryBytes().isPresent()) {
            sources.put(BoardFact.MEMORY.key(), here + "/proc/meminfo MemTotal");
        }

        CryptoEngineInfo crypto = p.crypto();
        boolean aesNi = m.x86() && m.cpuFeatures().aes();
        if (!aesNi && crypto.routerosRow().isPresent()) {
            List<String> cryptoNotes = new ArrayList<>(crypto.notes());
            cryptoNotes.add("RouterOS row '" + crypto.routerosRow().get() + "' dropped: this machine is "
                    + arch.orElse("of unknown architecture") + (m.cpuFeatures().aes() ? "" : " without the aes CPU flag"));
            crypto = new CryptoEngineInfo(Optional.empty(), List.of(), Optional.empty(), cryptoNotes);
            sources.remove(BoardFact.HW_ACCELERATION.key());
            sources.remove(BoardFact.CRYPTO_DRIVER.key());
        }
        notes.add("Described from this machine at detection.");
        return new BoardProfile(p.id(), p.name(), p.productCode(), arch, cpu, memory, p.storageBytes(), p.portLayout(),
                p.ports(), p.switchChips(), crypto, p.throughput(), p.detection(), sources, notes);
    }
}
