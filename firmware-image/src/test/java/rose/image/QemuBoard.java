package rose.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flashed amd64 board under qemu: UEFI firmware (Debian's OVMF), the image as its virtio
 * disk, one virtio NIC on qemu's user-mode network with the guest's SSH port forwarded to a
 * loopback port here, and the serial port on qemu's stdio, which the test types into and reads.
 * TCG only: KVM is unusable on the machines this runs on (reference 09).
 */
final class QemuBoard implements AutoCloseable {
    static final String QEMU = "qemu-system-x86_64";
    static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    private final Process qemu;
    private final StringBuilder serial = new StringBuilder();
    private final OutputStream keys;
    private final Path transcript;
    private final long started = System.nanoTime();
    private int mark;
    final int sshPort;

    private QemuBoard(Process qemu, int sshPort, Path transcript) {
        this.qemu = qemu;
        this.sshPort = sshPort;
        this.transcript = transcript;
        this.keys = qemu.getOutputStream();
        Thread reader = new Thread(() -> pump(qemu.getInputStream()), "qemu-serial");
        reader.setDaemon(true);
        reader.start();
    }

    /** Boots {@code image} (used in place: the test's own copy) with {@code memoryMiB} of RAM. */
    /**
     * Skips {@code test} unless images can be built here: as root (mmdebstrap and mkfs.ext4 -d
     * keep file ownership only as root) and with the build's class path written by
     * maven-dependency-plugin, which it hands to the image builder as {@code rose.classpath}.
     */
    static void assumeImageBuilds(String test) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                test + " skipped: needs root (mmdebstrap and mkfs.ext4 -d keep file ownership only as root)");
        Path classpath = Path.of("target/classpath.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(classpath),
                "target/classpath.txt missing (maven-dependency-plugin did not run)");
        System.setProperty("rose.classpath", java.nio.file.Files.readString(classpath).trim());
    }

    static QemuBoard boot(Path image, Path work, int memoryMiB) throws IOException {
        return boot(image, work, memoryMiB, false, true);
    }

    /**
     * {@code reboots}: a guest reboot restarts the machine, as a board's does (A/B upgrades),
     * instead of ending qemu. {@code freshVars}: new UEFI variables (a first power-on).
     */
    static QemuBoard boot(Path image, Path work, int memoryMiB, boolean reboots, boolean freshVars) throws IOException {
        return boot(Arch.AMD64, image, work, memoryMiB, reboots, freshVars);
    }

    /**
     * The firmware, machine and qemu of each architecture: OVMF on a PC, AAVMF on qemu's arm64
     * {@code virt} board.
     *
     * <p>{@link #TCG}: one host thread runs both vCPUs in turns. With a thread per vCPU (qemu
     * 7.2's default) the guest's JVM died of SIGSEGV in about one boot in six, always at the
     * first instruction of a C1-compiled method that HotSpot had just made not entrant: the
     * bytes there were the new {@code jmp}, the fault address was made of old and new bytes, so
     * the other vCPU executed a torn, half-patched instruction. HotSpot patches a verified entry
     * in steps a real x86 CPU sees whole (the cross-modifying code rules); TCG with concurrent
     * vCPUs translated it midway. systemd restarted the router and the serial line showed a new
     * {@code Login:} with no word of why: the "bounced first login" of the firmware tests.
     */
    static List<String> machine(Arch arch) {
        return arch == Arch.AMD64 ? List.of(QEMU, "-accel", TCG, "-cpu", "max")
                // cortex-a57: TCG emulates it much faster than "max" (no SVE, no pointer authentication)
                : List.of(QEMU_ARM64, "-M", "virt", "-accel", TCG, "-cpu", "cortex-a57");
    }

    static final String TCG = "tcg,thread=single";

    static final String QEMU_ARM64 = "qemu-system-aarch64";
    static final Path AAVMF_CODE = Path.of("/usr/share/AAVMF/AAVMF_CODE.fd");
    static final Path AAVMF_VARS = Path.of("/usr/share/AAVMF/AAVMF_VARS.fd");

    static QemuBoard boot(Arch arch, Path image, Path work, int memoryMiB, boolean reboots, boolean freshVars) throws IOException {
        return boot(arch, image, work, memoryMiB, reboots, freshVars, List.of());
    }

    /**
     * A second NIC (the guest's ether2 under {@code --port auto}) on a UDP wire between two boards
     * on this machine's loopback: qemu's {@code socket} netdev sends each frame as one datagram
     * to {@code peerPort} and takes the peer's on {@code localPort}; no root networking. Its PCI
     * slot 8 keeps it after the first NIC in the guest's sorted interface names.
     */
    static List<String> udpWire(int localPort, int peerPort, String mac) {
        return List.of("-netdev", "socket,id=wire,udp=127.0.0.1:" + peerPort + ",localaddr=127.0.0.1:" + localPort,
                "-device", "virtio-net-pci,netdev=wire,mac=" + mac + ",addr=0x8");
    }

    static QemuBoard boot(Arch arch, Path image, Path work, int memoryMiB, boolean reboots, boolean freshVars, List<String> extra)
            throws IOException {
        Path vars = work.resolve(arch == Arch.AMD64 ? "OVMF_VARS.fd" : "AAVMF_VARS.fd");
        Path code = arch == Arch.AMD64 ? OVMF_CODE : AAVMF_CODE;
        if (freshVars || !Files.exists(vars)) {
            Files.copy(arch == Arch.AMD64 ? OVMF_VARS : AAVMF_VARS, vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(machine(arch));
        cmd.addAll(List.of("-m", String.valueOf(memoryMiB),
                "-smp", "2", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-drive", "if=pflash,format=raw,readonly=on,file=" + code,
                "-drive", "if=pflash,format=raw,file=" + vars,
                "-drive", "file=" + image + ",format=raw,if=virtio",
                "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:" + port + "-:22",
                "-device", "virtio-net-pci,netdev=n0",
                // entropy for the first boot (SSH host key, TLS): boards have a hardware RNG too
                "-device", "virtio-rng-pci"));
        cmd.addAll(extra);
        if (!reboots) cmd.add("-no-reboot");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new QemuBoard(p, port, work.resolve("serial.log"));
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                synchronized (serial) {
                    serial.append(s);
                    serial.notifyAll();
                }
                Files.writeString(transcript, s, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // qemu exited: waiters time out with the transcript so far
        }
    }

    /**
     * {@code d} times {@code -Drose.qemu.time-scale} (default 1): a slower machine, a busier one,
     * or another architecture's CPU emulated in software gets more time without a code change.
     */
    static Duration scaled(Duration d) {
        double scale = Double.parseDouble(System.getProperty("rose.qemu.time-scale", "1"));
        if (!(scale > 0)) throw new IllegalArgumentException("rose.qemu.time-scale must be positive, not " + scale);
        return Duration.ofMillis((long) (d.toMillis() * scale));
    }

    /** Seconds since qemu started. */
    double uptimeSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Waits for {@code regex} in what the serial port printed since the last match and returns
     * the text up to and including it; fails with the tail of the transcript.
     */
    String expect(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (serial) {
            while (true) {
                Matcher m = p.matcher(serial);
                if (m.find(mark)) {
                    String seen = serial.substring(mark, m.end());
                    mark = m.end();
                    return seen;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !qemu.isAlive() && !p.matcher(serial).find(mark)) {
                    String tail = serial.substring(Math.max(mark, serial.length() - 3000));
                    throw new AssertionError("serial console: no /" + regex + "/ within " + timeout.toSeconds() + " s"
                            + (qemu.isAlive() ? "" : " (qemu exited)") + "; it printed:\n" + tail);
                }
                serial.wait(Math.max(1, Math.min(left / 1_000_000, 500)));
            }
        }
    }

    /** Types a line and Enter (a terminal sends CR). */
    /**
     * The first login at the serial prompt just shown: {@code admin} with the empty password, then
     * {@code password} chosen twice (a fresh image has no default password), up to the prompt.
     */
    void firstLogin(String password, Duration timeout) throws IOException, InterruptedException {
        type("admin");
        expect("Password: ", timeout);
        type("");
        expect("new password> ", timeout);
        type(password);
        expect("repeat new password> ", timeout);
        type(password);
        expect("password changed", timeout);
        expect("\\[admin@MikroTik\\] > ", timeout);
    }

    void type(String line) throws IOException {
        keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Runs one console command and returns what it printed before the next prompt. */
    String command(String line, Duration timeout) throws IOException, InterruptedException {
        type(line);
        return expect("\\[admin@[^\\]]+\\] > ", timeout);
    }

    @Override
    public void close() {
        qemu.destroy();
        try {
            if (!qemu.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) qemu.destroyForcibly();
        } catch (InterruptedException e) {
            qemu.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
