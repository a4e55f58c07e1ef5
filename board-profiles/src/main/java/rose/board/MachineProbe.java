package rose.board;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntSupplier;

/**
 * Reads {@link MachineFacts} below a file-system root, so tests can fake {@code /proc} and {@code /sys}.
 * A missing or unreadable file is an unknown fact, never an error: detection must always produce a
 * profile.
 */
final class MachineProbe {

    /** DMI files in the order systemd's detect_vm_dmi_vendor() reads them. */
    static final List<String> DMI_FILES = List.of("product_name", "sys_vendor", "board_vendor", "bios_vendor", "product_version");
    private static final int MAX_FILE_BYTES = 4 << 20;

    private final Path root;
    private final IntSupplier jvmCpuCount;
    private final String osArch;

    MachineProbe(Path root, IntSupplier jvmCpuCount, String osArch) {
        this.root = root;
        this.jvmCpuCount = jvmCpuCount;
        this.osArch = osArch;
    }

    MachineFacts read() {
        String cpuinfo = readFile("proc/cpuinfo").orElse("");
        Map<String, String> dmi = new LinkedHashMap<>();
        for (String f : DMI_FILES) {
            readFile("sys/class/dmi/id/" + f).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(s -> dmi.put(f, s));
        }
        CpuFeatures features = CpuFeatures.parseCpuinfo(cpuinfo);
        return new MachineFacts(architecture(cpuinfo, features), cpuinfoValue(cpuinfo, "model name"),
                cpuCount(cpuinfo), memTotal(), features, deviceTree("model").map(MachineProbe::firstString),
                deviceTree("compatible").map(MachineProbe::strings).orElse(List.of()), dmi);
    }

    private Optional<String> deviceTree(String property) {
        Optional<String> v = readFile("proc/device-tree/" + property);
        return v.isPresent() ? v : readFile("sys/firmware/devicetree/base/" + property);
    }

    /** Device-tree string properties are NUL-terminated; string lists are NUL-separated. */
    private static String firstString(String raw) {
        int nul = raw.indexOf('\0');
        return (nul < 0 ? raw : raw.substring(0, nul)).trim();
    }

    private static List<String> strings(String raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw.split("\0")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private Optional<String> architecture(String cpuinfo, CpuFeatures features) {
        if (cpuinfoValue(cpuinfo, "flags").isPresent()) {
            return Optional.of(features.has("lm") ? "x86_64" : "x86");
        }
        Optional<String> armArch = cpuinfoValue(cpuinfo, "CPU architecture");
        if (armArch.isPresent()) {
            return Optional.of(armArch.get().startsWith("8") ? "arm64" : "arm");
        }
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return Optional.of("x86_64");
            case "aarch64":
            case "arm64":
                return Optional.of("arm64");
            case "arm":
                return Optional.of("arm");
            default:
                return Optional.empty();
        }
    }

    private OptionalInt cpuCount(String cpuinfo) {
        int n = 0;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("processor")
                    && line.substring(colon + 1).trim().matches("\\d+")) {
                n++;
            }
        }
        if (n > 0) {
            return OptionalInt.of(n);
        }
        int jvm = jvmCpuCount.getAsInt();
        return jvm > 0 ? OptionalInt.of(jvm) : OptionalInt.empty();
    }

    private OptionalLong memTotal() {
        Optional<String> v = readFile("proc/meminfo").flatMap(m -> cpuinfoValue(m, "MemTotal"));
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] parts = v.get().split("\\s+");
        try {
            long n = Long.parseLong(parts[0]);
            boolean kib = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
            return OptionalLong.of(kib ? n * 1024 : n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** First {@code key : value} line with this key (also fits /proc/meminfo's {@code key: value}). */
    static Optional<String> cpuinfoValue(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                String v = line.substring(colon + 1).trim();
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private Optional<String> readFile(String relative) {
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(p)) {
            return Optional.of(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
