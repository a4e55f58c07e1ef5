package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.Schema;
import rose.cli.schema.ValueException;
import rose.cli.schema.ValueKind;
import rose.cli.schema.Values;

/**
 * Checks a command's property values against the schema and the configuration: syntax, ranges,
 * references to other items, required properties and uniqueness, with RouterOS's messages.
 */
final class Validator {
    private Validator() {
    }

    /** Canonical values for the property arguments of {@code args}. */
    static Map<String, String> values(Interpreter in, Menu menu, Args args, Frame f, ConfigState state,
                                      Set<String> skip) throws CliError {
        Map<String, String> out = new LinkedHashMap<>();
        for (Args.Named n : args.named.values()) {
            if (skip.contains(n.name())) continue;
            Property p = menu.properties().get(n.name());
            String text = in.inputText(n.value(), f);
            out.put(p.name(), canonical(in.router.schema(), p, text, state, n.valuePos()));
        }
        return out;
    }

    static String canonical(Schema schema, Property p, String text, ConfigState state, Pos at) throws CliError {
        String c;
        try {
            c = Values.canonical(p, text);
        } catch (ValueException e) {
            throw CliError.value(e.getMessage(), at);
        }
        if (!p.danglingInvalid() && missingReference(schema, p, c, state) != null) {
            throw CliError.value("input does not match any value of " + p.name(), at);
        }
        return c;
    }

    /** The first referenced name that does not exist, or null when every reference resolves. */
    static String missingReference(Schema schema, Property p, String canonical, ConfigState state) {
        if (canonical.isEmpty()) return null;
        Set<String> known;
        switch (p.kind()) {
            case REF -> {
                Menu target = schema.menu(p.ref()).orElse(null);
                if (target == null) return null;
                known = Names.names(target, state);
            }
            case INTERFACE -> known = Names.interfaces(schema, state);
            case INTERFACE_LIST -> known = Names.interfaceLists(schema, state);
            default -> {
                return null;
            }
        }
        String body = canonical.startsWith("!") ? canonical.substring(1) : canonical;
        for (String part : p.list() ? body.split(",") : new String[] {body}) {
            if (p.words().contains(part)) continue;
            if (!known.contains(part)) return part;
        }
        return null;
    }

    /** RouterOS's message for absent required properties. */
    static void required(Menu menu, Item item, Pos at) throws CliError {
        List<String> missing = new ArrayList<>();
        for (Property p : menu.properties().values()) {
            if (p.required() && Effective.value(menu, item, p.name()) == null) missing.add(p.name());
        }
        if (!missing.isEmpty()) {
            throw CliError.value("missing value(s) of argument(s) " + String.join(", ", missing), at);
        }
    }

    /** Names are unique within a menu (and across all interfaces); schema unique keys hold. */
    static void unique(Schema schema, Menu menu, Item item, ConfigState state, Pos at) throws CliError {
        String name = Names.nameOf(menu, item);
        if (name != null) {
            if (menu.interfaceType() != null) {
                for (Menu m : schema.interfaceMenus()) {
                    for (Item other : state.items(m.path())) {
                        if (other.id() != item.id() && name.equals(Names.nameOf(m, other))) {
                            throw CliError.value("failure: already have interface with such name", at);
                        }
                    }
                }
            } else {
                for (Item other : state.items(menu.path())) {
                    if (other.id() != item.id() && name.equals(Names.nameOf(menu, other))) {
                        throw CliError.value("failure: already have item with such name", at);
                    }
                }
            }
        }
        for (Menu.UniqueKey key : menu.unique()) {
            List<String> mine = keyValues(menu, item, key);
            if (mine == null) continue;
            for (Item other : state.items(menu.path())) {
                if (other.id() != item.id() && mine.equals(keyValues(menu, other, key))) {
                    throw CliError.value(key.message(), at);
                }
            }
        }
    }

    private static List<String> keyValues(Menu menu, Item item, Menu.UniqueKey key) {
        List<String> out = new ArrayList<>();
        for (String p : key.properties()) {
            String v = Effective.value(menu, item, p);
            if (v == null) return null;
            if (menu.properties().get(p).kind() == ValueKind.IP_PREFIX) v = addressOnly(v);
            out.add(v);
        }
        return out;
    }

    /** 10.0.0.1/24 and 10.0.0.1/30 are the same address for "already have such address". */
    private static String addressOnly(String v) {
        int slash = v.indexOf('/');
        return slash < 0 ? v : v.substring(0, slash);
    }

    /** An item naming an interface (or other dangling-invalid reference) that does not exist is invalid. */
    static boolean invalid(Schema schema, Menu menu, Item item, ConfigState state) {
        for (Property p : menu.properties().values()) {
            if (!p.danglingInvalid()) continue;
            String v = item.get(p.name());
            if (v != null && missingReference(schema, p, v, state) != null) return true;
        }
        return false;
    }

    static String bool(Property p, String text, Pos at) throws CliError {
        try {
            return Values.bool(p, text);
        } catch (ValueException e) {
            throw CliError.value(e.getMessage(), at);
        }
    }
}
