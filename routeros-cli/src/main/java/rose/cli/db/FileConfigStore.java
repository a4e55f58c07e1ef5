package rose.cli.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The configuration database on disk: a snapshot plus an append-only journal, crash-safe at
 * every instant (see {@link DataDir} for the files, {@link FileHeader}, {@link Frame},
 * {@link ChangeCodec} and {@link SnapshotCodec} for the bytes).
 *
 * <pre>
 * open
 *  1. lock the directory (a second opener gets an IOException naming the holder)
 *  2. delete *.tmp: a write that never reached its rename
 *  3. G = newest snapshot generation (0 and the empty state when there is none);
 *     a journal newer than G means a snapshot went missing: hard error
 *  4. state = snapshot G, then replay journal G record by record (each must carry the next
 *     state version); a torn tail is cut off, damage before a good record is a hard error;
 *     a missing journal G (crash inside compaction) is created empty
 *  5. delete snapshots and journals older than G: a finished compaction covers them
 * commit
 *  6. encode the command's changes as one record, append it, fdatasync (inside a batch the
 *     sync waits for endBatch), then apply it to the store's own replica of the state
 *  7. outside a batch, compact when the journal has passed its size or record threshold
 * compact (crash at any step leaves a loadable directory holding every committed command)
 *  8. write snapshot G+1 from the replica to a temp file, fsync it
 *  9. rename it to snapshot-(G+1), fsync the directory      &lt;- from here load uses G+1
 * 10. create journal G+1 (temp, fsync, rename, fsync dir); switch appends to it
 * 11. delete journal G and snapshot G
 * </pre>
 *
 * A failed write or sync leaves the file's tail unknown, so the store then refuses every later
 * commit (as PostgreSQL does after a failed fsync); reopening recovers from what reached disk.
 */
public final class FileConfigStore implements ConfigStore {
    private static final System.Logger LOG = System.getLogger(FileConfigStore.class.getName());

    /**
     * When to compact: once the journal holds {@code compactAfterBytes} bytes or
     * {@code compactAfterRecords} records.
     */
    public record Options(long compactAfterBytes, int compactAfterRecords) {
        public static final Options DEFAULT = new Options(4L << 20, 50_000);

        public Options {
            if (compactAfterBytes <= 0 || compactAfterRecords <= 0) throw new IllegalArgumentException("thresholds must be positive");
        }
    }

    /**
     * What opening the directory found.
     *
     * @param generation     the snapshot/journal generation in use
     * @param replayed       journal records applied on top of the snapshot
     * @param discardedBytes bytes of a torn journal tail that were cut off
     * @param discarded      why, or null when the journal ended cleanly
     * @param staleRemoved   files of older generations (or temp files) deleted
     */
    public record Recovery(long generation, int replayed, long discardedBytes, String discarded, int staleRemoved) {
    }

    private final Path dir;
    private final Options options;
    private final Consumer<String> crashPoints;
    private final DataDirLock lock;
    private final Recovery recovery;
    private ConfigState replica;
    private JournalWriter journal;
    private int batchDepth;
    private boolean unsynced;
    private long retryCompactionAt;
    private IOException failure;
    private boolean closed;

    private FileConfigStore(Path dir, Options options, Consumer<String> crashPoints, DataDirLock lock,
            Recovery recovery, ConfigState replica, JournalWriter journal) {
        this.dir = dir;
        this.options = options;
        this.crashPoints = crashPoints;
        this.lock = lock;
        this.recovery = recovery;
        this.replica = replica;
        this.journal = journal;
    }

    public static FileConfigStore open(Path dataDir) throws IOException {
        return open(dataDir, Options.DEFAULT);
    }

    public static FileConfigStore open(Path dataDir, Options options) throws IOException {
        return open(dataDir, options, step -> { });
    }

    /** {@code crashPoints} is told each compaction step as it completes (tests copy the directory there). */
    static FileConfigStore open(Path dataDir, Options options, Consumer<String> crashPoints) throws IOException {
        Files.createDirectories(dataDir);
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            return recover(dataDir, options, crashPoints, lock);
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static FileConfigStore recover(Path dir, Options options, Consumer<String> crashPoints, DataDirLock lock)
            throws IOException {
        DataDir.Listing found = DataDir.list(dir);
        int removed = 0;
        for (Path tmp : found.temps()) if (Files.deleteIfExists(tmp)) removed++;

        long g = found.newestSnapshot();
        Long newer = found.journals().higherKey(g);
        if (newer != null)
            throw new CorruptStoreException(found.journals().get(newer) + ": journal generation " + newer
                    + " has no snapshot (newest is " + (g == 0 ? "none" : DataDir.snapshot(dir, g).getFileName())
                    + "); the data directory is damaged and was left as found");

        ConfigState state = ConfigState.EMPTY;
        if (g > 0) {
            Path file = found.snapshots().get(g);
            SnapshotCodec.Snapshot snap = SnapshotCodec.read(file);
            if (snap.generation() != g)
                throw CorruptStoreException.at(file, 0, "header says generation " + snap.generation());
            state = snap.state();
        }

        JournalWriter journal;
        int replayed = 0;
        long cut = 0;
        String discarded = null;
        Path journalFile = found.journals().get(g);
        if (journalFile == null) {
            journal = JournalWriter.create(dir, g, state.version());
        } else {
            JournalReader.Result r = JournalReader.read(journalFile);
            state = replay(journalFile, g, state, r);
            replayed = r.records().size();
            cut = r.fileSize() - r.validEnd();
            discarded = r.discarded();
            journal = JournalWriter.resume(journalFile, r);
            if (discarded != null) LOG.log(System.Logger.Level.WARNING, journalFile + ": dropped " + discarded);
        }

        for (Map.Entry<Long, Path> e : found.snapshots().headMap(g).entrySet()) if (Files.deleteIfExists(e.getValue())) removed++;
        for (Map.Entry<Long, Path> e : found.journals().headMap(g).entrySet()) if (Files.deleteIfExists(e.getValue())) removed++;
        if (removed > 0) DataDir.syncDirectory(dir);

        Recovery recovery = new Recovery(g, replayed, cut, discarded, removed);
        return new FileConfigStore(dir, options, crashPoints, lock, recovery, state, journal);
    }

    private static ConfigState replay(Path file, long g, ConfigState state, JournalReader.Result r)
            throws CorruptStoreException {
        FileHeader h = r.header();
        if (h.generation() != g) throw CorruptStoreException.at(file, 0, "header says generation " + h.generation());
        if (h.stateVersion() != state.version())
            throw CorruptStoreException.at(file, 0, "journal builds on state version " + h.stateVersion()
                    + " but its snapshot holds version " + state.version());
        for (int i = 0; i < r.records().size(); i++) {
            long offset = r.offsets().get(i);
            ChangeCodec.Commit c;
            try {
                c = ChangeCodec.decode(r.records().get(i));
            } catch (Wire.MalformedException e) {
                throw new CorruptStoreException(file + ": record " + (i + 1) + " at byte offset " + offset
                        + " passed its checksum but does not decode: " + e.getMessage(), e);
            }
            if (c.version() != state.version() + 1 || c.changes().isEmpty())
                throw CorruptStoreException.at(file, offset, "record " + (i + 1) + " carries state version " + c.version()
                        + " with " + c.changes().size() + " changes; expected version " + (state.version() + 1));
            state = state.apply(c.changes());
        }
        return state;
    }

    /** The state as last committed: what open recovered plus every commit since. */
    @Override
    public synchronized ConfigState load() {
        return replica;
    }

    @Override
    public synchronized void commit(List<Change> changes) throws IOException {
        checkUsable();
        if (changes.isEmpty()) return;
        ConfigState next = replica.apply(changes);
        byte[] payload = ChangeCodec.encode(next.version(), changes);
        if (payload.length > Frame.MAX_PAYLOAD)
            throw new IOException("command too large to record: " + payload.length + " bytes (limit " + Frame.MAX_PAYLOAD + ")");
        try {
            journal.append(payload);
            if (batchDepth == 0) journal.sync();
            else unsynced = true;
        } catch (IOException e) {
            throw fail(e);
        }
        replica = next;
        if (batchDepth == 0) maybeCompact();
    }

    @Override
    public synchronized void beginBatch() {
        batchDepth++;
    }

    @Override
    public synchronized void endBatch() throws IOException {
        if (batchDepth == 0) throw new IllegalStateException("endBatch without beginBatch");
        if (--batchDepth > 0) return;
        checkUsable();
        syncBatch();
        maybeCompact();
    }

    private void syncBatch() throws IOException {
        if (!unsynced) return;
        try {
            journal.sync();
        } catch (IOException e) {
            throw fail(e);
        }
        unsynced = false;
    }

    private void maybeCompact() {
        boolean due = journal.size() >= options.compactAfterBytes() || journal.records() >= options.compactAfterRecords();
        if (!due || journal.size() < retryCompactionAt) return;
        try {
            compact();
        } catch (IOException e) {
            // the commit that triggered this is already durable; it must still succeed
            LOG.log(System.Logger.Level.WARNING, "compaction of " + dir + " failed; will retry later", e);
            retryCompactionAt = journal.size() + options.compactAfterBytes();
        }
    }

    /**
     * Folds the journal into a new snapshot and starts an empty journal (steps 8-11). Called
     * automatically; public so a shutdown or a test can force it.
     */
    public synchronized void compact() throws IOException {
        checkUsable();
        syncBatch();
        long g = journal.generation() + 1;
        ConfigState state = replica;
        Path snapshot = DataDir.snapshot(dir, g);
        Path tmp = DataDir.temp(snapshot);
        try {
            DataDir.writeSynced(tmp, SnapshotCodec.encode(g, state));
            crashPoints.accept("snapshot-synced");
            Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (!Files.exists(snapshot)) throw e;                 // journal G is still the truth
            throw fail(e);
        }
        // Point of no return: load now prefers snapshot G+1 and ignores journal G, so appends
        // must not reach journal G any more. Any failure below disables the store.
        JournalWriter next;
        try {
            DataDir.syncDirectory(dir);
            crashPoints.accept("snapshot-renamed");
            next = JournalWriter.create(dir, g, state.version());
            crashPoints.accept("journal-created");
        } catch (IOException e) {
            throw fail(e);
        }
        JournalWriter old = journal;
        journal = next;
        retryCompactionAt = 0;
        try {
            old.close();
            Files.deleteIfExists(old.file());
            Files.deleteIfExists(DataDir.snapshot(dir, g - 1));
            DataDir.syncDirectory(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove generation " + (g - 1) + " from " + dir
                    + "; the next open removes it", e);
        }
        crashPoints.accept("old-removed");
    }

    private IOException fail(IOException e) {
        if (failure == null) failure = e;
        return e;
    }

    private void checkUsable() throws IOException {
        if (closed) throw new IOException("configuration store " + dir + " is closed");
        if (failure != null)
            throw new IOException("configuration store " + dir + " refuses commits after an earlier write failure;"
                    + " restart to recover from what reached disk", failure);
    }

    /**
     * The committed configuration as the bytes of a snapshot file: what a backup carries
     * ({@code /system backup save}). Taken under the store's lock, so it is one commit's state.
     */
    public synchronized byte[] snapshotBytes() throws IOException {
        checkUsable();
        return SnapshotCodec.encode(1, replica);
    }

    /** Decodes bytes from {@link #snapshotBytes}: a damaged or foreign body is a {@link CorruptStoreException}. */
    public static ConfigState readSnapshot(byte[] snapshot) throws CorruptStoreException {
        return SnapshotCodec.decode(Path.of("backup"), snapshot).state();
    }

    /**
     * Replaces the configuration of a data directory no store has open ({@code /system backup
     * load}, applied at the next start) with one rename: the snapshot is written as a generation
     * newer than any file there, so the next open prefers it and removes every older snapshot
     * and journal. A crash before the rename leaves the old configuration, after it the new one.
     * {@code first} runs under the directory's lock before the rename (the files that go with
     * the configuration); a directory a store has open is refused before anything is done.
     */
    public static void installSnapshot(Path dataDir, byte[] snapshot, IoStep first) throws IOException {
        ConfigState state = readSnapshot(snapshot);
        Files.createDirectories(dataDir);
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            first.run();
            DataDir.Listing found = DataDir.list(dataDir);
            long g = Math.max(found.newestSnapshot(), found.journals().isEmpty() ? 0 : found.journals().lastKey()) + 1;
            DataDir.writeAtomically(DataDir.snapshot(dataDir, g), SnapshotCodec.encode(g, state));
        }
    }

    /** Work on a data directory that may fail with an I/O error. */
    @FunctionalInterface
    public interface IoStep {
        void run() throws IOException;
    }

    public Recovery recovery() {
        return recovery;
    }

    public Path directory() {
        return dir;
    }

    /** The generation of the snapshot/journal pair in use. */
    public synchronized long generation() {
        return journal.generation();
    }

    synchronized long journalBytes() {
        return journal.size();
    }

    synchronized int journalRecords() {
        return journal.records();
    }

    /** Syncs an unfinished batch, then releases the files and the directory lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (failure == null) syncBatch();
        } finally {
            try {
                journal.close();
            } finally {
                lock.close();
            }
        }
    }
}
