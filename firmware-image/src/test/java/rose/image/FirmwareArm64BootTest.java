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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The arm64 image, built on this amd64 machine (mmdebstrap runs the arm64 packages' scripts
 * through qemu-user and binfmt_misc; Debian's JRE instead of a jlink one, which can only be made
 * for the build machine's own architecture) and booted on qemu's arm64 {@code virt} board with
 * AAVMF (UEFI), systemd-boot and Debian's arm64 kernel: the RouterOS login on {@code ttyAMA0},
 * a password, an address on ether1, a command that reads it back.
 *
 * <p>Slow: the first build emulates every maintainer script (about 40 min here), the boot is
 * full-system emulation of another CPU. With the Debian root cached it passed here in 305 s at
 * load 13 on 2 cores (build 88 s, power-on to the login 188 s, login to the address read back
 * 22 s; 2026-11-23), within the unscaled timeouts. Not in the default build: run with
 * {@code -Drose.arm64=true} (root; Debian: qemu-user-static binfmt-support arch-test
 * qemu-system-arm qemu-efi-aarch64, and binfmt_misc mounted).
 */
class FirmwareArm64BootTest {
    /** Under {@code -Drose.qemu.time-scale} (QemuBoard.scaled): emulating another CPU on a busy machine. */
    static final Duration BOOT = QemuBoard.scaled(Duration.ofMinutes(40));
    static final Duration COMMAND = QemuBoard.scaled(Duration.ofMinutes(3));

    @Test
    void arm64ImageBootsToTheRouterOsLogin() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("rose.arm64"), "arm64 image test skipped: slow (build 40 min, boot 10-20 min "
                + "under emulation); run it with -Drose.arm64=true");
        List<String> missing = new ArrayList<>();
        for (String t : List.of("mmdebstrap", "arch-test", "mkfs.ext4", "mcopy", "zstd", QemuBoard.QEMU_ARM64)) if (!Tool.present(t)) missing.add(t);
        if (!Files.isReadable(QemuBoard.AAVMF_CODE)) missing.add("qemu-efi-aarch64");
        if (!Files.exists(Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64"))) missing.add("qemu-user-static (binfmt qemu-aarch64)");
        Assumptions.assumeTrue(missing.isEmpty(), "arm64 image test skipped: missing " + missing);
        QemuBoard.assumeImageBuilds("arm64 image test");

        Path work = Files.createDirectories(Path.of("target/firmware-arm64-test"));
        Path image = work.resolve("rose-arm64.img");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status = ImageCommand.run(List.of("build", "--arch", "arm64", "--out", image.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        assertEquals(0, status, "rose image build --arch arm64 failed: " + out);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        // the guest's journal, live, in journal.log: what the kernel, systemd and ROSE said if the login never comes
        Path journal = GuestJournal.fresh(work);
        GuestJournal.forwardInImage(image, work);

        String password = "Arm-and-boot-64";
        try (QemuBoard board = QemuBoard.boot(Arch.ARM64, image, work, 1024, false, true, GuestJournal.qemuArgs(journal))) {
            board.expect("MikroTik Login: ", BOOT);
            double bootToLogin = board.uptimeSeconds();
            board.firstLogin(password, COMMAND);
            board.command("/ip address add address=10.0.2.15/24 interface=ether1", COMMAND);
            String addresses = board.command("/ip address print", COMMAND);
            assertTrue(addresses.contains("10.0.2.15/24") && addresses.contains("ether1"), addresses);
            String resource = board.command("/system resource print", COMMAND);
            System.out.printf("arm64 image: %d MiB raw (sparse); built in %.0f s; boot to login %.0f s, login to address %.0f s"
                    + " (qemu TCG, cortex-a57)%n%s%n", Files.size(image) >> 20, buildSeconds, bootToLogin,
                    board.uptimeSeconds() - bootToLogin, resource);
        } catch (AssertionError e) {
            throw GuestJournal.explained(e, journal);
        }
    }
}
