package rose.cli.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of a data directory: an OS lock on {@code lock}, so a second router process
 * (or a second store in this one) cannot interleave commits. The kernel drops the lock when the
 * holder dies, so a crash never leaves the directory locked. The file also names the holder's
 * pid, for the error message of whoever is refused.
 *
 * <p>On Linux the lock is a POSIX record lock, which belongs to the process and is dropped when
 * the process closes <em>any</em> descriptor of the file. A second opener in the same JVM must
 * therefore be refused before it opens the file at all, or its refusal would release the first
 * store's lock; {@link #HELD} is that process-wide check.
 */
final class DataDirLock implements AutoCloseable {
    /** Directories this JVM holds, by real path; process-wide because the OS lock is. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        Path file = key.resolve(DataDir.LOCK);
        if (!HELD.add(key)) throw inUse(dir, file, Long.toString(ProcessHandle.current().pid()));
        try {
            return lock(key, dir, file);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static DataDirLock lock(Path key, Path dir, Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw inUse(dir, file, holder(ch));
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            DataDir.writeFully(ch, ByteBuffer.wrap(pid), 0);
            return new DataDirLock(key, ch, lock);
        } catch (IOException | RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    private static IOException inUse(Path dir, Path file, String holder) {
        return new IOException("configuration data directory " + dir + " is in use by another store"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; lock held on " + file);
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } finally {
            HELD.remove(key);
        }
    }
}
