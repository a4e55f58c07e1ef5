package rose.cli.print;

import java.util.List;
import java.util.Map;

import rose.cli.schema.Menu;

/**
 * The key=value block layout of {@code print detail} and of rule-like menus' default print
 * (firewall, ipsec peer/policy). As real v7 prints it:
 *
 * <pre>
 * Flags: X - disabled, I - invalid; D - dynamic 
 *  0  D ;;; special dummy rule to show fasttrack counters
 *       chain=forward action=passthrough 
 *
 *  1    chain=output action=drop protocol=icmp src-address=10.0.0.1 
 *       out-interface=ether3 log=no log-prefix="" 
 * </pre>
 *
 * <ol>
 * <li>{@code Flags:} lists every flag of the menu, lower case, with a trailing space, even when
 *     nothing follows.</li>
 * <li>The number is right-aligned in at least two columns, then one space, one column per flag
 *     group, one space: that is the indent of every continuation line.</li>
 * <li>A comment goes right after the flags as {@code ;;; text}; the values then start on the next
 *     line at the indent.</li>
 * <li>Each value is written {@code key=value } (with its space); a line takes values while it
 *     stays within the terminal width, trailing space included. Text properties are always
 *     quoted ({@code name="peer1"}, {@code log-prefix=""}).</li>
 * <li>A blank line follows every item.</li>
 * </ol>
 */
final class BlockPrinter {
    private BlockPrinter() {
    }

    static void print(Menu menu, List<Row> rows, PrintOptions o, boolean columnsFirst, StringBuilder out) {
        FlagColumns flags = FlagColumns.of(menu);
        String fh = flags.headerAll();
        if (fh != null) out.append(fh).append('\n');
        int numWidth = 2;
        for (Row r : rows) if (r.number() >= 0) numWidth = Math.max(numWidth, Integer.toString(r.number()).length());
        for (Row r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(Fields.padLeft(r.number() >= 0 ? Integer.toString(r.number()) : "", numWidth)).append(' ');
            if (!flags.isEmpty()) line.append(flags.cells(r)).append(' ');
            int indent = line.length();
            String comment = Fields.comment(r);
            if (comment != null && !comment.isEmpty()) {
                out.append(line).append(";;; ").append(comment).append('\n');
                line.setLength(0);
                line.append(Fields.spaces(indent));
            }
            boolean lineHasValue = false;
            for (Map.Entry<String, String> e : Fields.block(menu, r, o, columnsFirst).entrySet()) {
                String token = e.getKey() + "=" + Fields.detail(menu, e.getKey(), e.getValue()) + " ";
                if (lineHasValue && o.width() > 0 && line.length() + token.length() > o.width()) {
                    out.append(line).append('\n');
                    line.setLength(0);
                    line.append(Fields.spaces(indent));
                }
                line.append(token);
                lineHasValue = true;
            }
            if (lineHasValue || comment == null || comment.isEmpty()) out.append(line).append('\n');
            out.append('\n');
        }
    }
}
