package rose.cli.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The items of one menu in list order, plus the next id to hand out. Immutable. */
public record MenuTable(List<Item> items, int nextId) {
    public static final MenuTable EMPTY = new MenuTable(List.of(), 1);

    public MenuTable {
        items = Collections.unmodifiableList(items instanceof ArrayList<Item> ? items : new ArrayList<>(items));
    }

    public int indexOf(int id) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).id() == id) return i;
        return -1;
    }

    public Item byId(int id) {
        int i = indexOf(id);
        return i < 0 ? null : items.get(i);
    }

    /** Insert at {@code index}, or replace the item with the same id (moving it to {@code index}). */
    public MenuTable put(int index, Item item) {
        ArrayList<Item> list = new ArrayList<>(items);
        int at = indexOf(item.id());
        if (at >= 0) list.remove(at);
        list.add(Math.max(0, Math.min(index, list.size())), item);
        return new MenuTable(list, Math.max(nextId, item.id() + 1));
    }

    public MenuTable remove(int id) {
        int at = indexOf(id);
        if (at < 0) return this;
        ArrayList<Item> list = new ArrayList<>(items);
        list.remove(at);
        return new MenuTable(list, nextId);
    }
}
