package rose.appliance.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import rose.cli.RouterOs;
import rose.cli.db.FileConfigStore;
import rose.cli.status.StatusSource;

/**
 * {@code /system backup save} and {@code load}, as RouterOS v7 has them.
 *
 * <ul>
 *   <li>{@code save [name=] [password=] [dont-encrypt=yes|no] [encryption=aes-sha256]}: the file
 *       goes to the router's files ({@code /file print}); without {@code name} it is
 *       {@code IDENTITY-YYYYMMDD-HHMM.backup}, and {@code .backup} is added when missing. With a
 *       password it is encrypted ({@code aes-sha256}, the default); without one, or with
 *       {@code dont-encrypt=yes}, it is not (RouterOS since 6.43). {@code encryption=rc4} is
 *       refused: RouterOS keeps it only to load backups of old versions, which ROSE has none of.</li>
 *   <li>{@code load name= password=}: both are required (RouterOS asks for the password when it
 *       is not given; ROSE has no prompt for it here). A wrong password or a damaged file
 *       changes nothing. Otherwise the restore is staged and the router reboots
 *       ({@link BackupContents}).</li>
 * </ul>
 */
public final class SystemBackup implements StatusSource {
    public static final String MENU = "system backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    /** What happens after a load staged a restore: the router restarts and applies it. */
    public interface Reboot {
        /** Starts the reboot; returns false when this router cannot restart itself (then it is applied at the next start). */
        boolean reboot(String reason);
    }

    private final Path dataDir;
    private final Supplier<FileConfigStore> store;
    private final Supplier<RouterOs> ros;
    private final Map<String, String> identity;
    private final Clock clock;
    private final Supplier<Reboot> reboot;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param identity what the manifest records about the router (board, version)
     * @param reboot   looked up when a load needs it (the running program sets it after boot)
     */
    public SystemBackup(Path dataDir, Supplier<FileConfigStore> store, Supplier<RouterOs> ros, Map<String, String> identity,
                        Clock clock, Supplier<Reboot> reboot) {
        this.dataDir = dataDir;
        this.store = store;
        this.ros = ros;
        this.identity = Map.copyOf(identity);
        this.clock = clock;
        this.reboot = reboot;
    }

    @Override public List<Map<String, String>> rows(String menuPath) {
        return List.of();
    }

    @Override public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        if (!menuPath.equals(MENU)) return false;
        try {
            switch (command) {
                case "save": save(args, out); return true;
                case "load": load(args, out); return true;
                default: return false;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("failure: " + e.getMessage());
        }
    }

    private void save(Map<String, String> args, Appendable out) throws IOException {
        String encryption = args.getOrDefault("encryption", "aes-sha256");
        if (encryption.equals("rc4")) throw new IllegalArgumentException("failure: rc4 encryption is not supported, use aes-sha256");
        if (!encryption.equals("aes-sha256")) throw new IllegalArgumentException("input does not match any value of encryption");
        String dont = args.getOrDefault("dont-encrypt", "no");
        if (!dont.equals("yes") && !dont.equals("no")) throw new IllegalArgumentException("input does not match any value of dont-encrypt");
        String password = args.get("password");
        if (password != null && password.isEmpty()) password = null;
        if (dont.equals("yes")) password = null;
        RouterOs router = ros.get();
        String name = args.get("name");
        if (name == null || name.isEmpty()) name = router.identity() + "-" + STAMP.format(clock.instant().atZone(clock.getZone()));
        if (!name.endsWith(".backup")) name = name + ".backup";
        Path target = fileIn(router, name);
        Map<String, String> manifest = new LinkedHashMap<>(identity);
        manifest.put("identity", router.identity());
        manifest.put("saved", clock.instant().toString());
        // under the database's write lock: no command commits while the configuration is taken
        BackupPayload payload = router.db().write(tx -> BackupContents.collect(dataDir, store.get(), manifest));
        byte[] file = BackupFile.seal(payload.encode(), password, random);
        Files.createDirectories(target.getParent());
        rose.appliance.OwnerOnlyFile.write(target, file);
        router.log().info("system", "configuration backup saved to " + name + (password == null ? " (not encrypted)" : ""));
        print(out, "Configuration backup saved\n");
    }

    private void load(Map<String, String> args, Appendable out) throws IOException {
        String name = args.get("name");
        if (name == null) throw new IllegalArgumentException("missing value(s) of argument(s) name");
        String password = args.get("password");
        if (password == null) throw new IllegalArgumentException("missing value(s) of argument(s) password");
        RouterOs router = ros.get();
        Path file = fileIn(router, name);
        if (!Files.isRegularFile(file) && !name.endsWith(".backup")) file = fileIn(router, name + ".backup");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("failure: no such file");
        if (Files.size(file) > BackupFile.MAX_BYTES) throw new IllegalArgumentException("failure: file is too large to be a backup");
        BackupPayload payload;
        try {
            payload = BackupPayload.decode(BackupFile.open(Files.readAllBytes(file), password));
            BackupContents.stage(dataDir, payload);
        } catch (BackupFile.Refused e) {
            router.log().warning("system", "configuration restore from " + name + " refused: " + e.getMessage());
            throw new IllegalArgumentException(e.getMessage());
        }
        router.log().info("system", "configuration restored from backup " + name + ", rebooting");
        print(out, "Restoring system configuration\n");
        Reboot r = reboot.get();
        if (r != null && r.reboot("configuration restored from backup " + name)) {
            print(out, "System configuration restored, rebooting now\n");
        } else {
            print(out, "System configuration restored, it is loaded when the router starts again\n");
        }
    }

    /** A file in the router's files; a name that climbs out of it is refused. */
    private static Path fileIn(RouterOs router, String name) {
        Path dir = router.filesDir().toAbsolutePath().normalize();
        Path p = dir.resolve(name).normalize();
        if (name.isEmpty() || !p.startsWith(dir) || p.equals(dir)) throw new IllegalArgumentException("failure: bad file name");
        return p;
    }

    private static void print(Appendable out, String s) {
        if (out == null) return;
        try {
            out.append(s);
        } catch (IOException e) {
            // the session went away; the command still happened
        }
    }
}
