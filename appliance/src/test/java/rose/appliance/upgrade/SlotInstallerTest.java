package rose.appliance.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.cli.lang.Session;

/**
 * The A/B install on a directory standing in for the ESP and files standing in for the slot
 * partitions (with by-partlabel and by-partuuid links as udev makes them): what a good update
 * leaves, and that a damaged or foreign one leaves the other slot unbootable, never half-written
 * and bootable. The boot itself (systemd-boot's counting, the fallback) is FirmwareUpgradeTest's.
 */
class SlotInstallerTest {
    static final String ENTRY_A = "title ROSE (slot A)\nversion 20260101000000\nsort-key rose\nlinux /rose-a/vmlinuz\n"
            + "initrd /rose-a/initrd.img\noptions root=PARTUUID=aaaa rw rootwait console=tty0 console=ttyS0,115200 quiet loglevel=3 panic=10 rose.slot=a\n";
    static final String UUID_B = "0f2c8a52-2b7e-4c1e-9c55-5b0c1c7f0b0b";

    @TempDir
    Path dir;
    Path esp;
    Path slotB;
    byte[] rootImage;

    @BeforeEach
    void disk() throws Exception {
        esp = dir.resolve("esp");
        Files.createDirectories(esp.resolve("loader/entries"));
        Files.writeString(esp.resolve("loader/entries/rose-a.conf"), ENTRY_A);
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Files.write(dev.resolve("vda2"), new byte[0]);
        slotB = dev.resolve("vda3");
        Files.write(slotB, new byte[4096]);
        Files.createDirectories(dir.resolve("by-partlabel"));
        Files.createDirectories(dir.resolve("by-partuuid"));
        Files.createSymbolicLink(dir.resolve("by-partlabel/rose-a"), dev.resolve("vda2"));
        Files.createSymbolicLink(dir.resolve("by-partlabel/rose-b"), slotB);
        Files.createSymbolicLink(dir.resolve("by-partuuid/aaaa"), dev.resolve("vda2"));
        Files.createSymbolicLink(dir.resolve("by-partuuid/" + UUID_B), slotB);
        rootImage = new byte[300_000];
        new Random(7).nextBytes(rootImage);
        for (int i = 0; i < rootImage.length; i += 3) rootImage[i] = 0;    // something zstd can shrink a bit
    }

    /** The image's update key: what the builder signs with, and what the router checks against. */
    static final KeyPair KEY = UpdateSignature.generate();

    private SlotInstaller installer(String booted, String arch) {
        return new SlotInstaller(esp, dir.resolve("by-partlabel"), dir.resolve("by-partuuid"), booted, arch, KEY.getPublic());
    }

    private Path bundle(String arch, String built) throws Exception {
        return bundle(arch, built, KEY.getPrivate());
    }

    private Path bundle(String arch, String built, PrivateKey signer) throws Exception {
        Path parts = Files.createDirectories(dir.resolve("parts-" + built));
        Files.writeString(parts.resolve("vmlinuz"), "kernel " + built);
        Files.writeString(parts.resolve("initrd.img"), "initrd " + built);
        Path raw = parts.resolve("root.img");
        Files.write(raw, rootImage);
        Process p = new ProcessBuilder("zstd", "-q", "-f", raw.toString(), "-o", parts.resolve("root.img.zst").toString()).start();
        assertEquals(0, p.waitFor());
        Map<String, String> v = new LinkedHashMap<>();
        v.put("arch", arch);
        v.put("version", "7.18.2");
        v.put("built", built);
        Path out = dir.resolve("rose-" + arch + "-" + built + ".update");
        UpdateBundle.write(out, v, Map.of("vmlinuz", parts.resolve("vmlinuz"), "initrd.img", parts.resolve("initrd.img"),
                "root.img.zst", parts.resolve("root.img.zst")), signer);
        return out;
    }

    private List<String> entries() throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(esp.resolve("loader/entries"))) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }

    @Test
    void anUpdateGoesToTheOtherSlotAndIsTriedThreeTimes() throws Exception {
        UpdateBundle.Manifest m = installer("a", "amd64").install(bundle("amd64", "20261122190000"));
        assertEquals("20261122190000", m.get("built"));
        assertArrayEquals(rootImage, Files.readAllBytes(slotB), "the root file system is on slot B's partition");
        assertEquals("kernel 20261122190000", Files.readString(esp.resolve("rose-b/vmlinuz")));
        assertEquals("initrd 20261122190000", Files.readString(esp.resolve("rose-b/initrd.img")));
        assertEquals(List.of("rose-a.conf", "rose-b+3.conf"), entries());
        assertEquals(ENTRY_A, Files.readString(esp.resolve("loader/entries/rose-a.conf")), "slot A stays as it was, to fall back to");
        assertEquals("title ROSE 7.18.2 (slot B)\nversion 20261122190000\nsort-key rose\nlinux /rose-b/vmlinuz\ninitrd /rose-b/initrd.img\n"
                + "options root=PARTUUID=" + UUID_B + " rw rootwait console=tty0 console=ttyS0,115200 quiet loglevel=3 panic=10 rose.slot=b\n",
                Files.readString(esp.resolve("loader/entries/rose-b+3.conf")));
        try (var s = Files.list(esp.resolve("rose-b"))) {
            assertEquals(2, s.count(), "no .tmp left behind");
        }
    }

    @Test
    void aDamagedUpdateLeavesTheOtherSlotUnbootable() throws Exception {
        installer("a", "amd64").install(bundle("amd64", "20261122190000"));
        Path bad = bundle("amd64", "20261122200000");
        byte[] b = Files.readAllBytes(bad);
        b[b.length - 100] ^= 0x40;                                        // inside root.img.zst
        Files.write(bad, b);
        UpdateBundle.Refused e = assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(bad));
        assertTrue(e.getMessage().startsWith("failure: "), e.getMessage());
        assertEquals(List.of("rose-a.conf"), entries(), "the half-written slot B has no entry: A boots");

        Path truncated = bundle("amd64", "20261122210000");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(truncated), 200));
        assertEquals("failure: update is damaged (truncated)",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(truncated)).getMessage());
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(bundle("amd64", "20261122220000")), 700));
        assertEquals("failure: update is damaged (root.img.zst truncated)",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(truncated)).getMessage());
        Files.writeString(truncated, "/ip address add address=10.0.0.1/24 interface=ether1\n");
        assertEquals("failure: file is not a ROSE update",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(truncated)).getMessage());
    }

    @Test
    void anUpdateForAnotherArchitectureChangesNothing() throws Exception {
        installer("a", "amd64").install(bundle("amd64", "20261122190000"));
        byte[] before = Files.readAllBytes(slotB);
        assertEquals("failure: update is for arm64, this router is amd64",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(bundle("arm64", "20261122200000"))).getMessage());
        assertEquals(List.of("rose-a.conf", "rose-b+3.conf"), entries());
        assertArrayEquals(before, Files.readAllBytes(slotB));
    }

    @Test
    void anUpdateNotSignedWithTheImagesKeyChangesNothing() throws Exception {
        installer("a", "amd64").install(bundle("amd64", "20261122190000"));
        byte[] before = Files.readAllBytes(slotB);
        String entryB = Files.readString(esp.resolve("loader/entries/rose-b+3.conf"));
        byte[] kernelB = Files.readAllBytes(esp.resolve("rose-b/vmlinuz"));

        assertEquals("failure: update is not signed; this router installs only signed updates",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(bundle("amd64", "20261122200000", null)))
                        .getMessage());
        Path foreign = bundle("amd64", "20261122210000", UpdateSignature.generate().getPrivate());
        assertEquals("failure: update signature is invalid (not signed with this router's key, or altered)",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(foreign)).getMessage());
        // signed by the right key, then one byte of the manifest changed (a newer "built", to be booted first)
        Path altered = bundle("amd64", "20261122220000");
        byte[] b = Files.readAllBytes(altered);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("built=20261122220000") + "built=2026112222000".length();
        b[at] = '9';
        Files.write(altered, b);
        assertEquals("failure: update signature is invalid (not signed with this router's key, or altered)",
                assertThrows(UpdateBundle.Refused.class, () -> installer("a", "amd64").install(altered)).getMessage());
        // a router without a key installs nothing
        SlotInstaller keyless = new SlotInstaller(esp, dir.resolve("by-partlabel"), dir.resolve("by-partuuid"), "a", "amd64", null);
        assertTrue(assertThrows(UpdateBundle.Refused.class, () -> keyless.install(bundle("amd64", "20261122230000"))).getMessage()
                .startsWith("failure: this router has no update key"));

        assertEquals(List.of("rose-a.conf", "rose-b+3.conf"), entries(), "slot B's entry is still there: nothing was touched");
        assertEquals(entryB, Files.readString(esp.resolve("loader/entries/rose-b+3.conf")));
        assertArrayEquals(kernelB, Files.readAllBytes(esp.resolve("rose-b/vmlinuz")));
        assertArrayEquals(before, Files.readAllBytes(slotB));
    }

    @Test
    void bootedFromBWhileItIsStillCountingTheNextUpdateGoesToA() throws Exception {
        Files.move(esp.resolve("loader/entries/rose-a.conf"), esp.resolve("loader/entries/rose-b+2-1.conf"));
        Files.writeString(esp.resolve("loader/entries/rose-b+2-1.conf"), ENTRY_A.replace("rose-a", "rose-b").replace("slot=a", "slot=b"));
        SlotInstaller i = installer("b", "amd64");
        assertEquals("a", i.target());
        i.install(bundle("amd64", "20261122190000"));
        assertEquals(List.of("rose-a+3.conf", "rose-b+2-1.conf"), entries());
        assertTrue(Files.readString(esp.resolve("loader/entries/rose-a+3.conf")).contains("root=PARTUUID=aaaa "));
        assertEquals(Optional.of("b"), SlotInstaller.slotOf("BOOT_IMAGE=/rose-b/vmlinuz root=PARTUUID=x rose.slot=b quiet"));
        assertEquals(Optional.empty(), SlotInstaller.slotOf("BOOT_IMAGE=/vmlinuz root=/dev/sda1"));
    }

    @Test
    void systemRebootInstallsAnUpdateFromTheFilesThenReboots() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        List<String> reboots = new ArrayList<>();
        try (Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), new BuildInfo("7.18.2", null))) {
            app.router().setFilesDir(files);
            app.onReboot(r -> reboots.add(r));
            StringBuilder out = new StringBuilder();
            new Session(app.router(), "admin").execute("/system reboot", out);
            assertEquals("rebooting\n", out.toString(), "no update: a plain reboot");
            assertEquals(List.of("reboot"), reboots);
            reboots.clear();

            Files.move(bundle("amd64", "20261122190000"), files.resolve("rose-amd64.update"));
            out.setLength(0);
            new Session(app.router(), "admin").execute("/system reboot", out);
            // this JVM was not booted from a ROSE image: no slots, so refused and no reboot
            assertEquals("failure: rose-amd64.update can be installed only on a router booted from a ROSE image (A/B slots); not rebooting\n",
                    out.toString());
            assertEquals(List.of(), reboots);
            assertTrue(Files.exists(files.resolve("rose-amd64.update")));
        }
        SystemReboot reboot = new SystemReboot(() -> null, () -> Optional.of(installer("a", "amd64")), () -> r -> reboots.add(r));
        assertEquals(List.of(files.resolve("rose-amd64.update")), SystemReboot.updates(files));
        assertFalse(reboot.command("system", "shutdown", Map.of(), null));
    }
}
