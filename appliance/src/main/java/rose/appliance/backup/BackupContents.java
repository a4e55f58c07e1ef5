package rose.appliance.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import rose.appliance.OwnerOnlyFile;
import rose.cli.db.CorruptStoreException;
import rose.cli.db.FileConfigStore;

/**
 * What a backup holds of a data directory and how a restore puts it back.
 *
 * <ol>
 *   <li>save: the configuration database (users, their passwords and SSH keys, everything
 *       {@code /export} shows and more) as one snapshot, plus the router's key files:
 *       {@code password.key} (seals passwords for the challenge login), {@code certificates/}
 *       (certificates and private keys), {@code ssh/} (the host key) and {@code tls/};</li>
 *   <li>load: the checked payload is staged as {@code restore.pending} in one rename, and the
 *       router reboots (RouterOS does the same);</li>
 *   <li>next start, before the store opens: the key files are put back (files the backup does
 *       not have are removed), then the configuration is replaced by one rename
 *       ({@link FileConfigStore#installSnapshot}), then the staged file is removed. A crash in
 *       between leaves it staged, and the next start does the same again: every step can be
 *       repeated.</li>
 * </ol>
 */
public final class BackupContents {
    /** Data directory trees and files a backup carries besides the configuration. */
    static final List<String> KEPT = List.of("password.key", "certificates", "ssh", "tls");
    public static final String PENDING = "restore.pending";

    private BackupContents() {
    }

    /** The payload of a backup of {@code dataDir} whose open store is {@code store}. */
    public static BackupPayload collect(Path dataDir, FileConfigStore store, Map<String, String> manifest) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        StringBuilder m = new StringBuilder();
        manifest.forEach((k, v) -> m.append(k).append('=').append(v).append('\n'));
        entries.put(BackupPayload.MANIFEST, m.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        entries.put(BackupPayload.CONFIGURATION, store.snapshotBytes());
        for (Path file : keptFiles(dataDir)) {
            entries.put(dataDir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        return new BackupPayload(entries);
    }

    /**
     * Checks a payload to restore and stages it in {@code dataDir}: nothing of the running
     * router changes here. Refused if it has no configuration or one that does not decode.
     */
    public static void stage(Path dataDir, BackupPayload payload) throws IOException, BackupFile.Refused {
        check(payload);
        OwnerOnlyFile.write(dataDir.resolve(PENDING), payload.encode());
    }

    /** Whether a restore is staged and waits for the next start. */
    public static boolean pending(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(PENDING));
    }

    /**
     * Applies a staged restore, if any, to a data directory no router has open; returns whether
     * there was one. A staged file that does not decode (it cannot be: it was checked and
     * written in one rename) is set aside as {@code restore.failed}, the old configuration kept.
     */
    public static boolean applyPending(Path dataDir) throws IOException {
        Path staged = dataDir.resolve(PENDING);
        if (!Files.isRegularFile(staged)) return false;
        BackupPayload payload;
        try {
            payload = BackupPayload.decode(Files.readAllBytes(staged));
            check(payload);
        } catch (BackupFile.Refused e) {
            Files.move(staged, dataDir.resolve("restore.failed"), StandardCopyOption.REPLACE_EXISTING);
            throw new IOException("the staged restore " + staged + " is damaged (" + e.getMessage() + "); kept the configuration");
        }
        FileConfigStore.installSnapshot(dataDir, payload.entries().get(BackupPayload.CONFIGURATION), () -> {
            for (Path file : keptFiles(dataDir)) {
                String name = dataDir.relativize(file).toString().replace('\\', '/');
                if (!payload.entries().containsKey(name)) Files.delete(file);
            }
            for (Map.Entry<String, byte[]> e : payload.entries().entrySet()) {
                if (!isKept(e.getKey())) continue;
                Path target = dataDir.resolve(e.getKey()).normalize();
                if (!target.startsWith(dataDir.normalize())) continue;     // validName already refuses it
                Files.createDirectories(target.getParent());
                OwnerOnlyFile.write(target, e.getValue());
            }
        });
        Files.delete(staged);
        return true;
    }

    private static void check(BackupPayload payload) throws BackupFile.Refused {
        byte[] config = payload.entries().get(BackupPayload.CONFIGURATION);
        if (config == null) throw new BackupFile.Refused("failure: backup file is damaged (no configuration)");
        try {
            FileConfigStore.readSnapshot(config);
        } catch (CorruptStoreException e) {
            throw new BackupFile.Refused("failure: backup file is damaged (configuration does not decode)");
        }
    }

    static boolean isKept(String name) {
        for (String k : KEPT) if (name.equals(k) || name.startsWith(k + "/")) return true;
        return false;
    }

    /** Regular files of the kept trees, sorted, without half-written ones. */
    static List<Path> keptFiles(Path dataDir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String k : KEPT) {
            Path p = dataDir.resolve(k);
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".tmp")
                            && !f.getFileName().toString().endsWith(".new")).sorted(Comparator.naturalOrder()).forEach(out::add);
                }
            }
        }
        return out;
    }
}
