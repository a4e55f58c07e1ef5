package rose.ipsec.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What the running kernel says about AF_ALG, read from files only (no native call): the kernel
 * release, its build configuration, {@code /proc/net/protocols}, and the v7.3
 * {@code crypto.af_alg_restrict} sysctl. Tests give their own values.
 *
 * @param release        {@code uname -r}
 * @param config         contents of {@code /proc/config.gz} or {@code /boot/config-<release>}, if readable
 * @param protocols      contents of {@code /proc/net/protocols}, if readable
 * @param afAlgRestrict  {@code /proc/sys/crypto/af_alg_restrict}, if the kernel has it
 */
public record KernelCryptoFacts(String release, Optional<String> config, Optional<String> protocols,
                                Optional<Integer> afAlgRestrict) {

    public static KernelCryptoFacts read() {
        String release = System.getProperty("os.name", "").equals("Linux") ? firstLine(Path.of("/proc/sys/kernel/osrelease")).orElse("") : "";
        Optional<String> config = gz(Path.of("/proc/config.gz"));
        if (config.isEmpty() && !release.isEmpty()) config = text(Path.of("/boot/config-" + release));
        Optional<Integer> restrict = firstLine(Path.of("/proc/sys/crypto/af_alg_restrict")).map(String::trim).map(Integer::valueOf);
        return new KernelCryptoFacts(release, config, text(Path.of("/proc/net/protocols")), restrict);
    }

    /** {@code y}, {@code m}, {@code n}, or empty when the configuration is not readable. */
    public Optional<String> configOption(String name) {
        return config.map(c -> {
            for (String line : c.split("\n")) {
                if (line.startsWith(name + "=")) return line.substring(name.length() + 1).trim();
                if (line.equals("# " + name + " is not set")) return "n";
            }
            return "n";
        });
    }

    /** Major and minor of the release ({@code 7.3.0-1-amd64} → 7, 3); 0, 0 if unparsable. */
    public int[] version() {
        String[] p = release.split("[.-]");
        try {
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (RuntimeException e) {
            return new int[] {0, 0};
        }
    }

    private static Optional<String> firstLine(Path p) { return text(p).map(s -> s.lines().findFirst().orElse("")); }

    private static Optional<String> text(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> gz(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
