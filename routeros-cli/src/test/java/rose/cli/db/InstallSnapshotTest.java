package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup's configuration put back into a data directory ({@code /system backup load}). */
class InstallSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void theInstalledSnapshotReplacesSnapshotAndJournalInOneRename() throws IOException {
        List<List<Change>> cmds = StoreFixtures.commands();
        byte[] saved;
        ConfigState atSave;
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            for (List<Change> c : cmds.subList(0, 2)) store.commit(c);
            atSave = store.load();
            saved = store.snapshotBytes();
            for (List<Change> c : cmds.subList(2, cmds.size())) store.commit(c);
            store.compact();
            store.commit(cmds.get(0));                       // and a journal with records after it
        }
        StoreFixtures.assertSameState(atSave, FileConfigStore.readSnapshot(saved));
        boolean[] ranUnderLock = {false};
        FileConfigStore.installSnapshot(dir, saved, () -> {
            ranUnderLock[0] = true;
            assertThrows(IOException.class, () -> FileConfigStore.open(dir), "the directory is locked meanwhile");
        });
        assertEquals(true, ranUnderLock[0]);
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(atSave, store.load());
            assertEquals(2, store.recovery().generation(), "a generation newer than the journal's");
        }
        assertEquals(List.of("journal-00000002.log", "lock", "snapshot-00000002.db"), StoreFixtures.names(dir));
    }

    @Test
    void anOpenDirectoryOrADamagedSnapshotIsRefusedBeforeAnythingIsDone() throws IOException {
        byte[] saved;
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            store.commit(StoreFixtures.commands().get(0));
            saved = store.snapshotBytes();
            boolean[] ran = {false};
            assertThrows(IOException.class, () -> FileConfigStore.installSnapshot(dir, saved, () -> ran[0] = true));
            assertFalse(ran[0]);
        }
        byte[] damaged = saved.clone();
        damaged[damaged.length - 1] ^= 1;
        List<String> before = StoreFixtures.names(dir);
        assertThrows(CorruptStoreException.class, () -> FileConfigStore.installSnapshot(dir, damaged, () -> { }));
        assertEquals(before, StoreFixtures.names(dir));
        assertArrayEquals(saved, saved);
    }
}
