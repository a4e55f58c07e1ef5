package rose.cli.db;

import java.io.IOException;
import java.util.List;

/**
 * Where committed configuration lives. {@link #commit} returns only once the changes are
 * durable (or, inside a batch, once {@link #endBatch} returns), so a command's reply is never
 * printed before its change would survive a power cut or {@code kill -9}.
 */
public interface ConfigStore extends AutoCloseable {
    /** The state as last committed; {@link ConfigState#EMPTY} for a new data directory. */
    ConfigState load() throws IOException;

    /** Record one command's changes as one unit: after a crash either all are replayed or none. */
    void commit(List<Change> changes) throws IOException;

    /** Group commit: commits until {@link #endBatch} are synced once, at its end (import). */
    void beginBatch();

    void endBatch() throws IOException;

    @Override
    void close() throws IOException;

    /** A store that keeps nothing: tests and {@code import dry-run}. */
    static ConfigStore inMemory() {
        return new ConfigStore() {
            @Override public ConfigState load() { return ConfigState.EMPTY; }
            @Override public void commit(List<Change> changes) { }
            @Override public void beginBatch() { }
            @Override public void endBatch() { }
            @Override public void close() { }
        };
    }
}
