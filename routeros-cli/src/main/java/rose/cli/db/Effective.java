package rose.cli.db;

import java.util.LinkedHashMap;
import java.util.Map;

import rose.cli.schema.Menu;
import rose.cli.schema.Property;

/**
 * What an item's properties are in effect: the schema default, overridden by the default
 * item's seed values, overridden by what was explicitly set. Keys starting with '.' are
 * internal and never shown.
 */
public final class Effective {
    public static final String SEED = ".seed";

    private Effective() {
    }

    /** Effective values in schema property order. */
    public static Map<String, String> values(Menu menu, Item item) {
        Map<String, String> seed = seedValues(menu, item);
        Map<String, String> out = new LinkedHashMap<>();
        for (Property p : menu.properties().values()) {
            String v = item.get(p.name());
            if (v == null) v = seed.get(p.name());
            if (v == null) v = p.defaultValue();
            if (v != null) out.put(p.name(), v);
        }
        return out;
    }

    public static String value(Menu menu, Item item, String property) {
        String v = item.get(property);
        if (v != null) return v;
        v = seedValues(menu, item).get(property);
        if (v != null) return v;
        Property p = menu.properties().get(property);
        return p == null ? null : p.defaultValue();
    }

    /** The schema default entry this item was seeded from, or an empty map. */
    public static Map<String, String> seedValues(Menu menu, Item item) {
        String s = item.get(SEED);
        if (s == null) return Map.of();
        int k = Integer.parseInt(s);
        return k < menu.defaults().size() ? menu.defaults().get(k) : Map.of();
    }

    /** Explicitly set, user-visible properties (what compact export prints). */
    public static Map<String, String> explicit(Item item) {
        Map<String, String> out = new LinkedHashMap<>();
        item.values().forEach((k, v) -> {
            if (!k.startsWith(".")) out.put(k, v);
        });
        return out;
    }
}
