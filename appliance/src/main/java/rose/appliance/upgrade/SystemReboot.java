package rose.appliance.upgrade;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import rose.appliance.backup.SystemBackup;
import rose.cli.RouterOs;
import rose.cli.status.StatusSource;

/**
 * {@code /system reboot}, and the upgrade that goes with it as on RouterOS: put the update file
 * ({@code rose-ARCH.update}, made by {@code rose image build}) in the router's files, reboot,
 * and the router installs it on the way down ({@link SlotInstaller}) and boots it. An update
 * that cannot be installed (damaged, for another architecture, not on a flashed image) is
 * refused with the reason and the router does not reboot; the file stays for a look.
 */
public final class SystemReboot implements StatusSource {
    public static final String MENU = "system";

    private final Supplier<RouterOs> ros;
    private final Supplier<Optional<SlotInstaller>> installer;
    private final Supplier<SystemBackup.Reboot> reboot;

    public SystemReboot(Supplier<RouterOs> ros, Supplier<Optional<SlotInstaller>> installer, Supplier<SystemBackup.Reboot> reboot) {
        this.ros = ros;
        this.installer = installer;
        this.reboot = reboot;
    }

    @Override public List<Map<String, String>> rows(String menuPath) {
        return List.of();
    }

    @Override public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        if (!menuPath.equals(MENU) || !command.equals("reboot")) return false;
        RouterOs router = ros.get();
        List<Path> updates = updates(router.filesDir());
        if (updates.size() > 1) throw new IllegalArgumentException("failure: more than one update in files: " + names(updates));
        String reason = "reboot";
        if (!updates.isEmpty()) {
            Path file = updates.get(0);
            Optional<SlotInstaller> slots = installer.get();
            if (slots.isEmpty()) {
                throw new IllegalArgumentException("failure: " + file.getFileName()
                        + " can be installed only on a router booted from a ROSE image (A/B slots); not rebooting");
            }
            print(out, "installing " + file.getFileName() + " into slot " + slots.get().target() + "...\n");
            try {
                UpdateBundle.Manifest m = slots.get().install(file);
                Files.deleteIfExists(file);
                reason = "upgrade to " + m.get("version") + " built " + m.get("built") + " in slot " + slots.get().target();
                router.log().info("system", "installed " + file.getFileName() + " (" + m.get("version") + ", built " + m.get("built")
                        + ") into slot " + slots.get().target() + "; it boots next, slot " + slots.get().booted()
                        + " if it fails " + SlotInstaller.TRIES + " times");
            } catch (UpdateBundle.Refused e) {
                router.log().error("system", "update " + file.getFileName() + " refused: " + e.getMessage());
                throw new IllegalArgumentException(e.getMessage());
            } catch (IOException e) {
                router.log().error("system", "update " + file.getFileName() + " failed: " + e.getMessage());
                throw new IllegalArgumentException("failure: " + e.getMessage());
            }
        }
        SystemBackup.Reboot r = reboot.get();
        if (r == null || !r.reboot(reason)) throw new IllegalArgumentException("failure: this router cannot restart itself");
        router.log().info("system", "system rebooting (" + reason + ")");
        print(out, "rebooting\n");
        return true;
    }

    static List<Path> updates(Path files) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(files)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files, "*" + UpdateBundle.EXTENSION)) {
            for (Path p : ds) if (Files.isRegularFile(p)) out.add(p);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static String names(List<Path> l) {
        List<String> n = new ArrayList<>();
        for (Path p : l) n.add(p.getFileName().toString());
        return String.join(", ", n);
    }

    private static void print(Appendable out, String s) {
        if (out == null) return;
        try {
            out.append(s);
        } catch (IOException e) {
            // the session went away; the command goes on
        }
    }
}
