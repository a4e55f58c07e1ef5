package rose.cli.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.ValueKind;

/**
 * The v7 table (reference 01 §7.1, checked against many real captures):
 *
 * <pre>
 * Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC
 * Columns: DST-ADDRESS, GATEWAY, DISTANCE
 * #     DST-ADDRESS   GATEWAY       DISTANCE
 * 0  As 0.0.0.0/0     10.1.50.254          1
 *   DAc 10.1.50.0/24  vlan20-bond1         0
 * </pre>
 *
 * <ol>
 * <li>{@code Flags:} names only the flags the printed rows carry, upper case; none, no line.</li>
 * <li>Columns no row has a value for are left out; {@code Columns:} says which remain.</li>
 * <li>The number column is as wide as the widest number, right-aligned under {@code #}; it is
 *     absent when no row has a number (dynamic routes). One space, the used flag columns, one
 *     space, then the columns two spaces apart, every cell padded to its column's width.</li>
 * <li>Numeric columns are right-aligned, header included; list values take one line per element.</li>
 * <li>A comment is its own line {@code ;;; text} before the row.</li>
 * <li>Wider than the terminal: headers are cut to their values' width, then the widest columns
 *     narrowed and their values wrapped onto more lines.</li>
 * </ol>
 * An empty table prints only its {@code Columns:} line.
 */
final class TablePrinter {
    private static final int MIN_WIDTH = 4;

    private TablePrinter() {
    }

    static void print(Menu menu, List<Row> rows, PrintOptions o, List<String> columns, StringBuilder out) {
        FlagColumns flags = FlagColumns.of(menu);
        List<Integer> usedFlags = flags.used(rows);
        String fh = flags.headerUsed(rows);
        if (fh != null) out.append(fh).append('\n');

        List<String> cols = new ArrayList<>();
        for (String c : columns) if (!Fields.hidden(menu, c, o) && !cols.contains(c)) cols.add(c);
        if (rows.isEmpty()) {
            if (!cols.isEmpty()) out.append("Columns: ").append(headers(cols)).append('\n');
            return;
        }
        cols.removeIf(c -> rows.stream().noneMatch(r -> present(r, c)));
        if (!cols.isEmpty()) out.append("Columns: ").append(headers(cols)).append('\n');

        int n = cols.size();
        boolean[] numeric = new boolean[n];
        List<List<List<String>>> cells = new ArrayList<>();   // row -> column -> lines
        for (int i = 0; i < n; i++) numeric[i] = numeric(menu, cols.get(i), rows, o);
        for (Row r : rows) {
            List<List<String>> rc = new ArrayList<>();
            for (int i = 0; i < n; i++) rc.add(cellLines(menu, cols.get(i), r, o));
            cells.add(rc);
        }
        int numWidth = 0;
        for (Row r : rows) if (r.number() >= 0) numWidth = Math.max(numWidth, Integer.toString(r.number()).length());
        int flagWidth = usedFlags.size();
        int prefix = (numWidth > 0 ? numWidth + 1 : 0) + (flagWidth > 0 ? flagWidth + 1 : 0);

        int[] dataWidth = new int[n];
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            for (List<List<String>> rc : cells) for (String l : rc.get(i)) dataWidth[i] = Math.max(dataWidth[i], l.length());
            w[i] = Math.max(cols.get(i).length(), dataWidth[i]);
        }
        fit(w, dataWidth, prefix, o.width());

        StringBuilder h = new StringBuilder();
        if (numWidth > 0) h.append(Fields.padLeft("#", numWidth)).append(' ');
        if (flagWidth > 0) h.append(Fields.spaces(flagWidth)).append(' ');
        for (int i = 0; i < n; i++) {
            if (i > 0) h.append("  ");
            String head = cols.get(i).toUpperCase(Locale.ROOT);
            if (head.length() > w[i]) head = head.substring(0, w[i]);
            h.append(numeric[i] ? Fields.padLeft(head, w[i]) : Fields.padRight(head, w[i]));
        }
        out.append(h).append('\n');

        for (int ri = 0; ri < rows.size(); ri++) {
            Row r = rows.get(ri);
            String comment = Fields.comment(r);
            if (comment != null && !comment.isEmpty()) out.append(";;; ").append(comment).append('\n');
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < n; i++) {
                List<String> lines = wrap(cells.get(ri).get(i), w[i]);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            for (int line = 0; line < height; line++) {
                StringBuilder b = new StringBuilder();
                if (numWidth > 0) {
                    String num = line == 0 && r.number() >= 0 ? Integer.toString(r.number()) : "";
                    b.append(Fields.padLeft(num, numWidth)).append(' ');
                }
                if (flagWidth > 0) {
                    b.append(line == 0 ? flags.cells(r, usedFlags) : Fields.spaces(flagWidth)).append(' ');
                }
                for (int i = 0; i < n; i++) {
                    if (i > 0) b.append("  ");
                    List<String> lines = wrapped.get(i);
                    String text = line < lines.size() ? lines.get(line) : "";
                    b.append(numeric[i] ? Fields.padLeft(text, w[i]) : Fields.padRight(text, w[i]));
                }
                out.append(b).append('\n');
            }
        }
    }

    private static String headers(List<String> cols) {
        return String.join(", ", cols.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
    }

    private static boolean present(Row r, String c) {
        String v = r.values() == null ? null : r.values().get(c);
        return v != null && !v.isEmpty();
    }

    private static boolean numeric(Menu menu, String col, List<Row> rows, PrintOptions o) {
        if (o.stats() && o.statsColumns().contains(col)) return true;
        Property p = menu.properties().get(col);
        if (p != null) return p.kind() == ValueKind.INT && !p.list();
        boolean any = false;
        for (Row r : rows) {
            String v = r.values() == null ? null : r.values().get(col);
            if (v == null || v.isEmpty()) continue;
            if (!v.matches("-?\\d+")) return false;
            any = true;
        }
        return any;
    }

    private static List<String> cellLines(Menu menu, String col, Row r, PrintOptions o) {
        String v = r.values() == null ? null : r.values().get(col);
        if (v == null || v.isEmpty()) return List.of();
        if (o.stats() && o.statsColumns().contains(col)) return List.of(Fields.grouped(v));
        Property p = menu.properties().get(col);
        if (p != null && p.list()) {
            String body = v;
            String neg = "";
            if (p.negatable() && body.startsWith("!")) {
                neg = "!";
                body = body.substring(1);
            }
            List<String> parts = new ArrayList<>();
            for (String s : body.split(",", -1)) parts.add(parts.isEmpty() ? neg + s : s);
            return parts;
        }
        return List.of(v);
    }

    /** Narrows columns until the table fits {@code width} (0 = unlimited). */
    private static void fit(int[] w, int[] dataWidth, int prefix, int width) {
        if (width <= 0) return;
        if (total(w, prefix) <= width) return;
        for (int i = 0; i < w.length; i++) w[i] = Math.max(dataWidth[i], 1);
        while (total(w, prefix) > width) {
            int widest = 0;
            for (int i = 1; i < w.length; i++) if (w[i] > w[widest]) widest = i;
            if (w[widest] <= MIN_WIDTH) return;
            w[widest]--;
        }
    }

    private static int total(int[] w, int prefix) {
        int t = prefix;
        for (int x : w) t += x;
        return t + 2 * Math.max(0, w.length - 1);
    }

    private static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.length() <= width) {
                out.add(l);
                continue;
            }
            for (int i = 0; i < l.length(); i += width) out.add(l.substring(i, Math.min(l.length(), i + width)));
        }
        return out;
    }
}
