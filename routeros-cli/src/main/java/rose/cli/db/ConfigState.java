package rose.cli.db;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration at one instant: every menu's table. Immutable; a command builds the
 * next state from this one and the store swaps it in atomically.
 *
 * @param version number of commits applied since the data directory was created
 */
public record ConfigState(Map<String, MenuTable> tables, long version) {
    public static final ConfigState EMPTY = new ConfigState(Map.of(), 0);

    public ConfigState {
        tables = Collections.unmodifiableMap(new HashMap<>(tables));
    }

    public MenuTable table(String menu) {
        return tables.getOrDefault(menu, MenuTable.EMPTY);
    }

    public List<Item> items(String menu) {
        return table(menu).items();
    }

    public ConfigState apply(List<Change> changes) {
        if (changes.isEmpty()) return this;
        Map<String, MenuTable> t = new HashMap<>(tables);
        for (Change c : changes) {
            MenuTable table = t.getOrDefault(c.menu(), MenuTable.EMPTY);
            if (c instanceof Change.Put p) t.put(c.menu(), table.put(p.index(), p.item()));
            else if (c instanceof Change.Remove r) t.put(c.menu(), table.remove(r.id()));
        }
        return new ConfigState(t, version + 1);
    }
}
