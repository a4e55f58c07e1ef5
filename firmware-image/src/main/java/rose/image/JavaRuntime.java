package rose.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Java runtime on the image: the build machine's JDK trimmed by {@code jlink} to the
 * modules ROSE uses (about a quarter of Debian's headless JRE), when the JDK has jmods and
 * builds for its own architecture; otherwise Debian's {@code openjdk-17-jre-headless} is put
 * in the root instead. Cached by the JDK's version and the module list.
 */
final class JavaRuntime {
    /**
     * What ROSE and its libraries use: Netty and JNR need jdk.unsupported, Apache MINA SSHD
     * java.management and the EC/PKCS#11 providers, Bouncy Castle java.naming/java.sql for
     * certificate stores, JLine java.logging.
     */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.security.jgss", "java.security.sasl", "java.sql", "java.xml", "jdk.crypto.ec", "jdk.crypto.cryptoki",
            "jdk.unsupported", "jdk.zipfs", "jdk.management", "jdk.net", "jdk.naming.dns");

    private JavaRuntime() {
    }

    /** The JDK whose jlink we use: this JVM's home, if it has jmods. */
    static Path jdkHome() {
        Path home = Path.of(System.getProperty("java.home"));
        return home;
    }

    /** Whether a trimmed runtime for {@code arch} can be made here. */
    static boolean canLink(Arch arch) {
        Path home = jdkHome();
        return arch == Arch.host() && Files.isExecutable(home.resolve("bin/jlink")) && Files.isDirectory(home.resolve("jmods"))
                && Runtime.version().feature() >= 17;
    }

    /** The cached trimmed runtime, linked now if missing. */
    static Path linked(Path cache, Tool tool) throws IOException {
        Path home = jdkHome();
        String key;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((home + "\n" + Runtime.version() + "\ncds\n" + String.join(",", MODULES))
                    .getBytes(StandardCharsets.UTF_8));
            key = HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path out = cache.resolve("jre-" + Runtime.version().feature() + "-" + key);
        if (Files.isExecutable(out.resolve("bin/java"))) return out;
        Files.createDirectories(cache);
        Path partial = cache.resolve(out.getFileName() + ".partial");
        if (Files.exists(partial)) Files.walk(partial).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        tool.run(home.resolve("bin/jlink").toString(), "--module-path", home.resolve("jmods").toString(),
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--generate-cds-archive", "--output", partial.toString());
        Files.move(partial, out);
        return out;
    }
}
