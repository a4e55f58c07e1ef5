package rose.cli.print;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.schema.Flag;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.ValueKind;

/** Which of a row's values a print form shows, in which order, and how each is written. */
final class Fields {
    private Fields() {
    }

    /** Internal keys ({@code .seed}) and, unless allowed, sensitive properties are never printed. */
    static boolean hidden(Menu menu, String key, PrintOptions o) {
        if (key.startsWith(".")) return true;
        Property p = menu.properties().get(key);
        return p != null && p.sensitive() && !o.showSensitive();
    }

    /**
     * The key=value fields of the detail, rule and terse forms. The comment has its own line and
     * {@code disabled} and read-only status flags have their letter, so neither repeats as a value.
     * Rule-like menus put their {@code columns} first.
     */
    static Map<String, String> block(Menu menu, Row row, PrintOptions o, boolean columnsFirst) {
        Map<String, String> v = row.values() == null ? Map.of() : row.values();
        List<String> order = new ArrayList<>();
        if (!o.proplist().isEmpty()) {
            order.addAll(o.proplist());
        } else {
            if (columnsFirst) for (String c : menu.columns()) if (v.containsKey(c)) order.add(c);
            for (String k : v.keySet()) if (!order.contains(k)) order.add(k);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : order) {
            String val = v.get(k);
            if (val == null || hidden(menu, k, o) || k.equals("comment") || shownAsFlag(menu, k)) continue;
            out.put(k, val);
        }
        return out;
    }

    /** The row's comment, from the row or its values. */
    static String comment(Row row) {
        if (row.comment() != null) return row.comment();
        return row.values() == null ? null : row.values().get("comment");
    }

    private static boolean shownAsFlag(Menu menu, String key) {
        for (Flag f : menu.flags()) {
            if (!f.source().equals(key)) continue;
            if (key.equals("disabled")) return true;
            Property p = menu.properties().get(key);
            if (p == null || p.readOnly()) return true;
        }
        return false;
    }

    /**
     * Detail form of one value. Free text ({@code name="peer1"}, {@code log-prefix=""}) is always
     * quoted; names of things (chains, marks: text properties with suggested values) and every
     * other kind only when they must be ({@code chain=forward}, {@code src-address-list=crowdsec}).
     */
    static String detail(Menu menu, String key, String value) {
        Property p = menu.properties().get(key);
        if (p != null && (p.kind() == ValueKind.STRING || p.kind() == ValueKind.REGEXP) && !p.list() && p.values().isEmpty())
            return Quoting.quoted(value, false);
        return Quoting.console(value);
    }

    static boolean isBool(Menu menu, String key) {
        Property p = menu.properties().get(key);
        return p != null && p.kind() == ValueKind.BOOL;
    }

    static String spaces(int n) {
        return n <= 0 ? "" : " ".repeat(n);
    }

    static String padRight(String s, int w) {
        return s.length() >= w ? s : s + spaces(w - s.length());
    }

    static String padLeft(String s, int w) {
        return s.length() >= w ? s : spaces(w - s.length()) + s;
    }

    /** {@code 50507925242} → {@code 50 507 925 242}, as counters print on the console. */
    static String grouped(String digits) {
        if (!digits.matches("\\d{4,}")) return digits;
        StringBuilder b = new StringBuilder();
        int first = digits.length() % 3;
        if (first > 0) b.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            if (b.length() > 0) b.append(' ');
            b.append(digits, i, i + 3);
        }
        return b.toString();
    }
}
