package rose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole path a user takes: build the amd64 image, boot it (UEFI, systemd-boot, Debian's
 * kernel, systemd, ROSE) under qemu TCG, log in on the serial console, choose admin's password
 * (no default one), configure an address on ether1 and a firewall rule, and log in over SSH
 * from this machine through qemu's user-mode network to that address: the SSH connection
 * crosses ROSE's dataplane (AF_PACKET on the guest's NIC, the input firewall whose counter the
 * test reads, the host-stack TUN) before it reaches the SSH service.
 *
 * <p>Runs in {@code mvn verify} where the machine can (root for mmdebstrap, qemu, OVMF, the
 * filesystem tools: {@code .ci/run} installs them); otherwise skipped with the reason. First
 * build about 3-5 min (mmdebstrap), then 1 min from the cache; the boot 3-6 min under TCG.
 * Prints the footprint figures: image size, boot-to-login time, memory in use after boot.
 */
class FirmwareBootTest {
    static final Duration BOOT = Duration.ofMinutes(12);
    static final Duration COMMAND = Duration.ofSeconds(90);
    static final String PASSWORD = "Fl4sh-and-boot";

    @Test
    void bootsToTheRouterOsLoginAndIsReachableOverSsh() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String t : ImageCommand.TOOLS) if (!Tool.present(t)) missing.add(t);
        if (!Tool.present(QemuBoard.QEMU)) missing.add(QemuBoard.QEMU);
        if (!Files.isReadable(QemuBoard.OVMF_CODE)) missing.add("ovmf");
        Assumptions.assumeTrue(missing.isEmpty(), "firmware image test skipped: missing " + missing
                + " (Debian: apt-get install mmdebstrap qemu-system-x86 ovmf dosfstools mtools zstd kmod)");
        QemuBoard.assumeImageBuilds("firmware image test");

        Path work = Files.createDirectories(Path.of("target/firmware-boot-test"));
        Path image = work.resolve("rose-amd64.img");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long buildStart = System.nanoTime();
        int status = ImageCommand.run(List.of("build", "--arch", "amd64", "--out", image.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        assertEquals(0, status, "rose image build failed: " + out);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long compressed = Files.size(work.resolve("rose-amd64.img.zst"));

        // the guest's journal, live, in journal.log: whether rose run died (a JVM crash, a restart) while the test went on
        Path journal = GuestJournal.fresh(work);
        GuestJournal.forwardInImage(image, work);

        try (QemuBoard board = QemuBoard.boot(Arch.AMD64, image, work, 512, false, true, GuestJournal.qemuArgs(journal))) {
            // 1. the RouterOS login on the serial port, no default password: empty, then choose one
            board.expect("MikroTik Login: ", BOOT);
            double bootToLogin = board.uptimeSeconds();
            board.firstLogin(PASSWORD, COMMAND);

            // 2. an address on ether1 (qemu's user network is 10.0.2.0/24) and an input rule for SSH
            board.command("/ip address add address=10.0.2.15/24 interface=ether1", COMMAND);
            board.command("/ip firewall filter add chain=input protocol=tcp dst-port=22 action=accept comment=ssh-in", COMMAND);
            board.command("/ip route add gateway=10.0.2.2", COMMAND);
            String addresses = board.command("/ip address print", COMMAND);
            assertTrue(addresses.contains("10.0.2.15/24") && addresses.contains("ether1"), addresses);
            String rules = board.command("/ip firewall filter print", COMMAND);
            assertTrue(rules.contains("ssh-in") && rules.contains("dst-port=22"), rules);

            // 3. SSH from here: qemu forwards a loopback port to 10.0.2.15:22 on the guest's wire
            String identity = ssh(board.sshPort, "/system identity print");
            assertTrue(identity.contains("name: MikroTik"), identity);
            String resource = ssh(board.sshPort, "/system resource print");

            // 4. the packets crossed ROSE's input chain: the rule counted them
            String stats = board.command("/ip firewall filter print stats", COMMAND);
            Matcher m = Pattern.compile("ssh-in.*?\\s(\\d+)\\s+(\\d+)\\s*$", Pattern.DOTALL | Pattern.MULTILINE).matcher(stats);
            assertTrue(m.find() && Long.parseLong(m.group(2)) > 0, "the ssh-in rule counted no packets:\n" + stats);

            // 5. ether1's frames are ROSE's alone: Debian 12's 6.1 has no tcx, so a tc clsact filter drops them for the kernel
            String ports = board.command("/log print where topics~\"interface\"", COMMAND);
            // the console wraps the message column mid-word at 80 columns: join its lines again
            assertTrue(ports.replaceAll("\\s*\\R\\s*", "").contains("the kernel's stack does not see its frames (tc clsact; tcx needs Linux 6.6)"),
                    "ether1's ingress drop on the guest's 6.1 kernel:\n" + ports);

            long total = bytes(resource, "total-memory");
            long free = bytes(resource, "free-memory");
            System.out.printf("firmware image: %d MiB raw (sparse), %d MiB zstd; built in %.0f s; boot to login %.0f s (qemu TCG, "
                    + "2 vCPU); memory in use after boot (kernel, systemd, ROSE) %d MiB of %d MiB%n",
                    Files.size(image) >> 20, compressed >> 20, buildSeconds, bootToLogin, (total - free) >> 20, total >> 20);
        } catch (AssertionError e) {
            throw GuestJournal.explained(e, journal);
        }
        GuestJournal.assertRouterRanThroughout(journal);
    }

    private static String ssh(int port, String command) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            // the first connection can be slow: the guest's JIT is cold under TCG
            try (ClientSession s = client.connect("admin", "127.0.0.1", port).verify(Duration.ofSeconds(120)).getSession()) {
                s.addPasswordIdentity(PASSWORD);
                s.auth().verify(Duration.ofSeconds(120));
                return s.executeRemoteCommand(command);
            }
        }
    }

    /** A size from {@code /system resource print} ({@code 512.0MiB}, {@code 300.1KiB}). */
    private static long bytes(String print, String key) {
        Matcher m = Pattern.compile(key + ":\\s*([0-9.]+)\\s*([KMG]i)?B").matcher(print);
        assertTrue(m.find(), key + " missing from:\n" + print);
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        long mult = unit.equals("Ki") ? 1L << 10 : unit.equals("Mi") ? 1L << 20 : unit.equals("Gi") ? 1L << 30 : 1;
        return (long) (v * mult);
    }
}
