package rose.cli.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names in a data directory and the few filesystem moves that make it crash-safe.
 *
 * <pre>
 * lock                  held with an OS file lock while a store has the directory open
 * snapshot-GGGGGGGG.db  the whole configuration as of the start of journal G
 * journal-GGGGGGGG.log  commands committed after snapshot G (generation 0 has no snapshot)
 * *.tmp                 a file being written; never read, removed at open
 * </pre>
 */
final class DataDir {
    static final String LOCK = "lock";
    private static final Pattern NAME = Pattern.compile("(snapshot|journal)-(\\d{1,18})\\.(db|log)");

    private DataDir() {
    }

    static Path snapshot(Path dir, long generation) {
        return dir.resolve(String.format("snapshot-%08d.db", generation));
    }

    static Path journal(Path dir, long generation) {
        return dir.resolve(String.format("journal-%08d.log", generation));
    }

    static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** What a directory holds, by generation. */
    record Listing(TreeMap<Long, Path> snapshots, TreeMap<Long, Path> journals, List<Path> temps) {
        long newestSnapshot() {
            return snapshots.isEmpty() ? 0 : snapshots.lastKey();
        }
    }

    static Listing list(Path dir) throws IOException {
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        TreeMap<Long, Path> journals = new TreeMap<>();
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    temps.add(p);
                    continue;
                }
                Matcher m = NAME.matcher(name);
                if (!m.matches()) continue;
                boolean snap = m.group(1).equals("snapshot");
                if (snap != m.group(3).equals("db")) continue;
                (snap ? snapshots : journals).put(Long.parseLong(m.group(2)), p);
            }
        }
        return new Listing(snapshots, journals, temps);
    }

    /**
     * Makes {@code target} hold {@code data} or stay as it was, whatever instant a crash comes:
     * write a temp file, fsync it, rename it over the target, fsync the directory.
     */
    static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = temp(target);
        try {
            writeSynced(tmp, data);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Writes {@code data} as the whole of {@code file} and fsyncs it. */
    static void writeSynced(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(data), 0);
            ch.force(true);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) at += ch.write(buf, at);
    }

    /**
     * Makes renames, creations and deletions in {@code dir} durable. Linux needs an fsync of the
     * directory itself for that; a platform that cannot open a directory (Windows) journals its
     * metadata and is skipped.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            if (isWindows()) return;
            throw e;
        }
        try (ch) {
            ch.force(true);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
