package rose.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import rose.appliance.upgrade.UpdateBundle;

/**
 * The guest's journal, live, in a file on this machine: a test-only journald drop-in forwards
 * everything journald hears (ROSE's stdout and stderr, systemd's unit starts, exits and
 * restarts, the kernel's messages: an OOM kill, a panic) to {@code /dev/hvc0}, a virtio console
 * that qemu writes to {@code journal.log}. The journal itself is in RAM on the image, gone with
 * the guest; the serial line is ROSE's login and cannot carry it. When a login ends without a
 * word (a process gone, a service restarted) this file says why.
 *
 * <p>Only the copies under test are changed, with {@code debugfs} on their root file systems.
 */
final class GuestJournal {
    static final String DROP_IN = "# test only (GuestJournal): every journal line to the virtio console qemu writes to a file\n"
            + "[Journal]\nForwardToConsole=yes\nTTYPath=/dev/hvc0\nMaxLevelConsole=info\n";

    private GuestJournal() {
    }

    /** qemu's side: a virtio-serial bus with one console, appended to {@code log} across the guest's reboots. */
    static List<String> qemuArgs(Path log) {
        return List.of("-device", "virtio-serial-pci,id=journal-bus",
                "-chardev", "file,id=journal,append=on,path=" + log.toAbsolutePath(),
                "-device", "virtconsole,bus=journal-bus.0,chardev=journal");
    }

    /** Slot A's root in a built disk image. */
    static void forwardInImage(Path image, Path work) throws Exception {
        ImagePartitions.read(image).edit(image, "rose-a", work.resolve("root-a.scratch"), fs -> forwardIn(fs, work));
    }

    /** The root file system an update bundle carries (rewritten in place, its checksums made anew, signed again). */
    static void forwardInUpdate(Path update, Path work) throws Exception {
        Path dir = work.resolve("journal-update-parts");
        UpdateParts u = UpdateParts.unpack(update, dir);
        Map<String, Path> parts = u.parts();
        Map<String, String> values = u.values();
        Path root = dir.resolve("root.img");
        Tool.output("zstd", "-q", "-d", "-f", parts.get("root.img.zst").toString(), "-o", root.toString());
        forwardIn(root, work);
        Tool.output("zstd", "-q", "-f", "-T0", root.toString(), "-o", parts.get("root.img.zst").toString());
        UpdateBundle.write(update, values, parts, FirmwareUpgradeTest.builderKey());
        Tool.output("rm", "-rf", dir.toString());
    }

    /** The drop-in, and no Linux getty on that console (systemd's generator starts one on hvc0 when it sees it). */
    static void forwardIn(Path ext4, Path work) throws IOException {
        Path dropIn = work.resolve("zz-journal-console.conf");
        Files.writeString(dropIn, DROP_IN);
        Path cmds = work.resolve("journal-debugfs.cmds");
        Files.writeString(cmds, "cd /etc/systemd/journald.conf.d\n"
                + "rm zz-journal-console.conf\n"
                + "write " + dropIn.toAbsolutePath() + " zz-journal-console.conf\n"
                + "cd /etc/systemd/system\n"
                + "symlink serial-getty@hvc0.service /dev/null\n");
        Tool.output("debugfs", "-w", "-f", cmds.toString(), ext4.toString());
        String check = Tool.output("debugfs", "-R", "cat /etc/systemd/journald.conf.d/zz-journal-console.conf", ext4.toString());
        if (!check.contains("TTYPath=/dev/hvc0")) throw new IOException("debugfs did not write the journal drop-in: " + check);
    }

    /**
     * What in the journal says {@code rose run} died: the JVM's fatal error report (its first
     * lines: the signal and the problematic frame) and systemd's restarts of rose.service. Empty
     * if it ran throughout. A board whose router died and came back can still show a login; the
     * test must not take that for a router that works.
     */
    static List<String> routerDeaths(Path log) {
        List<String> found = new java.util.ArrayList<>();
        try {
            for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                // the JVM's banner on stderr: "rose[398]: #  SIGSEGV (0xb) at pc=...", "rose[398]: # J 2558 c1 ..."
                if (line.contains("]: # A fatal error has been detected") || line.contains("]: #  SIG") || line.contains("]: # Problematic frame")
                        || line.contains("]: # J ") || line.contains("]: # C ") || line.contains("]: # V ")
                        || line.contains("rose.service: Main process exited") || line.contains("rose.service: Scheduled restart")) {
                    found.add(line.strip());
                }
            }
        } catch (IOException e) {
            found.add("(no journal to check: " + e.getMessage() + ")");
        }
        return found;
    }

    /** {@code dir}'s journal.log, with it and the serial.log beside it emptied of an earlier run's. */
    static Path fresh(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("serial.log"));
        Path journal = dir.resolve("journal.log");
        Files.deleteIfExists(journal);
        return journal;
    }

    /** {@code failure} with the end of each guest's journal: what the kernel, systemd and ROSE said meanwhile. */
    static AssertionError explained(AssertionError failure, Path... journals) {
        StringBuilder m = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Path j : journals) m.append("\n--- the guest's journal (").append(j).append("), its end:\n").append(tail(j, 120 / journals.length));
        return new AssertionError(m.toString(), failure);
    }

    /** Fails, with the JVM's report and systemd's lines, if {@code rose run} died in any of these guests. */
    static void assertRouterRanThroughout(Path... journals) {
        for (Path j : journals) {
            List<String> deaths = routerDeaths(j);
            if (!deaths.isEmpty()) {
                throw new AssertionError("rose run died and was restarted during the test (" + j + "; its hs_err file is in"
                        + " the image's data partition, files/):\n" + String.join("\n", deaths));
            }
        }
    }

    /** The last {@code lines} lines of the journal the guest forwarded so far, for a failure's message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no journal: " + e.getMessage() + ")";
        }
    }
}
