package rose.cli.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import rose.cli.schema.Flag;
import rose.cli.schema.Menu;

/**
 * The flag columns of a menu. RouterOS v7 puts flags that cannot hold together into one column
 * and lists each column as a group in the header, groups joined by {@code "; "} and flags inside a
 * group by {@code ", "}: {@code X - disabled, I - invalid; D - dynamic} (firewall),
 * {@code D - DYNAMIC; X - DISABLED, I - INACTIVE, A - ACTIVE; c - CONNECT, s - STATIC} (route).
 *
 * <p>The schema lists flags in header order but does not group them, so the grouping is derived
 * from flag names: adjacent flags of the same family share a column. The families are RouterOS's
 * own (an item's run state; a route's origin; an IPv6 address's scope; an SA's protocol).
 */
public final class FlagColumns {
    private static final List<Set<String>> FAMILIES = List.of(
            Set.of("disabled", "invalid", "inactive", "active", "running"),
            Set.of("connect", "static", "rip", "bgp", "ospf", "is-is", "dhcp", "vpn", "modem", "copy",
                    "bgp-mpls-vpn", "blackhole", "unreachable", "prohibit"),
            Set.of("global", "link-local"),
            Set.of("ah", "esp"));

    private final List<List<Flag>> columns;

    private FlagColumns(List<List<Flag>> columns) {
        this.columns = columns;
    }

    public static FlagColumns of(Menu menu) {
        List<List<Flag>> cols = new ArrayList<>();
        Set<String> family = null;
        for (Flag f : menu.flags()) {
            Set<String> fam = familyOf(f);
            if (fam != null && fam == family && !cols.isEmpty()) {
                cols.get(cols.size() - 1).add(f);
            } else {
                List<Flag> c = new ArrayList<>();
                c.add(f);
                cols.add(c);
            }
            family = fam;
        }
        return new FlagColumns(cols);
    }

    private static Set<String> familyOf(Flag f) {
        String n = f.name().toLowerCase(Locale.ROOT);
        for (Set<String> fam : FAMILIES) if (fam.contains(n)) return fam;
        return null;
    }

    public List<List<Flag>> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Header of the detail and rule layouts: every flag, lower-case names, trailing space. */
    public String headerAll() {
        if (columns.isEmpty()) return null;
        StringBuilder b = new StringBuilder("Flags: ");
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) b.append("; ");
            List<Flag> col = columns.get(c);
            for (int i = 0; i < col.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(col.get(i).letter()).append(" - ").append(col.get(i).name().toLowerCase(Locale.ROOT));
            }
        }
        return b.append(' ').toString();
    }

    /** The columns that at least one of {@code rows} uses (the v7 table shows no others). */
    public List<Integer> used(List<Row> rows) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            for (Row r : rows) {
                if (cell(r, c) != ' ') {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** Header of the v7 table: only the flags rows use, upper-case names, or null when none. */
    public String headerUsed(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (int c : used(rows)) {
            StringBuilder g = new StringBuilder();
            for (Flag f : columns.get(c)) {
                boolean on = false;
                for (Row r : rows) if (has(r, f)) { on = true; break; }
                if (!on) continue;
                if (g.length() > 0) g.append(", ");
                g.append(f.letter()).append(" - ").append(f.name().toUpperCase(Locale.ROOT));
            }
            if (b.length() > 0) b.append("; ");
            b.append(g);
        }
        return b.length() == 0 ? null : "Flags: " + b;
    }

    /** The letter a row shows in column {@code c}, or a space. */
    public char cell(Row r, int c) {
        for (Flag f : columns.get(c)) if (has(r, f)) return f.letter().charAt(0);
        return ' ';
    }

    /** All of a row's flag columns, one character each. */
    public String cells(Row r) {
        StringBuilder b = new StringBuilder(columns.size());
        for (int c = 0; c < columns.size(); c++) b.append(cell(r, c));
        return b.toString();
    }

    /** The row's flag cells restricted to {@code cols}. */
    public String cells(Row r, List<Integer> cols) {
        StringBuilder b = new StringBuilder(cols.size());
        for (int c : cols) b.append(cell(r, c));
        return b.toString();
    }

    private static boolean has(Row r, Flag f) {
        return r.flags() != null && !f.letter().isEmpty() && r.flags().contains(f.letter());
    }
}
