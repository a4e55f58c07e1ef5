package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process with SIGKILL at random moments, over and over, and checks after each
 * kill that the data directory loads, that every command the writer reported as committed is
 * there, and that no command is half there. The compaction thresholds are tiny so that kills
 * also land inside compaction. Each check runs on a copy of the directory; the next writer then
 * recovers the original itself, so both the checker's and the writer's recovery are exercised.
 */
class KillNineTest {
    private static final long SEED = Long.getLong("rose.killtest.seed", System.nanoTime());

    @TempDir
    Path tmp;

    @Test
    void singleCommitsSurviveKillNine() throws Exception {
        run("single", 25, 13_000);
    }

    @Test
    void batchedCommitsSurviveKillNine() throws Exception {
        run("batch", 12, 7_000);
    }

    private void run(String mode, int iterations, long budgetMillis) throws Exception {
        Random rnd = new Random(SEED ^ mode.hashCode());
        Path data = tmp.resolve("data");
        FileConfigStore.Options options = new FileConfigStore.Options(8 << 10, 40);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        int loaded = 0;
        int kills = 0;
        int midCompaction = 0;
        int tornTails = 0;
        boolean lockChecked = false;
        for (int it = 0; it < iterations && (it < 3 || System.nanoTime() < deadline); it++) {
            String where = mode + " iteration " + it + " (seed " + SEED + ")";
            Path stderr = tmp.resolve("writer-" + it + ".err");
            Writer w = Writer.start(data, mode, options, stderr);
            int how = rnd.nextInt(6);
            if (how == 0) {                        // during start-up and recovery
                Thread.sleep(rnd.nextInt(300));
            } else if (how <= 2) {                 // as soon as a compaction shows in the directory
                if (!w.awaitResumed(20)) fail(where + ": writer did not start: " + w.describe(stderr));
                awaitCompaction(data, 400);
            } else {                               // at a random moment
                if (!w.awaitResumed(20)) fail(where + ": writer did not start: " + w.describe(stderr));
                if (!lockChecked) {
                    assertSecondOpenerRefused(data, w.process.pid());
                    lockChecked = true;
                }
                Thread.sleep(1 + rnd.nextInt(250));
            }
            if (!w.process.isAlive()) fail(where + ": writer died before the kill: " + w.describe(stderr));
            w.process.destroyForcibly();   // SIGKILL: no shutdown hooks, no close
            w.process.waitFor();
            w.reader.join();
            kills++;

            if (w.resumedAt >= 0) assertEquals(loaded, w.resumedAt, where + ": writer resumed from the loaded state");
            if (!Files.exists(data)) Files.createDirectories(data);   // killed before the writer made it
            List<String> files = StoreFixtures.names(data);
            if (compacting(files)) midCompaction++;

            Path copy = tmp.resolve("check-" + it);
            StoreFixtures.copyDir(data, copy);
            int m;
            try (FileConfigStore store = FileConfigStore.open(copy, options)) {
                m = KillNineWriter.check(store.load());
                if (store.recovery().discarded() != null) tornTails++;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(where + ": directory " + files + " did not load: " + e, e);
            }
            assertTrue(m >= w.committed, where + ": loaded " + m + " commands but " + w.committed + " were committed");
            assertTrue(m >= loaded, where + ": went back from " + loaded + " to " + m);
            loaded = m;
        }
        try (FileConfigStore store = FileConfigStore.open(data, options)) {
            assertEquals(loaded, KillNineWriter.check(store.load()));
        }
        System.out.printf("KillNineTest %s: %d kills, %d commands, %d landed mid-compaction, %d torn tails (seed %d)%n",
                mode, kills, loaded, midCompaction, tornTails, SEED);
        assertTrue(loaded > 0, "the writer made progress");
    }

    /** A temp file, or two generations side by side: a compaction is under way. */
    private static boolean compacting(List<String> files) {
        return files.stream().filter(f -> f.startsWith("snapshot-") || f.startsWith("journal-")).count() > 2
                || files.stream().anyMatch(f -> f.endsWith(".tmp"));
    }

    private static void awaitCompaction(Path data, long millis) throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            try {
                if (compacting(StoreFixtures.names(data))) return;
            } catch (IOException e) {
                // a file vanished while listed: compaction is removing the old generation
                return;
            }
        }
    }

    /** While the writer holds the directory, another process's open is refused. */
    private static void assertSecondOpenerRefused(Path data, long pid) {
        IOException e = assertThrows(IOException.class, () -> FileConfigStore.open(data).close());
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + pid), e.getMessage());
    }

    /** One writer child process and the thread reading its stdout. */
    private static final class Writer {
        final Process process;
        final Thread reader;
        final CountDownLatch resumed = new CountDownLatch(1);
        final List<String> lines = new ArrayList<>();
        volatile int resumedAt = -1;
        volatile int committed;

        private Writer(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "kill-test-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Writer start(Path data, String mode, FileConfigStore.Options o, Path stderr) throws IOException {
            ProcessBuilder pb = ChildJvm.java(KillNineWriter.class, data.toString(), mode,
                    Long.toString(o.compactAfterBytes()), Integer.toString(o.compactAfterRecords()));
            return new Writer(pb.redirectError(stderr.toFile()).start());
        }

        /** Waits for "resumed"; false if the writer died or took longer than {@code seconds}. */
        boolean awaitResumed(int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (resumed.await(20, TimeUnit.MILLISECONDS)) return true;
                if (!process.isAlive()) {
                    reader.join(1000);
                    return resumed.getCount() == 0;
                }
            }
            return false;
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("resumed ")) {
                        resumedAt = Integer.parseInt(line.substring(8));
                        resumed.countDown();
                    } else if (line.startsWith("committed ")) {
                        committed = Math.max(committed, Integer.parseInt(line.substring(10)));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // a line cut by the kill cannot be "committed": it was not fully printed
            }
        }

        String describe(Path stderr) throws IOException {
            synchronized (lines) {
                return "exit " + (process.isAlive() ? "(alive)" : process.exitValue()) + ", stdout " + lines
                        + ", stderr " + (Files.exists(stderr) ? Files.readString(stderr) : "");
            }
        }
    }
}
