package rose.appliance;

import java.io.IOException;
import java.nio.file.Path;

import rose.cli.db.ConfigStore;

/** The one place that decides how a data directory holds the configuration. */
final class ConfigStores {
    private ConfigStores() {
    }

    static ConfigStore open(Path dataDir) throws IOException {
        // TODO(persistence): rose.cli.db.FileConfigStore.open(dataDir) once it lands
        return ConfigStore.inMemory();
    }
}
