package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigStoreTest {
    @TempDir
    Path dir;

    @Test
    void newDirectoryIsEmpty() throws IOException {
        Path data = dir.resolve("nested/data");
        try (FileConfigStore store = FileConfigStore.open(data)) {
            StoreFixtures.assertSameState(ConfigState.EMPTY, store.load());
            assertEquals(0, store.generation());
        }
        assertEquals(List.of("journal-00000000.log", "lock"), StoreFixtures.names(data));
    }

    @Test
    void everyChangeKindSurvivesReopenInOrder() throws IOException {
        ConfigState expected = ConfigState.EMPTY;
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            for (List<Change> cmd : StoreFixtures.commands()) {
                store.commit(cmd);
                expected = expected.apply(cmd);
                StoreFixtures.assertSameState(expected, store.load());
            }
        }
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(expected, store.load());
            assertEquals(StoreFixtures.commands().size(), store.recovery().replayed());
            assertNull(store.recovery().discarded());
        }
    }

    @Test
    void databaseOverTheStoreResumesWhereItStopped() throws IOException {
        int a;
        try (Database db = new Database(FileConfigStore.open(dir))) {
            a = db.write(tx -> tx.add("ip/address", -1, Origin.USER, StoreFixtures.values("address", "10.0.0.1/24")));
            db.write(tx -> tx.add("ip/address", 0, Origin.USER, StoreFixtures.values("address", "10.0.0.2/24")));
            db.write(tx -> {
                tx.remove("ip/address", a);
                return null;
            });
            db.write(tx -> tx.add("ip/address", -1, Origin.USER, StoreFixtures.values("address", "10.0.0.3/24")));
            db.write(tx -> null); // no changes: nothing recorded
        }
        try (Database db = new Database(FileConfigStore.open(dir))) {
            assertEquals(4, db.state().version());
            assertEquals(List.of("*2 USER [address=10.0.0.2/24]", "*3 USER [address=10.0.0.3/24]"),
                    StoreFixtures.describe(db.state().table("ip/address")));
            // ids are never reused, even for an item removed before the restart
            int next = db.write(tx -> tx.add("ip/address", -1, Origin.USER, Map.of("address", "10.0.0.4/24")));
            assertEquals(4, next);
        }
    }

    @Test
    void batchIsDurableAtEndBatchAndAtClose() throws IOException {
        List<List<Change>> cmds = StoreFixtures.commands();
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            store.beginBatch();
            store.beginBatch(); // nested: only the outer end syncs
            for (List<Change> c : cmds.subList(0, 4)) store.commit(c);
            store.endBatch();
            store.endBatch();
            store.beginBatch();
            for (List<Change> c : cmds.subList(4, cmds.size())) store.commit(c);
            // closed inside the batch: close syncs what was written
        }
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(StoreFixtures.applyAll(ConfigState.EMPTY, cmds), store.load());
            assertThrows(IllegalStateException.class, store::endBatch);
        }
    }

    @Test
    void secondOpenerIsRefusedUntilTheFirstCloses() throws IOException {
        FileConfigStore first = FileConfigStore.open(dir);
        IOException e = assertThrows(IOException.class, () -> FileConfigStore.open(dir));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        // the refused opener must not have disturbed the holder
        first.commit(StoreFixtures.commands().get(0));
        first.close();
        try (FileConfigStore again = FileConfigStore.open(dir)) {
            assertEquals(1, again.load().version());
        }
    }

    @Test
    void closedStoreRefusesCommits() throws IOException {
        FileConfigStore store = FileConfigStore.open(dir);
        store.close();
        store.close(); // idempotent
        assertThrows(IOException.class, () -> store.commit(StoreFixtures.commands().get(0)));
    }
}
