package rose.board;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the machine itself says, read once by {@link BoardDetector}.
 *
 * @param architecture          RouterOS architecture-name of this machine ({@code x86_64}, {@code arm64}, {@code arm})
 * @param cpuModel              {@code model name} of {@code /proc/cpuinfo}
 * @param cpuCount              logical CPUs: {@code processor} entries of {@code /proc/cpuinfo}, else the JVM's count
 * @param memoryBytes           {@code MemTotal} of {@code /proc/meminfo}
 * @param cpuFeatures           CPU flags
 * @param deviceTreeModel       {@code /proc/device-tree/model}
 * @param deviceTreeCompatible  {@code /proc/device-tree/compatible} entries
 * @param dmi                   DMI strings by file name ({@code sys_vendor}, {@code product_name} …)
 */
public record MachineFacts(Optional<String> architecture, Optional<String> cpuModel, OptionalInt cpuCount,
                           OptionalLong memoryBytes, CpuFeatures cpuFeatures, Optional<String> deviceTreeModel,
                           List<String> deviceTreeCompatible, Map<String, String> dmi) {

    public MachineFacts {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(cpuCount, "cpuCount");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(cpuFeatures, "cpuFeatures");
        Objects.requireNonNull(deviceTreeModel, "deviceTreeModel");
        deviceTreeCompatible = List.copyOf(deviceTreeCompatible);
        dmi = Collections.unmodifiableMap(new LinkedHashMap<>(dmi));
    }

    /** Whether this is an x86 machine, where the RouterOS "x86 (AES-NI)" row can apply. */
    public boolean x86() {
        return architecture.map(a -> a.equals("x86_64") || a.equals("x86")).orElse(false);
    }
}
