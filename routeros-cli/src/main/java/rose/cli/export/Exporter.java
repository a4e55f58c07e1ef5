package rose.cli.export;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.export.ExportLines.Arg;
import rose.cli.print.Quoting;
import rose.cli.schema.Menu;
import rose.cli.schema.MenuKind;
import rose.cli.schema.Property;
import rose.cli.schema.Schema;

/**
 * Writes {@code export} text as RouterOS v7 does (reference 01 §9, §9.1).
 *
 * <ol>
 * <li>Header: {@code # 2025-05-31 13:46:45 by RouterOS 7.19.1} (before 7.10:
 *     {@code # may/31/2025 ...}), {@code # software id = }, {@code #}, then model and serial
 *     lines where the board has them (CHR/x86 has none).</li>
 * <li>Menus in the schema's export order, each under its space-separated path
 *     ({@code /ip ipsec profile}) when it has something to print; status menus never.</li>
 * <li>Per menu: {@code set} for default and built-in items and for singletons, then {@code add}
 *     for user items in list order; dynamic items never.</li>
 * <li>Default items are named {@code [ find default=yes ]} (by id when a menu has several),
 *     built-in ones by the menu's export selector ({@code [ find default-name=ether1 ]}, a bare
 *     name for {@code name}, {@code set 0} for {@code number}).</li>
 * <li>Compact prints what was explicitly set, even when equal to the default; verbose prints every
 *     effective value and every default item. Arguments are sorted by name; read-only properties
 *     never appear, sensitive ones only with {@code show-sensitive}.</li>
 * <li>Lines are wrapped by {@link ExportLines}; {@code terse} writes each command on one line
 *     with its menu path instead.</li>
 * </ol>
 */
public final class Exporter {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM/dd/yyyy HH:mm:ss", Locale.ENGLISH);

    /** One command of a menu's section, with the comment line that precedes it, if any. */
    private record Command(String head, List<Arg> args, String annotation) {
    }

    public String export(Schema schema, ConfigState state, ExportOptions o) {
        StringBuilder b = new StringBuilder();
        if (o.header()) header(o, b);
        for (String path : schema.exportOrder()) {
            if (!o.inScope(path)) continue;
            Menu menu = schema.menu(path).orElse(null);
            if (menu == null || menu.kind().isStatus() || menu.kind() == MenuKind.DIRECTORY || menu.isUnion()) continue;
            List<Command> cmds = commands(menu, state.items(path), o);
            if (cmds.isEmpty()) continue;
            if (!o.terse()) b.append(menu.displayPath()).append('\n');
            for (Command c : cmds) {
                if (c.annotation() != null) b.append("# ").append(c.annotation()).append('\n');
                if (o.terse()) b.append(ExportLines.oneLine(menu.displayPath() + " " + c.head(), c.args()));
                else b.append(ExportLines.wrap(c.head(), c.args()));
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The header lines. */
    static void header(ExportOptions o, StringBuilder b) {
        DateTimeFormatter f = modernDate(o.version()) ? ISO : OLD;
        String when = o.dateTime().format(f);
        if (f == OLD) when = when.toLowerCase(Locale.ROOT);
        b.append("# ").append(when).append(" by RouterOS ").append(o.version()).append('\n');
        b.append("# software id = ").append(o.softwareId()).append('\n');
        b.append("#\n");
        if (o.model() != null) b.append("# model = ").append(o.model()).append('\n');
        if (o.serial() != null) b.append("# serial number = ").append(o.serial()).append('\n');
    }

    /** 7.10 switched the header date to {@code YYYY-MM-DD}. */
    static boolean modernDate(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) return true;
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 7 || (major == 7 && minor >= 10);
    }

    private List<Command> commands(Menu menu, List<Item> items, ExportOptions o) {
        List<Command> out = new ArrayList<>();
        if (menu.kind().isSingleton()) {
            Item item = items.isEmpty() ? new Item(0, Origin.DEFAULT, Map.of()) : items.get(0);
            if (o.filter() != null && !items.isEmpty() && !o.filter().test(menu, item)) return out;
            List<Arg> args = args(menu, item, o, null);
            if (!args.isEmpty()) out.add(new Command("set", args, annotation(menu, item, o)));
            return out;
        }
        long defaults = items.stream().filter(i -> i.origin() == Origin.DEFAULT).count();
        for (Item item : items) {
            if (item.origin() != Origin.DEFAULT && item.origin() != Origin.BUILTIN) continue;
            if (o.filter() != null && !o.filter().test(menu, item)) continue;
            String selector = selectorProperty(menu);
            List<Arg> args = args(menu, item, o, selector);
            if (args.isEmpty()) continue;
            out.add(new Command("set " + selector(menu, item, items, defaults), args, annotation(menu, item, o)));
        }
        for (Item item : items) {
            if (item.origin() != Origin.USER) continue;
            if (o.filter() != null && !o.filter().test(menu, item)) continue;
            out.add(new Command("add", args(menu, item, o, null), annotation(menu, item, o)));
        }
        return out;
    }

    private static String annotation(Menu menu, Item item, ExportOptions o) {
        return o.annotation() == null ? null : o.annotation().apply(menu, item);
    }

    /** Arguments in name order: explicit ones (compact) or every effective one (verbose). */
    private static List<Arg> args(Menu menu, Item item, ExportOptions o, String skip) {
        Map<String, String> values = o.verbose() ? Effective.values(menu, item) : Effective.explicit(item);
        if (o.verbose()) {
            for (Map.Entry<String, String> e : Effective.explicit(item).entrySet()) values.putIfAbsent(e.getKey(), e.getValue());
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(".") || k.equals(skip)) continue;
            Property p = menu.properties().get(k);
            if (p != null && (p.readOnly() || (p.sensitive() && !o.showSensitive()))) continue;
            sorted.put(k, e.getValue());
        }
        List<Arg> out = new ArrayList<>();
        sorted.forEach((k, v) -> out.add(new Arg(k, v)));
        return out;
    }

    /** The property the menu's selector names, or null for {@code default} and {@code number}. */
    private static String selectorProperty(Menu menu) {
        String sel = menu.exportSelector();
        if (sel == null || sel.equals("default") || sel.equals("number")) return null;
        return sel;
    }

    /** How a {@code set} line names a default or built-in item. */
    static String selector(Menu menu, Item item, List<Item> items, long defaultItems) {
        String sel = menu.exportSelector() == null ? "default" : menu.exportSelector();
        if (sel.equals("number")) {
            String seed = item.get(Effective.SEED);
            if (seed != null && seed.matches("\\d+")) return seed;
            int n = 0;
            for (Item i : items) {
                if (i.id() == item.id()) return Integer.toString(n);
                if (i.origin() != Origin.DYNAMIC) n++;
            }
            return item.idText();
        }
        if (sel.equals("default")) {
            return item.origin() == Origin.DEFAULT && defaultItems == 1 ? "[ find default=yes ]" : item.idText();
        }
        String v = Effective.value(menu, item, sel);
        if (v == null) return item.idText();
        if (sel.equals("name") || sel.equals(menu.nameProperty())) return Quoting.value(v);
        return "[ find " + sel + "=" + Quoting.value(v) + " ]";
    }
}
