package rose.board;

import java.util.List;

/**
 * What identifies a board on the machine we run on. Matching order and rules are in
 * {@link BoardDetector}.
 *
 * @param deviceTreeModels      exact {@code /proc/device-tree/model} strings
 * @param deviceTreeCompatibles {@code /proc/device-tree/compatible} entries
 * @param modelTokens           product codes or names looked for inside a device-tree model (a weaker match)
 * @param dmiPrefixes           prefixes of DMI strings (hypervisor vendors for CHR)
 * @param cpuFlags              {@code /proc/cpuinfo} flags that select this profile ({@code hypervisor})
 */
public record DetectionHints(List<String> deviceTreeModels, List<String> deviceTreeCompatibles,
                             List<String> modelTokens, List<String> dmiPrefixes, List<String> cpuFlags) {

    public DetectionHints {
        deviceTreeModels = List.copyOf(deviceTreeModels);
        deviceTreeCompatibles = List.copyOf(deviceTreeCompatibles);
        modelTokens = List.copyOf(modelTokens);
        dmiPrefixes = List.copyOf(dmiPrefixes);
        cpuFlags = List.copyOf(cpuFlags);
    }

    /** No hints: the profile is only reached by id or as the fallback. */
    public static DetectionHints none() {
        return new DetectionHints(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
