package rose.cli.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import rose.cli.db.ConfigState;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.schema.Schema;

/**
 * The items a menu shows at one state. For a union view ({@code /interface}) it gathers the
 * member menus' items and remembers which menu owns each, so set/print work on the owner.
 */
final class MenuView {
    final Menu menu;
    final List<Item> items;
    private final Map<Integer, Menu> owners;

    private MenuView(Menu menu, List<Item> items, Map<Integer, Menu> owners) {
        this.menu = menu;
        this.items = items;
        this.owners = owners;
    }

    static MenuView of(Schema schema, Menu menu, ConfigState state) {
        if (!menu.isUnion()) return new MenuView(menu, state.items(menu.path()), Map.of());
        List<Item> items = new ArrayList<>();
        Map<Integer, Menu> owners = new HashMap<>();
        for (Menu m : Names.members(schema, menu)) {
            for (Item i : state.items(m.path())) {
                items.add(i);
                owners.put(i.id(), m);
            }
        }
        return new MenuView(menu, items, owners);
    }

    /** The menu an item really lives in. */
    Menu ownerOf(Item item) {
        return owners.getOrDefault(item.id(), menu);
    }

    Item find(int id) {
        for (Item i : items) if (i.id() == id) return i;
        return null;
    }
}
