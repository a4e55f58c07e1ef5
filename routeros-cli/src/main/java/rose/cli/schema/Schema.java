package rose.cli.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every menu of the router, loaded once from the schema files. The console, export, import,
 * the binary API and REST all read this one object.
 */
public final class Schema {
    private final Map<String, Menu> menus;
    private final List<String> exportOrder;

    public Schema(Map<String, Menu> menus, List<String> exportOrder) {
        this.menus = Collections.unmodifiableMap(new LinkedHashMap<>(menus));
        this.exportOrder = List.copyOf(exportOrder);
    }

    /** The built-in schema from the classpath. */
    public static Schema builtIn() {
        return Holder.BUILT_IN;
    }

    private static final class Holder {
        static final Schema BUILT_IN = SchemaLoader.loadBuiltIn();
    }

    public Optional<Menu> menu(String path) {
        return Optional.ofNullable(menus.get(path));
    }

    public Menu require(String path) {
        Menu m = menus.get(path);
        if (m == null) throw new IllegalArgumentException("no such menu in schema: /" + path);
        return m;
    }

    public Map<String, Menu> menus() {
        return menus;
    }

    /** Menus with data, in the order export prints them. */
    public List<String> exportOrder() {
        return exportOrder;
    }

    /** Direct sub-menu words of a menu path ("" is the root). */
    public List<String> children(String path) {
        List<String> out = new ArrayList<>();
        String prefix = path.isEmpty() ? "" : path + " ";
        for (String p : menus.keySet()) {
            if (p.startsWith(prefix) && !p.equals(path)) {
                String rest = p.substring(prefix.length());
                String word = rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
                if (!out.contains(word)) out.add(word);
            }
        }
        return out;
    }

    /** Whether a path is a menu or a directory leading to menus. */
    public boolean isPath(String path) {
        if (path.isEmpty() || menus.containsKey(path)) return true;
        String prefix = path + " ";
        for (String p : menus.keySet()) if (p.startsWith(prefix)) return true;
        return false;
    }

    /** Menus whose items are interfaces (union members of {@code /interface}). */
    public List<Menu> interfaceMenus() {
        return menus.values().stream().filter(m -> m.interfaceType() != null).toList();
    }
}
