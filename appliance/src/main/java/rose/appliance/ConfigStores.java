package rose.appliance;

import java.io.IOException;
import java.nio.file.Path;

import rose.cli.db.FileConfigStore;

/** The one place that decides how a data directory holds the configuration. */
final class ConfigStores {
    private ConfigStores() {
    }

    /** Crash-safe journal and snapshots in {@code dataDir}, locked against a second router. */
    static FileConfigStore open(Path dataDir) throws IOException {
        return FileConfigStore.open(dataDir);
    }
}
