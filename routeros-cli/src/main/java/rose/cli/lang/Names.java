package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.schema.Schema;

/** Item names as commands and references use them. */
final class Names {
    /** Built-in interface lists every router has (reference 04 §3.1). */
    static final List<String> BUILTIN_INTERFACE_LISTS = List.of("all", "none", "dynamic", "static");

    private Names() {
    }

    /** The name an item goes by: its name property, else the port's default name. */
    static String nameOf(Menu menu, Item item) {
        if (menu.nameProperty() == null) return null;
        String n = Effective.value(menu, item, menu.nameProperty());
        if (n == null) n = item.get("default-name");
        return n;
    }

    static Set<String> names(Menu menu, ConfigState state) {
        Set<String> out = new LinkedHashSet<>();
        for (Item i : state.items(menu.path())) {
            String n = nameOf(menu, i);
            if (n != null) out.add(n);
        }
        return out;
    }

    /** Every interface name, across ethernet, gre, ipip, ipsec, ... */
    static Set<String> interfaces(Schema schema, ConfigState state) {
        Set<String> out = new LinkedHashSet<>();
        for (Menu m : schema.interfaceMenus()) out.addAll(names(m, state));
        return out;
    }

    static Set<String> interfaceLists(Schema schema, ConfigState state) {
        Set<String> out = new LinkedHashSet<>(BUILTIN_INTERFACE_LISTS);
        schema.menu("interface list").ifPresent(m -> out.addAll(names(m, state)));
        return out;
    }

    /** First free {@code prefix<n>} name: peer1, peer2, ... */
    static String autoName(Menu menu, ConfigState state) {
        Set<String> taken = names(menu, state);
        for (int n = 1; ; n++) {
            String candidate = menu.autoName() + n;
            if (!taken.contains(candidate)) return candidate;
        }
    }

    /** The menus a union view shows, in order. */
    static List<Menu> members(Schema schema, Menu union) {
        List<Menu> out = new ArrayList<>();
        for (String p : union.unionOf()) schema.menu(p).ifPresent(out::add);
        return out;
    }
}
