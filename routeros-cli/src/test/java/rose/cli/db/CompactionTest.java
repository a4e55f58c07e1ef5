package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir
    Path dir;

    /** Command n: add an item to /a, and rewrite /c's single item. */
    private static List<Change> command(ConfigState s, int n) {
        MenuTable a = s.table("a");
        List<Change> cmd = new ArrayList<>();
        cmd.add(new Change.Put("a", a.items().size(), new Item(a.nextId(), Origin.USER, StoreFixtures.values("n", "" + n))));
        cmd.add(new Change.Put("c", 0, new Item(1, Origin.DEFAULT, StoreFixtures.values("last", "" + n))));
        if (n % 5 == 0) cmd.add(new Change.Remove("a", a.items().get(0).id()));
        return cmd;
    }

    private static ConfigState run(FileConfigStore store, ConfigState s, int from, int to) throws IOException {
        for (int n = from; n <= to; n++) {
            List<Change> cmd = command(s, n);
            store.commit(cmd);
            s = s.apply(cmd);
        }
        return s;
    }

    @Test
    void compactsByRecordCountAndReloads() throws IOException {
        ConfigState s;
        try (FileConfigStore store = FileConfigStore.open(dir, new FileConfigStore.Options(1L << 30, 10))) {
            s = run(store, ConfigState.EMPTY, 1, 95);
            assertEquals(9, store.generation());
            assertEquals(5, store.journalRecords());
            StoreFixtures.assertSameState(s, store.load());
        }
        assertEquals(List.of("journal-00000009.log", "lock", "snapshot-00000009.db"), StoreFixtures.names(dir));
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(s, store.load());
            assertEquals(9, store.recovery().generation());
            assertEquals(5, store.recovery().replayed());
        }
    }

    @Test
    void compactsBySizeAndOnlyAtTheEndOfABatch() throws IOException {
        ConfigState s;
        try (FileConfigStore store = FileConfigStore.open(dir, new FileConfigStore.Options(2048, 1 << 20))) {
            store.beginBatch();
            s = run(store, ConfigState.EMPTY, 1, 200);
            assertEquals(0, store.generation(), "no compaction inside a batch");
            assertTrue(store.journalBytes() > 2048);
            store.endBatch();
            assertEquals(1, store.generation());
            s = run(store, s, 201, 400);
            assertTrue(store.generation() > 1);
        }
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(s, store.load());
        }
    }

    @Test
    void explicitCompactionOfAnEmptyStore() throws IOException {
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            store.compact();
            store.compact();
            assertEquals(2, store.generation());
        }
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            StoreFixtures.assertSameState(ConfigState.EMPTY, store.load());
        }
    }

    /**
     * Copies the directory at every compaction step, as a crash at that instant would leave it,
     * plus the state a crash in the middle of writing the snapshot leaves (a half-written temp
     * file). Every copy must load with every command committed so far.
     */
    @Test
    void crashAtEveryCompactionStepLeavesALoadableDirectory() throws IOException {
        Path live = dir.resolve("live");
        List<Path> copies = new ArrayList<>();
        List<Integer> expectedCommands = new ArrayList<>();
        int[] issued = {0};
        Consumer<String> crashPoints = step -> {
            try {
                Path copy = dir.resolve("crash-" + copies.size() + "-" + step);
                StoreFixtures.copyDir(live, copy);
                copies.add(copy);
                expectedCommands.add(issued[0]);
                if (step.equals("snapshot-synced")) {
                    Path half = dir.resolve("crash-" + copies.size() + "-half-written-snapshot");
                    StoreFixtures.copyDir(live, half);
                    for (String f : StoreFixtures.names(half)) {
                        if (!f.endsWith(".tmp")) continue;
                        byte[] b = Files.readAllBytes(half.resolve(f));
                        Files.write(half.resolve(f), Arrays.copyOf(b, b.length / 2));
                    }
                    copies.add(half);
                    expectedCommands.add(issued[0]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        ConfigState s = ConfigState.EMPTY;
        try (FileConfigStore store = FileConfigStore.open(live, new FileConfigStore.Options(1L << 30, 7), crashPoints)) {
            for (int n = 1; n <= 14; n++) { // compacts inside commits 7 and 14
                List<Change> cmd = command(s, n);
                issued[0] = n;
                store.commit(cmd);
                s = s.apply(cmd);
            }
            assertEquals(2, store.generation());
        }
        assertEquals(10, copies.size(), "5 crash points in each of 2 compactions: " + copies);
        for (int i = 0; i < copies.size(); i++) {
            Path copy = copies.get(i);
            List<String> before = StoreFixtures.names(copy);
            try (FileConfigStore store = FileConfigStore.open(copy)) {
                ConfigState expected = ConfigState.EMPTY;
                for (int n = 1; n <= expectedCommands.get(i); n++) expected = expected.apply(command(expected, n));
                StoreFixtures.assertSameState(expected, store.load());
                List<String> files = StoreFixtures.names(copy);
                assertEquals(1, files.stream().filter(f -> f.startsWith("journal-")).count(), copy + ": " + files);
                assertTrue(files.stream().filter(f -> f.startsWith("snapshot-")).count() <= 1, copy + ": " + files);
                assertTrue(files.stream().noneMatch(f -> f.endsWith(".tmp")), copy + ": " + files);
                // later commits land in the generation load chose, and survive another reopen
                store.commit(command(expected, expectedCommands.get(i) + 1));
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("crash copy " + copy.getFileName() + " holding " + before + ": " + e, e);
            }
            try (FileConfigStore store = FileConfigStore.open(copy)) {
                assertEquals(expectedCommands.get(i) + 1, store.load().version());
            }
        }
    }
}
