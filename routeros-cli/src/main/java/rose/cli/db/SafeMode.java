package rose.cli.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * RouterOS safe mode (reference 01 §1): one console session at a time holds it; the
 * configuration items that session changes while holding it are put back as they were at
 * take-over when the session ends without releasing it (Ctrl-D, EOF, a dropped SSH connection)
 * or when another session hijacks it with "unroll".
 *
 * <p>How it works: at take-over the committed {@link ConfigState} is kept; every commit the
 * holder makes (attributed through {@link Database#actingAs}) adds the {@code (menu, id)} of each
 * item it touched. Unrolling is one {@link Database#write}: every touched item that did not exist
 * at take-over is removed, every other one is put back with its take-over values at its take-over
 * position. The rule for other sessions' concurrent edits: they are kept, except on items the
 * safe-mode holder also touched, which go back to their take-over state (the holder's undo
 * covers the whole item). At most {@value #MAX_ACTIONS} commits are remembered; one more releases
 * safe mode, keeping everything, and tells the holder so.
 */
public final class SafeMode {
    /** RouterOS keeps up to 100 actions of safe-mode history. */
    public static final int MAX_ACTIONS = 100;

    private final Database db;
    private Object holder;
    private Consumer<String> holderNotices;
    private ConfigState base;
    private final Set<ItemRestore.Key> touched = new LinkedHashSet<>();
    private int actions;
    private boolean unrolling;

    /** What {@link #take} found. */
    public enum Take { TAKEN, ALREADY_HELD, HELD_BY_OTHER }

    SafeMode(Database db) {
        this.db = db;
    }

    /**
     * Takes safe mode for {@code owner} unless another session holds it. {@code notices} receives
     * messages meant for the owner's terminal later on ({@code [Safe mode released by another user]}).
     */
    public synchronized Take take(Object owner, Consumer<String> notices) {
        if (holder == owner) return Take.ALREADY_HELD;
        if (holder != null) return Take.HELD_BY_OTHER;
        start(owner, notices);
        return Take.TAKEN;
    }

    /**
     * Takes safe mode from the session holding it: with {@code unroll} its changes are undone
     * first, otherwise they are kept. The previous holder is told.
     */
    public void hijack(Object owner, Consumer<String> notices, boolean unroll) {
        synchronized (db) {               // unrolling writes: database lock first, as writes do
            synchronized (this) {
                if (holder != null && holder != owner) {
                    Consumer<String> previous = holderNotices;
                    if (unroll) unrollLocked();
                    clear();
                    if (previous != null) previous.accept("[Safe mode released by another user]");
                }
                start(owner, notices);
            }
        }
    }

    /** Ends safe mode keeping the changes; false if {@code owner} did not hold it. */
    public synchronized boolean release(Object owner) {
        if (holder != owner) return false;
        clear();
        return true;
    }

    /** Ends safe mode undoing the holder's changes; false if {@code owner} did not hold it. */
    public boolean unroll(Object owner) {
        synchronized (db) {
            synchronized (this) {
                if (holder != owner) return false;
                unrollLocked();
                clear();
                return true;
            }
        }
    }

    public synchronized boolean heldBy(Object owner) {
        return holder != null && holder == owner;
    }

    public synchronized boolean held() {
        return holder != null;
    }

    /** Called by {@link Database#write} (holding its lock) after a commit by {@code owner}. */
    void committed(Object owner, List<Change> changes) {
        Consumer<String> tell = null;
        synchronized (this) {
            if (holder == null || owner != holder || unrolling) return;
            touched.addAll(ItemRestore.touched(changes));
            if (++actions > MAX_ACTIONS) {
                tell = holderNotices;
                clear();
            }
        }
        if (tell != null) tell.accept("[Safe Mode released: more than " + MAX_ACTIONS + " changes]");
    }

    private void start(Object owner, Consumer<String> notices) {
        holder = owner;
        holderNotices = notices;
        base = db.state();
        touched.clear();
        actions = 0;
    }

    private void clear() {
        holder = null;
        holderNotices = null;
        base = null;
        touched.clear();
        actions = 0;
    }

    private void unrollLocked() {
        if (touched.isEmpty()) return;
        Map<ItemRestore.Key, ItemRestore.Placed> target = ItemRestore.of(base, touched);
        long since = base.version();
        Object owner = holder;
        unrolling = true;
        try {
            db.write(tx -> {
                ItemRestore.restore(tx, target);
                return null;
            });
        } finally {
            unrolling = false;
        }
        db.history().forget(owner, since);      // those actions are undone: nothing left to undo or redo
    }

    /** True while safe mode writes its own unroll (not an action of anyone's history). */
    synchronized boolean unrolling() {
        return unrolling;
    }

    /**
     * Whether a commit by {@code owner} that made configuration version {@code version} is a
     * floating undo ({@code F} in {@code /system history}): its holder's, since take-over.
     */
    public synchronized boolean floating(Object owner, long version) {
        return holder != null && holder == owner && base != null && version > base.version();
    }

    /** For tests: the items touched so far, as {@code menu -> ids}. */
    synchronized Map<String, List<Integer>> touched() {
        Map<String, List<Integer>> m = new java.util.TreeMap<>();
        for (ItemRestore.Key k : touched) m.computeIfAbsent(k.menu(), x -> new ArrayList<>()).add(k.id());
        return m;
    }
}
