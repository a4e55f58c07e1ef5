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
 * A board loses power right after its first configuration: qemu is killed (no shutdown, the
 * guest's file systems unclean), then powered on again. The password chosen at the first login
 * and the configuration must still be there, and the serial login must let admin in. The
 * A/B upgrade test saw the login come back with no word after such a cut; this is that step
 * alone. Two boots under TCG: gated, {@code -Drose.powercut=true}.
 */
class FirmwarePowerCutTest {
    static final Duration BOOT = Duration.ofMinutes(30);
    static final Duration COMMAND = Duration.ofSeconds(180);

    @Test
    void theFirstPasswordAndConfigurationSurviveAPowerCut() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("rose.powercut"), "power-cut test skipped: two TCG boots; run it with -Drose.powercut=true");
        List<String> missing = new ArrayList<>();
        for (String t : ImageCommand.TOOLS) if (!Tool.present(t)) missing.add(t);
        if (!Tool.present(QemuBoard.QEMU)) missing.add(QemuBoard.QEMU);
        Assumptions.assumeTrue(missing.isEmpty(), "power-cut test skipped: missing " + missing);
        QemuBoard.assumeImageBuilds("power-cut test");

        Path work = Files.createDirectories(Path.of("target/firmware-powercut-test"));
        Path image = work.resolve("rose-amd64.img");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ImageCommand.run(List.of("build", "--arch", "amd64", "--out", image.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false), "rose image build failed: " + out);
        Files.deleteIfExists(work.resolve("serial.log"));

        String password = "Cut-the-power-9";
        try (QemuBoard board = QemuBoard.boot(image, work, 640)) {
            board.expect("MikroTik Login: ", BOOT);
            board.firstLogin(password, COMMAND);
            board.command("/system identity set name=survivor", COMMAND);
            board.command("/ip address add address=10.0.2.15/24 interface=ether1", COMMAND);
        }                                                       // SIGTERM to qemu: the power goes, nothing is synced
        try (QemuBoard board = QemuBoard.boot(Arch.AMD64, image, work, 640, false, false)) {
            board.expect("survivor Login: ", BOOT);
            board.type("admin");
            board.expect("Password: ", COMMAND);
            board.type(password);
            String seen = board.expect("\\[admin@survivor\\] > |Login failed|error: |Login: ", COMMAND);
            assertTrue(seen.endsWith("[admin@survivor] > "), "after the power cut, admin's login:\n" + seen);
            String addresses = board.command("/ip address print", COMMAND);
            assertTrue(addresses.contains("10.0.2.15/24"), addresses);
        }
    }
}
