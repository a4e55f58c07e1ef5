package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import rose.cli.db.Item;
import rose.cli.db.Tx;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.Schema;
import rose.cli.schema.ValueKind;

/**
 * Renaming an item renames it everywhere it is named, in the same transaction, as RouterOS
 * does: {@code /interface ethernet set ether2 name=lan} leaves every address, rule and list
 * member that said {@code ether2} saying {@code lan}; a renamed profile stays the peer's profile.
 */
final class Renames {
    private Renames() {
    }

    static void apply(Schema schema, Tx tx, Menu owner, String oldName, String newName) {
        if (oldName == null || newName == null || oldName.equals(newName)) return;
        for (Menu m : schema.menus().values()) {
            if (!m.kind().hasItems() && !m.kind().isSingleton() || m.kind().isStatus()) continue;
            List<Property> refs = new ArrayList<>();
            for (Property p : m.properties().values()) if (refersTo(p, owner)) refs.add(p);
            if (refs.isEmpty()) continue;
            for (Item item : new ArrayList<>(tx.items(m.path()))) {
                Item updated = item;
                for (Property p : refs) {
                    String v = item.get(p.name());
                    if (v == null) continue;
                    String renamed = rename(v, p.list(), oldName, newName);
                    if (!renamed.equals(v)) updated = updated.with(Map.of(p.name(), renamed));
                }
                if (updated != item) tx.replace(m.path(), updated);
            }
        }
    }

    private static boolean refersTo(Property p, Menu owner) {
        if (p.kind() == ValueKind.REF) return owner.path().equals(p.ref());
        if (p.kind() == ValueKind.INTERFACE) return owner.interfaceType() != null;
        if (p.kind() == ValueKind.INTERFACE_LIST) return owner.path().equals("interface list");
        return false;
    }

    /** Replaces whole names only, keeping a leading '!' and list order. */
    private static String rename(String value, boolean list, String oldName, String newName) {
        String neg = value.startsWith("!") ? "!" : "";
        String body = neg.isEmpty() ? value : value.substring(1);
        if (!list) return body.equals(oldName) ? neg + newName : value;
        String[] parts = body.split(",", -1);
        for (int i = 0; i < parts.length; i++) if (parts[i].equals(oldName)) parts[i] = newName;
        return neg + String.join(",", parts);
    }
}
