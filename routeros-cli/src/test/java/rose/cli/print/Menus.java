package rose.cli.print;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.schema.Flag;
import rose.cli.schema.Menu;
import rose.cli.schema.MenuKind;
import rose.cli.schema.PrintLayout;
import rose.cli.schema.Property;
import rose.cli.schema.ValueKind;

/**
 * Hand-built menus for print and export tests, so they do not depend on the schema files.
 * {@code Menus.list("ip address").layout(TABLE).columns("address", ...).flag("X", "disabled")
 * .prop(Menus.p("address", ValueKind.IP_PREFIX)).build()}.
 */
public final class Menus {
    private final String path;
    private MenuKind kind = MenuKind.LIST;
    private PrintLayout layout = PrintLayout.TABLE;
    private String nameProperty;
    private final List<String> columns = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();
    private final List<Map<String, String>> defaults = new ArrayList<>();
    private final Map<String, Property> props = new LinkedHashMap<>();
    private String exportSelector = "default";

    private Menus(String path) {
        this.path = path;
    }

    public static Menus list(String path) {
        return new Menus(path);
    }

    public static Menus singleton(String path) {
        Menus m = new Menus(path);
        m.kind = MenuKind.SINGLETON;
        m.layout = PrintLayout.SETTINGS;
        return m;
    }

    public Menus kind(MenuKind k) { kind = k; return this; }
    public Menus layout(PrintLayout l) { layout = l; return this; }
    public Menus nameProperty(String n) { nameProperty = n; return this; }
    public Menus columns(String... c) { columns.addAll(List.of(c)); return this; }
    public Menus exportSelector(String s) { exportSelector = s; return this; }

    public Menus flag(String letter, String name) {
        flags.add(new Flag(letter, name, name));
        return this;
    }

    public Menus flag(String letter, String name, String source) {
        flags.add(new Flag(letter, name, source));
        return this;
    }

    @SafeVarargs
    public final Menus defaults(Map<String, String>... d) {
        defaults.addAll(List.of(d));
        return this;
    }

    public Menus prop(Property... p) {
        for (Property x : p) props.put(x.name(), x);
        return this;
    }

    public Menu build() {
        return new Menu(path, kind, false, nameProperty, null, layout, columns, flags, defaults, props, List.of(),
                List.of(), List.of(), null, exportSelector, "");
    }

    public static Property p(String name, ValueKind kind) {
        return new Property(name, kind, false, false, List.of(), List.of(), null, null, null, null, false, false, false,
                false, "");
    }

    public static Property p(String name, ValueKind kind, String dflt) {
        return new Property(name, kind, false, false, List.of(), List.of(), null, null, null, dflt, false, false, false,
                false, "");
    }

    /** A string property with suggested values: a name of something (chain, mark), printed bare. */
    public static Property named(String name, String... suggested) {
        return new Property(name, ValueKind.STRING, false, false, List.of(suggested), List.of(), null, null, null, null,
                false, false, false, false, "");
    }

    public static Property listOf(String name, ValueKind kind, String dflt) {
        return new Property(name, kind, true, false, List.of(), List.of(), null, null, null, dflt, false, false, false,
                false, "");
    }

    public static Property readOnly(String name, ValueKind kind) {
        return new Property(name, kind, false, false, List.of(), List.of(), null, null, null, null, false, false, true,
                false, "");
    }

    public static Property sensitive(String name) {
        return new Property(name, ValueKind.STRING, false, false, List.of(), List.of(), null, null, null, null, false, true,
                false, false, "");
    }

    /** An ordered map from alternating keys and values. */
    public static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
