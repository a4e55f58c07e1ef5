package rose.cli.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command's working copy: it starts from the committed state, collects changes, and is
 * either committed whole by {@link Database#write} or thrown away (a failed command changes
 * nothing).
 */
public final class Tx {
    private ConfigState state;
    private final List<Change> changes = new ArrayList<>();

    Tx(ConfigState base) {
        this.state = base;
    }

    public ConfigState state() {
        return state;
    }

    public List<Item> items(String menu) {
        return state.items(menu);
    }

    public Item byId(String menu, int id) {
        return state.table(menu).byId(id);
    }

    /** Adds an item at {@code index} (or the end when negative) and returns its new id. */
    public int add(String menu, int index, Origin origin, Map<String, String> values) {
        MenuTable t = state.table(menu);
        // ids are unique across menus so views over several menus (/interface) need no mapping
        int id = 1;
        for (MenuTable other : state.tables().values()) id = Math.max(id, other.nextId());
        Item item = new Item(id, origin, values);
        int at = index < 0 ? t.items().size() : index;
        record(new Change.Put(menu, at, item));
        return id;
    }

    /** Replaces an item in place. */
    public void replace(String menu, Item item) {
        int at = state.table(menu).indexOf(item.id());
        if (at < 0) throw new IllegalStateException("no item " + item.idText() + " in /" + menu);
        record(new Change.Put(menu, at, item));
    }

    /** Moves an item to {@code index} (positions counted after its removal). */
    public void move(String menu, int id, int index) {
        Item item = byId(menu, id);
        record(new Change.Put(menu, index, item));
    }

    /** Puts {@code item} (whole, with its id) at {@code index}: restoring an earlier version. */
    void put(String menu, int index, Item item) {
        record(new Change.Put(menu, index, item));
    }

    public void remove(String menu, int id) {
        record(new Change.Remove(menu, id));
    }

    private void record(Change c) {
        changes.add(c);
        state = state.apply(List.of(c));
    }

    List<Change> changes() {
        return changes;
    }
}
