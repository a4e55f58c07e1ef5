package rose.cli.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts test mains ({@link KillNineWriter}, {@link LockProbe}) in child JVMs. They run from a
 * private copy of the {@code rose.cli.db} classes made once per test JVM: other builds in the
 * same checkout may recompile {@code target/classes} while tests run, and a child started from
 * there could find half a package.
 */
final class ChildJvm {
    private static String classPath;

    private ChildJvm() {
    }

    static ProcessBuilder java(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", classPath(), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static synchronized String classPath() {
        if (classPath == null) {
            try {
                classPath = copyPackage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    private static String copyPackage() throws IOException {
        Path into = Files.createTempDirectory("rose-db-test-classes");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(into)));
        List<String> entries = new ArrayList<>(List.of(into.toString()));
        for (Class<?> c : List.of(FileConfigStore.class, KillNineWriter.class)) {
            Path from;
            try {
                from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            if (!Files.isDirectory(from)) {
                entries.add(from.toString());   // a jar does not change under us
                continue;
            }
            copyClasses(from.resolve("rose/cli/db"), Files.createDirectories(into.resolve("rose/cli/db")),
                    c.getSimpleName() + ".class");
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Copies the package's classes, waiting a little if a concurrent build has them half-written. */
    private static void copyClasses(Path pkg, Path to, String mustHave) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (!Files.exists(pkg.resolve(mustHave))) throw new IOException(pkg.resolve(mustHave) + " is missing");
                try (Stream<Path> files = Files.list(pkg)) {
                    for (Path f : (Iterable<Path>) files::iterator)
                        if (f.toString().endsWith(".class")) Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            } catch (IOException e) {
                if (attempt >= 100) throw new IOException("classes under " + pkg + " keep changing (a concurrent build?)", e);
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
