package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What load does with every shape of damage a journal can have. */
class JournalRecoveryTest {
    /** Every torn tail below logs a warning; hundreds of them would drown the build output. */
    private static final Logger QUIET = Logger.getLogger(FileConfigStore.class.getName());

    @TempDir
    Path dir;

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(Level.SEVERE);
    }

    @AfterAll
    static void loud() {
        QUIET.setLevel(null);
    }

    private final List<List<Change>> cmds = StoreFixtures.commands().subList(0, 5);
    private Path journal;
    private byte[] full;
    /** Where each record starts, plus the file end. */
    private long[] bounds;

    @BeforeEach
    void writeJournal() throws IOException {
        Path src = dir.resolve("src");
        bounds = new long[cmds.size() + 1];
        try (FileConfigStore store = FileConfigStore.open(src)) {
            for (int i = 0; i < cmds.size(); i++) {
                bounds[i] = store.journalBytes();
                store.commit(cmds.get(i));
            }
            bounds[cmds.size()] = store.journalBytes();
        }
        journal = DataDir.journal(src, 0);
        full = Files.readAllBytes(journal);
        assertEquals(bounds[cmds.size()], full.length);
    }

    private Path dirWithJournal(String name, byte[] content) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(DataDir.journal(d, 0), content);
        return d;
    }

    private ConfigState upTo(int commands) {
        return StoreFixtures.applyAll(ConfigState.EMPTY, cmds.subList(0, commands));
    }

    @Test
    void tornLastRecordAtEveryByteOffsetIsCutOff() throws IOException {
        int last = cmds.size() - 1;
        for (long cut = bounds[last]; cut < bounds[last + 1]; cut++) {
            Path d = dirWithJournal("cut" + cut, Arrays.copyOf(full, (int) cut));
            try (FileConfigStore store = FileConfigStore.open(d)) {
                StoreFixtures.assertSameState(upTo(last), store.load());
                assertEquals(cut - bounds[last], store.recovery().discardedBytes());
                assertEquals(cut == bounds[last], store.recovery().discarded() == null);
                assertEquals(bounds[last], Files.size(DataDir.journal(d, 0)), "truncated at the last good record");
                store.commit(cmds.get(last)); // appends cleanly after the cut
            }
            try (FileConfigStore store = FileConfigStore.open(d)) {
                StoreFixtures.assertSameState(upTo(cmds.size()), store.load());
                assertNull(store.recovery().discarded());
            }
        }
    }

    @Test
    void cutInsideAnyRecordLosesThatRecordAndNothingBefore() throws IOException {
        // cutting anywhere inside record k (k not last) loses exactly records k.. and nothing else
        for (int k = 0; k < cmds.size(); k++) {
            long cut = bounds[k] + 3;
            Path d = dirWithJournal("mid" + k, Arrays.copyOf(full, (int) cut));
            try (FileConfigStore store = FileConfigStore.open(d)) {
                StoreFixtures.assertSameState(upTo(k), store.load());
            }
        }
    }

    @Test
    void badChecksumInTheLastRecordIsATornTail() throws IOException {
        int last = cmds.size() - 1;
        for (long at = bounds[last]; at < bounds[last + 1]; at++) {
            byte[] b = full.clone();
            b[(int) at] ^= 0x01;
            Path d = dirWithJournal("flip" + at, b);
            try (FileConfigStore store = FileConfigStore.open(d)) {
                StoreFixtures.assertSameState(upTo(last), store.load());
                assertNotNull(store.recovery().discarded());
            }
        }
    }

    @Test
    void zeroFilledTailIsATornTail() throws IOException {
        byte[] b = Arrays.copyOf(full, full.length + 4096); // a power cut after the size grew
        Path d = dirWithJournal("zeros", b);
        try (FileConfigStore store = FileConfigStore.open(d)) {
            StoreFixtures.assertSameState(upTo(cmds.size()), store.load());
            assertEquals(4096, store.recovery().discardedBytes());
        }
    }

    @Test
    void damageFollowedByAGoodRecordRefusesToLoadAndTouchesNothing() throws IOException {
        for (int k = 0; k < cmds.size() - 1; k++) {
            for (long at : new long[] {bounds[k], bounds[k] + 2, bounds[k] + 5, bounds[k] + 9, bounds[k + 1] - 1}) {
                byte[] b = full.clone();
                b[(int) at] ^= 0x40;
                Path d = dirWithJournal("bad" + at, b);
                CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d));
                assertTrue(e.getMessage().contains("record " + (k + 1) + " is damaged"), e.getMessage());
                assertTrue(e.getMessage().contains("byte offset " + bounds[k]), e.getMessage());
                assertTrue(e.getMessage().contains("valid record follows at byte offset " + bounds[k + 1]), e.getMessage());
                assertArrayEquals(b, Files.readAllBytes(DataDir.journal(d, 0)), "file left as found");
                // and the lock was released: the directory can be inspected again
                assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d));
            }
        }
    }

    @Test
    void damagedHeaderIsAHardError() throws IOException {
        for (int at = 0; at < FileHeader.SIZE; at++) {
            byte[] b = full.clone();
            b[at] ^= 0x04;
            Path d = dirWithJournal("hdr" + at, b);
            assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d), "flip at " + at);
        }
        Path d = dirWithJournal("short", Arrays.copyOf(full, 5));
        assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d));
    }

    @Test
    void validRecordOutOfSequenceIsAHardError() throws IOException {
        // record 2 appended twice: both checksums are fine but the second is a replay
        byte[] rec = Arrays.copyOfRange(full, (int) bounds[1], (int) bounds[2]);
        byte[] b = Arrays.copyOf(Arrays.copyOf(full, (int) bounds[2]), (int) bounds[2] + rec.length);
        System.arraycopy(rec, 0, b, (int) bounds[2], rec.length);
        Path d = dirWithJournal("dup", b);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d));
        assertTrue(e.getMessage().contains("expected version 3"), e.getMessage());
    }

    @Test
    void journalWithoutItsSnapshotIsAHardError() throws IOException {
        Path d = dirWithJournal("orphan", full);
        Files.copy(DataDir.journal(d, 0), DataDir.journal(d, 4));
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(d));
        assertTrue(e.getMessage().contains("has no snapshot"), e.getMessage());
    }
}
