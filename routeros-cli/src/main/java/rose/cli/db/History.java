package rose.cli.db;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /system history}, {@code /undo} and {@code /redo} (reference 01 §1): the recent
 * configuration actions of users, each one command's commit, which can be undone and redone.
 *
 * <ol>
 *   <li>every commit made on behalf of a session ({@link Database#actingAs} with an
 *       {@link Author}) is recorded with the items it touched as they stood before and after;
 *       commits the router makes itself are not actions and are not listed;</li>
 *   <li>{@link #undo} puts the newest undoable action's items back as they stood before it, in
 *       one transaction of its own (journaled and crash-safe like any command) through
 *       {@link ItemRestore}, the mechanism safe mode unrolls with; the action becomes redoable;</li>
 *   <li>{@link #redo} puts them back as they stood after it; a new action forgets what could be
 *       redone, as in any editor;</li>
 *   <li>an action whose items changed since (by a commit that is not in the history) is not
 *       undone over that change: the undo is refused and nothing changes;</li>
 *   <li>at most {@value #MAX_ACTIONS} actions are kept, the oldest dropped first.</li>
 * </ol>
 *
 * Like RouterOS's, the history lives in memory: it is empty after a restart (the configuration
 * itself is kept; only the list of what could be undone is not).
 */
public final class History {
    /** RouterOS keeps about 100 actions (the same bound as safe mode's). */
    public static final int MAX_ACTIONS = 100;
    /** Refusal when there is nothing to undo or redo, or the action's items changed since. */
    public static final String NOTHING_TO_UNDO = "failure: nothing to undo";
    public static final String NOTHING_TO_REDO = "failure: nothing to redo";
    public static final String CHANGED_SINCE = "failure: configuration changed since, can not undo";

    /** Who a session acts for, as the BY column shows it. */
    public interface Author {
        String author();
    }

    /** One item an action touched: as it stood before and after (null when it did not exist). */
    public record Touched(String menu, int id, Item before, Item after) {
    }

    /** One action. {@code version} is the configuration version its commit made. */
    public static final class Action {
        private final Object owner;
        private final String by;
        private final Instant time;
        private final long version;
        private final Map<ItemRestore.Key, ItemRestore.Placed> before;
        private final Map<ItemRestore.Key, ItemRestore.Placed> after;

        Action(Object owner, String by, Instant time, long version, Map<ItemRestore.Key, ItemRestore.Placed> before,
               Map<ItemRestore.Key, ItemRestore.Placed> after) {
            this.owner = owner;
            this.by = by;
            this.time = time;
            this.version = version;
            this.before = before;
            this.after = after;
        }

        public Object owner() { return owner; }
        public String by() { return by; }
        public Instant time() { return time; }
        public long version() { return version; }

        public List<Touched> touched() {
            List<Touched> out = new ArrayList<>();
            for (ItemRestore.Key k : before.keySet()) out.add(new Touched(k.menu(), k.id(), before.get(k).item(), after.get(k).item()));
            return out;
        }
    }

    private final Database db;
    private final Deque<Action> undoable = new ArrayDeque<>();     // newest last
    private final Deque<Action> redoable = new ArrayDeque<>();     // next to redo last
    private boolean replaying;

    History(Database db) {
        this.db = db;
    }

    /** Called by {@link Database#write} (holding its lock) after each commit. */
    synchronized void committed(Object owner, ConfigState before, ConfigState after, List<Change> changes) {
        if (replaying || !(owner instanceof Author a)) return;
        List<ItemRestore.Key> keys = ItemRestore.touched(changes);
        undoable.addLast(new Action(owner, a.author(), Instant.now(), after.version(), ItemRestore.of(before, keys),
                ItemRestore.of(after, keys)));
        while (undoable.size() > MAX_ACTIONS) undoable.removeFirst();
        redoable.clear();
    }

    /** Undoes the newest undoable action if {@code allowed} accepts it; returns it. */
    public Action undo(java.util.function.Predicate<Action> allowed) throws Refused {
        return step(undoable, redoable, true, allowed);
    }

    /** Redoes the most recently undone action if {@code allowed} accepts it; returns it. */
    public Action redo(java.util.function.Predicate<Action> allowed) throws Refused {
        return step(redoable, undoable, false, allowed);
    }

    private Action step(Deque<Action> from, Deque<Action> to, boolean undo, java.util.function.Predicate<Action> allowed)
            throws Refused {
        synchronized (db) {                  // database lock first, as every write takes it
            synchronized (this) {
                Action a = from.peekLast();
                if (a == null) throw new Refused(undo ? NOTHING_TO_UNDO : NOTHING_TO_REDO);
                if (!allowed.test(a)) throw new Refused(null);
                Map<ItemRestore.Key, ItemRestore.Placed> expect = undo ? a.after : a.before;
                Map<ItemRestore.Key, ItemRestore.Placed> target = undo ? a.before : a.after;
                ConfigState now = db.state();
                for (Map.Entry<ItemRestore.Key, ItemRestore.Placed> e : expect.entrySet()) {
                    Item current = now.table(e.getKey().menu()).byId(e.getKey().id());
                    if (!Objects.equals(current, e.getValue().item())) throw new Refused(CHANGED_SINCE);
                }
                replaying = true;
                try {
                    db.write(tx -> {
                        ItemRestore.restore(tx, target);
                        return null;
                    });
                } finally {
                    replaying = false;
                }
                from.removeLast();
                to.addLast(a);
                return a;
            }
        }
    }

    /** Forgets {@code owner}'s actions after configuration version {@code since}: safe mode unrolled them. */
    synchronized void forget(Object owner, long since) {
        undoable.removeIf(a -> a.owner == owner && a.version > since);
        redoable.removeIf(a -> a.owner == owner && a.version > since);
    }

    /** The actions that can be undone, oldest first. */
    public synchronized List<Action> undoable() {
        return new ArrayList<>(undoable);
    }

    /** The actions that can be redone, the next one to redo first. */
    public synchronized List<Action> redoable() {
        List<Action> out = new ArrayList<>(redoable);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Why an undo or redo did not happen; a null message means the caller's own check refused it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
