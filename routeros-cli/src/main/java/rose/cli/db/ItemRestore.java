package rose.cli.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts configuration items back as they stood at some moment: the one mechanism behind safe
 * mode's unroll and {@code /undo}, {@code /redo}. Items that did not exist then are removed;
 * the others are put back whole, with their id, at their index of that moment, lowest index
 * first per menu so each lands where it stood.
 */
public final class ItemRestore {
    /** An item by menu and id. */
    public record Key(String menu, int id) {
    }

    /** Where an item stood: its index in its menu and its values; {@code item} null when it did not exist. */
    public record Placed(int index, Item item) {
        static Placed in(ConfigState state, Key k) {
            MenuTable t = state.table(k.menu());
            Item i = t.byId(k.id());
            return new Placed(i == null ? -1 : t.indexOf(k.id()), i);
        }
    }

    private ItemRestore() {
    }

    /** The items of {@code keys} as they stand in {@code state}. */
    static Map<Key, Placed> of(ConfigState state, Iterable<Key> keys) {
        Map<Key, Placed> out = new LinkedHashMap<>();
        for (Key k : keys) out.put(k, Placed.in(state, k));
        return out;
    }

    /** The keys a commit touched, in order, each once. */
    static List<Key> touched(List<Change> changes) {
        java.util.LinkedHashSet<Key> keys = new java.util.LinkedHashSet<>();
        for (Change c : changes) {
            if (c instanceof Change.Put p) keys.add(new Key(p.menu(), p.item().id()));
            else if (c instanceof Change.Remove r) keys.add(new Key(r.menu(), r.id()));
        }
        return new ArrayList<>(keys);
    }

    /** Makes every item of {@code target} stand in {@code tx} as it does there. */
    static void restore(Tx tx, Map<Key, Placed> target) {
        for (Map.Entry<Key, Placed> e : target.entrySet()) {
            Key k = e.getKey();
            if (e.getValue().item() == null && tx.byId(k.menu(), k.id()) != null) tx.remove(k.menu(), k.id());
        }
        List<Map.Entry<Key, Placed>> back = new ArrayList<>();
        for (Map.Entry<Key, Placed> e : target.entrySet()) if (e.getValue().item() != null) back.add(e);
        back.sort(Comparator.comparing((Map.Entry<Key, Placed> e) -> e.getKey().menu())
                .thenComparingInt(e -> e.getValue().index()));
        for (Map.Entry<Key, Placed> e : back) tx.put(e.getKey().menu(), e.getValue().index(), e.getValue().item());
    }
}
