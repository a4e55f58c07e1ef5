package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    private String probe() throws IOException, InterruptedException {
        Process p = ChildJvm.java(LockProbe.class, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void anotherProcessIsRefusedWhileWeHoldTheDirectory() throws Exception {
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            assertEquals(0, store.generation());
            String out = probe();
            assertTrue(out.startsWith("refused ") && out.contains("pid " + ProcessHandle.current().pid()), out);
        }
        assertEquals("opened", probe());
    }

    /**
     * A POSIX lock is dropped when its process closes any descriptor of the file, so a refused
     * second opener in this JVM must not even open the lock file.
     */
    @Test
    void refusingASecondOpenerInThisProcessKeepsTheLock() throws Exception {
        try (FileConfigStore store = FileConfigStore.open(dir)) {
            store.commit(StoreFixtures.commands().get(0));
            IOException e = assertThrows(IOException.class, () -> FileConfigStore.open(dir));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertThrows(IOException.class, () -> FileConfigStore.open(dir.resolve(".")), "same directory, other spelling");
            assertTrue(probe().startsWith("refused "), "the other process must still be refused");
        }
        try (FileConfigStore again = FileConfigStore.open(dir)) {
            assertEquals(1, again.load().version());
        }
    }

    @Test
    void aFailedOpenReleasesTheDirectory() throws Exception {
        java.nio.file.Files.write(DataDir.journal(dir, 3), new byte[] {1, 2, 3}); // journal without snapshot
        assertThrows(CorruptStoreException.class, () -> FileConfigStore.open(dir));
        assertEquals("refused", probe().split(" ")[0]);
        java.nio.file.Files.delete(DataDir.journal(dir, 3));
        assertEquals("opened", probe());
        FileConfigStore.open(dir).close();
    }
}
