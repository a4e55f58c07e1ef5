package rose.ipsec.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Boots the kernel-offload test guest (src/test/guest/build-guest.sh: Debian's kernel and a
 * bookworm root with a JRE, cached under ~/.cache/rose-guest) under
 * {@code qemu-system-x86_64 -accel tcg -cpu max} (KVM is unusable on these machines), shares this
 * JVM's test classpath into it over 9p, runs {@link GuestMain} on the given classes, and returns
 * the per-test lines read from the serial console.
 *
 * <p>Gate: runs only when {@code -Drose.guest=true} or {@code ROSE_GUEST=1}; every reason not to
 * run is returned by {@link #unavailable()} so callers skip loudly.
 */
public final class QemuGuest {
    public record Result(String status, String testClass, String test, String why) { }
    public record Run(List<Result> results, String console, long buildMillis, long runMillis) { }

    private QemuGuest() {}

    public static boolean enabled() {
        return Boolean.getBoolean("rose.guest") || "1".equals(System.getenv("ROSE_GUEST"));
    }

    public static Optional<String> unavailable() {
        if (!enabled()) return Optional.of("qemu guest tests are off: enable with -Drose.guest=true or ROSE_GUEST=1 (first build ~1-1.5 min, each run ~40-60 s under TCG)");
        for (String tool : new String[] {"qemu-system-x86_64", "mmdebstrap", "depmod", "cpio"})
            if (!onPath(tool)) return Optional.of(tool + " not installed (apt-get install qemu-system-x86 mmdebstrap kmod cpio)");
        if (!Files.isRegularFile(script())) return Optional.of("no " + script());
        if (cached().isEmpty()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("deb.debian.org", 80), 3000);
            } catch (IOException e) {
                return Optional.of("no guest image cached and deb.debian.org unreachable: " + e);
            }
        }
        return Optional.empty();
    }

    static Path script() { return Path.of(System.getProperty("user.dir"), "src/test/guest/build-guest.sh"); }

    static Optional<Path> cached() {
        Path dir = Path.of(System.getProperty("user.home"), ".cache/rose-guest");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("rootfs.cpio"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
            if (Files.isExecutable(Path.of(d, tool))) return true;
        for (String d : new String[] {"/usr/sbin", "/sbin"}) if (Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }

    /** Builds (or finds) the image, boots it, runs the classes; throws if the guest never reported an exit. */
    public static Run run(List<Class<?>> testClasses, long timeoutSeconds) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process build = new ProcessBuilder("bash", script().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String image = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (build.waitFor() != 0 || image.isEmpty()) throw new IOException("build-guest.sh failed (exit " + build.exitValue() + ")");
        Path img = Path.of(image.lines().reduce((a, b) -> b).orElseThrow());
        long t1 = System.nanoTime();

        Path runDir = Path.of(System.getProperty("user.dir"), "target/guest-run");
        deleteTree(runDir);
        Files.createDirectories(runDir.resolve("cp"));
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (Path p : classpath()) {
            Path dst = runDir.resolve("cp").resolve(i++ + "-" + p.getFileName());
            if (Files.isDirectory(p)) copyTree(p, dst);
            else if (Files.isRegularFile(p)) Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
            else continue;
            cp.add("/rose/cp/" + dst.getFileName());
        }
        StringBuilder classes = new StringBuilder();
        for (Class<?> c : testClasses) classes.append(' ').append(c.getName());
        Files.writeString(runDir.resolve("run.sh"), "export ROSE_IN_GUEST=1\ncd /tmp\njava -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
                + String.join(":", cp) + " rose.ipsec.guest.GuestMain" + classes + "\n");

        Path kernel = Files.exists(img.resolve("vmlinux")) ? img.resolve("vmlinux") : img.resolve("vmlinuz");
        // thread=single: with a host thread per vCPU, TCG let one vCPU run a method entry HotSpot was
        // patching on the other, torn, and the JVM died of SIGSEGV (firmware-image's QemuBoard.machine)
        List<String> cmd = List.of("qemu-system-x86_64", "-accel", "tcg,thread=single", "-cpu", "max", "-m", "2048", "-smp", "2",
                "-nographic", "-no-reboot", "-net", "none", "-kernel", kernel.toString(), "-initrd", img.resolve("rootfs.cpio").toString(),
                "-append", "console=ttyS0 quiet panic=-1",
                "-virtfs", "local,path=" + runDir + ",mount_tag=rose,security_model=none,readonly=on");
        Process q = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder console = new StringBuilder();
        List<Result> results = new ArrayList<>();
        boolean exited = false;
        Thread killer = new Thread(() -> {
            try {
                if (!q.waitFor(timeoutSeconds, TimeUnit.SECONDS)) q.destroyForcibly();
            } catch (InterruptedException e) {
                q.destroyForcibly();
            }
        });
        killer.setDaemon(true);
        killer.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(q.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                console.append(line).append('\n');
                int at = line.indexOf("ROSE-TEST ");
                if (at >= 0) {
                    String[] f = line.substring(at + 10).split(" ", 4);
                    if (f.length == 4) {
                        String[] tw = f[3].split(" :: ", 2);
                        results.add(new Result(f[0], f[1], f[2] + " " + tw[0], tw.length > 1 ? tw[1] : ""));
                    }
                }
                if (line.contains("ROSE-GUEST-EXIT")) exited = true;
            }
        }
        q.waitFor();
        if (!exited) throw new IOException("guest did not finish within " + timeoutSeconds + " s; console:\n" + console);
        return new Run(results, console.toString(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    /** This JVM's classpath, expanding surefire's manifest-only booter jar. */
    static List<Path> classpath() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().startsWith("surefirebooter") && Files.isRegularFile(p)) {
                try (JarFile j = new JarFile(p.toFile())) {
                    String cp = j.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null) for (String u : cp.trim().split("\\s+")) out.add(Path.of(java.net.URI.create(u)));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(d);
                else Files.copy(p, d, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(x);
        }
    }
}
