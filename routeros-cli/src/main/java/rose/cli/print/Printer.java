package rose.cli.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import rose.cli.schema.Menu;
import rose.cli.schema.PrintLayout;

/**
 * Writes {@code print} output exactly as RouterOS v7 does, for every form (reference 01 §7, §8).
 * Everything is decided by the menu's data (kind, layout, columns, flags, property kinds), never
 * by the menu's name.
 *
 * <ol>
 * <li>{@code count-only}, {@code as-value}, {@code terse}, {@code value-list}: one fixed shape each.</li>
 * <li>Singletons ({@code /system identity}) print {@code key: value} lines.</li>
 * <li>{@code detail}: key=value blocks ({@link BlockPrinter}).</li>
 * <li>{@code stats}, {@code brief}, or a table menu's default: the v7 table ({@link TablePrinter}).</li>
 * <li>A rule-like menu's default: key=value blocks with its columns first.</li>
 * </ol>
 * The rows come from the command layer: numbered, filtered and sorted already.
 */
public final class Printer {

    public void print(Menu menu, List<Row> rows, PrintOptions o, Appendable out) {
        try {
            out.append(print(menu, rows, o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String print(Menu menu, List<Row> rows, PrintOptions o) {
        StringBuilder b = new StringBuilder();
        switch (o.form()) {
            case COUNT_ONLY -> b.append(rows.size()).append('\n');
            case AS_VALUE -> {
                for (Row r : rows) b.append(asValueLine(menu, r, o)).append('\n');
            }
            case TERSE -> {
                for (Row r : rows) b.append(terse(menu, r, o)).append('\n');
            }
            case VALUE_LIST -> valueList(menu, rows, o, b);
            default -> layout(menu, rows, o, b);
        }
        return b.toString();
    }

    private static void layout(Menu menu, List<Row> rows, PrintOptions o, StringBuilder b) {
        boolean settings = menu.kind().isSingleton() || (menu.layout() == PrintLayout.SETTINGS && !o.stats());
        if (settings) {
            for (Row r : rows) settings(menu, r, o, b);
            return;
        }
        if (o.form() == PrintOptions.Form.DETAIL && !o.stats()) {
            BlockPrinter.print(menu, rows, o, menu.layout() == PrintLayout.RULES, b);
            return;
        }
        if (o.stats() || o.form() == PrintOptions.Form.BRIEF || menu.layout() == PrintLayout.TABLE) {
            TablePrinter.print(menu, rows, o, tableColumns(menu, o), b);
            return;
        }
        BlockPrinter.print(menu, rows, o, true, b);
    }

    private static List<String> tableColumns(Menu menu, PrintOptions o) {
        List<String> cols = new ArrayList<>(o.proplist().isEmpty() ? menu.columns() : o.proplist());
        if (cols.isEmpty() && o.proplist().isEmpty()) {
            cols.addAll(menu.properties().keySet());
            cols.remove("comment");
        }
        if (o.stats()) for (String s : o.statsColumns()) if (!cols.contains(s)) cols.add(s);
        return cols;
    }

    /**
     * {@code key: value} lines right-aligned on the colon, two spaces before the longest key; every
     * value padded to the longest one, as v7 pads its cells ({@code /system resource print}).
     */
    private static void settings(Menu menu, Row r, PrintOptions o, StringBuilder b) {
        Map<String, String> v = visible(menu, r, o, true);
        int kw = 0;
        int vw = 0;
        for (Map.Entry<String, String> e : v.entrySet()) {
            kw = Math.max(kw, e.getKey().length());
            vw = Math.max(vw, e.getValue().length());
        }
        for (Map.Entry<String, String> e : v.entrySet()) {
            b.append(Fields.padLeft(e.getKey(), kw + 2)).append(": ").append(Fields.padRight(e.getValue(), vw)).append('\n');
        }
    }

    /** The row's printable values in order (proplist order when given). */
    private static Map<String, String> visible(Menu menu, Row r, PrintOptions o, boolean withComment) {
        Map<String, String> src = r.values() == null ? Map.of() : r.values();
        List<String> keys = o.proplist().isEmpty() ? new ArrayList<>(src.keySet()) : o.proplist();
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String val = src.get(k);
            if (k.equals("comment") && val == null) val = r.comment();
            if (val == null || Fields.hidden(menu, k, o)) continue;
            if (k.equals("comment") && !withComment) continue;
            out.put(k, val);
        }
        return out;
    }

    /**
     * {@code terse}: {@code  0 R name=ether1 mtu=1500 ...}: the number right-aligned in two
     * columns, the flag letters the item has, the comment first, then values as stored, unquoted
     * (real v7 terse prints {@code comment=a b} and {@code name=ether1} bare).
     */
    static String terse(Menu menu, Row r, PrintOptions o) {
        StringBuilder b = new StringBuilder();
        if (!menu.kind().isSingleton()) {
            b.append(Fields.padLeft(r.number() >= 0 ? Integer.toString(r.number()) : "", 2)).append(' ');
            if (r.flags() != null && !r.flags().isEmpty()) b.append(r.flags()).append(' ');
        }
        List<String> parts = new ArrayList<>();
        String comment = Fields.comment(r);
        if (comment != null && o.proplist().isEmpty()) parts.add("comment=" + comment);
        // rule menus lead with their key columns (chain, action) in every form, terse included
        boolean columnsFirst = menu.layout() == rose.cli.schema.PrintLayout.RULES;
        for (Map.Entry<String, String> e : Fields.block(menu, r, o, columnsFirst).entrySet()) {
            parts.add(e.getKey() + "=" + e.getValue());
        }
        b.append(String.join(" ", parts));
        return b.toString();
    }

    /**
     * One item as {@code print as-value} returns it to a script: {@code .id}, then every value by
     * key order (RouterOS arrays keep keys sorted), booleans as {@code true}/{@code false}.
     */
    public static Map<String, String> asValue(Menu menu, Row r, PrintOptions o) {
        Map<String, String> m = new TreeMap<>();
        if (r.id() != null && !menu.kind().isSingleton()) m.put(".id", r.id());
        Map<String, String> values = visible(menu, r, o, true);
        boolean wantComment = o.proplist().isEmpty() || o.proplist().contains("comment");
        if (wantComment && r.comment() != null && !values.containsKey("comment")) values.put("comment", r.comment());
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            if (Fields.isBool(menu, e.getKey())) {
                if (v.equals("yes")) v = "true";
                else if (v.equals("no")) v = "false";
            }
            m.put(e.getKey(), v);
        }
        return m;
    }

    /** {@code .id=*1;address=10.0.0.1/24;interface=ether1}, as {@code :put} shows the array. */
    static String asValueLine(Menu menu, Row r, PrintOptions o) {
        List<String> parts = new ArrayList<>();
        asValue(menu, r, o).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(";", parts);
    }

    /** {@code value-list}: one line per property, right-aligned on the colon, one column per item. */
    private static void valueList(Menu menu, List<Row> rows, PrintOptions o, StringBuilder b) {
        List<Map<String, String>> per = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Row r : rows) {
            Map<String, String> v = visible(menu, r, o, true);
            per.add(v);
            for (String k : v.keySet()) if (!keys.contains(k)) keys.add(k);
        }
        int kw = 0;
        for (String k : keys) kw = Math.max(kw, k.length());
        int[] w = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (String v : per.get(i).values()) w[i] = Math.max(w[i], v.length());
        }
        for (String k : keys) {
            StringBuilder line = new StringBuilder(Fields.padLeft(k, kw + 2)).append(':');
            for (int i = 0; i < rows.size(); i++) {
                String v = per.get(i).getOrDefault(k, "");
                line.append(' ').append(i == rows.size() - 1 ? v : Fields.padRight(v, w[i]));
            }
            b.append(line).append('\n');
        }
    }
}
