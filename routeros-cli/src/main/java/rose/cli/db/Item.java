package rose.cli.db;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration item. {@code values} holds only properties that were explicitly set, in
 * canonical text; a property absent here shows its schema default. Export prints exactly the
 * set ones (reference 01 §9.1: RouterOS tracks "was set" per property). Immutable.
 *
 * @param id     internal id, printed {@code *hex}; stable for the item's life
 * @param origin how the item came to be
 * @param values explicitly set properties
 */
public record Item(int id, Origin origin, Map<String, String> values) {
    public Item {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String get(String property) {
        return values.get(property);
    }

    public boolean isSet(String property) {
        return values.containsKey(property);
    }

    public Item with(Map<String, String> changes) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.putAll(changes);
        return new Item(id, origin, v);
    }

    public Item without(String property) {
        if (!values.containsKey(property)) return this;
        Map<String, String> v = new LinkedHashMap<>(values);
        v.remove(property);
        return new Item(id, origin, v);
    }

    /** {@code *1A}: how ids print. */
    public String idText() {
        return "*" + Integer.toHexString(id).toUpperCase(java.util.Locale.ROOT);
    }

    public static int parseId(String text) {
        if (!text.startsWith("*") || text.length() < 2 || text.length() > 9) return -1;
        try {
            return (int) Long.parseLong(text.substring(1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
