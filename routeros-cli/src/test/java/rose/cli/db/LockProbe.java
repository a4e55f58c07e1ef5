package rose.cli.db;

import java.io.IOException;
import java.nio.file.Path;

/** Child process of {@link DataDirLockTest}: tries to open a data directory and says how it went. */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) {
        try {
            FileConfigStore.open(Path.of(args[0])).close();
            System.out.println("opened");
        } catch (IOException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
