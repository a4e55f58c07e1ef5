package rose.cli.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The configuration database: the committed state, one writer at a time, and the store that
 * makes each commit durable before the command's reply. Readers take {@link #state()} without
 * locking; it is an immutable snapshot.
 */
public final class Database implements AutoCloseable {
    private final ConfigStore store;
    private volatile ConfigState state;
    private final List<Consumer<ConfigState>> listeners = new CopyOnWriteArrayList<>();
    private final SafeMode safeMode = new SafeMode(this);
    private final History history = new History(this);
    /** The session on whose behalf this thread writes ({@link #actingAs}); safe mode attributes commits by it. */
    private static final ThreadLocal<Object> ACTING = new ThreadLocal<>();

    public Database(ConfigStore store) throws IOException {
        this.store = store;
        this.state = store.load();
    }

    public static Database inMemory() {
        try {
            return new Database(ConfigStore.inMemory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConfigState state() {
        return state;
    }

    /** A unit of work that may fail with a checked exception of its own, leaving nothing changed. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Tx tx) throws E;
    }

    /**
     * Runs {@code work} on a working copy; if it returns, its changes are persisted and then
     * published. If it throws, nothing is changed.
     */
    public synchronized <T, E extends Exception> T write(Work<T, E> work) throws E {
        Tx tx = new Tx(state);
        T result = work.run(tx);
        List<Change> changes = tx.changes();
        if (!changes.isEmpty()) {
            try {
                store.commit(changes);
            } catch (IOException e) {
                throw new UncheckedIOException("configuration could not be saved", e);
            }
            ConfigState before = state;
            state = new ConfigState(tx.state().tables(), state.version() + 1);
            safeMode.committed(ACTING.get(), changes);
            if (!safeMode.unrolling()) history.committed(ACTING.get(), before, state, changes);
            for (Consumer<ConfigState> l : listeners) l.accept(state);
        }
        return result;
    }

    /** Safe mode: who holds it and what to undo (console sessions). */
    public SafeMode safeMode() {
        return safeMode;
    }

    /** {@code /system history}: what users changed, for {@code /undo} and {@code /redo}. */
    public History history() {
        return history;
    }

    /**
     * Marks the current thread as writing for {@code owner} (a console session) until the
     * returned value is passed to {@link #doneActing}; returns the previous owner.
     */
    public static Object actingAs(Object owner) {
        Object previous = ACTING.get();
        ACTING.set(owner);
        return previous;
    }

    public static void doneActing(Object previous) {
        if (previous == null) ACTING.remove();
        else ACTING.set(previous);
    }

    /** Group commit for import: one sync for many commands. */
    public synchronized void beginBatch() {
        store.beginBatch();
    }

    public synchronized void endBatch() {
        try {
            store.endBatch();
        } catch (IOException e) {
            throw new UncheckedIOException("configuration could not be saved", e);
        }
    }

    /** Called after every commit with the new state (the appliance's reconcilers listen here). */
    public void addListener(Consumer<ConfigState> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ConfigState> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
