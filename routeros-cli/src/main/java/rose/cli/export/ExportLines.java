package rose.cli.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import rose.cli.print.Quoting;

/**
 * One export command ({@code add ...}, {@code set [ find default=yes ] ...}) laid out on lines
 * exactly as RouterOS wraps them (reference 01 §9.1, measured on many real exports):
 *
 * <ol>
 * <li>A line holds at most 79 characters, the final {@code \} included; a continuation line
 *     starts with four spaces.</li>
 * <li>Arguments are written greedily, one space apart, name and value as separate pieces. A
 *     name ({@code enc-algorithms=}) goes on the line if there is still room for a {@code \} after
 *     it; otherwise the line ends with {@code " \"} and the argument starts the next line.</li>
 * <li>A value goes on the line if {@code " \"} still fits after it (so no line ever ends in a
 *     value at column 78 or 79). Otherwise, if it would fit on a fresh continuation line, the line
 *     ends right after the {@code =} ({@code comment=\}) and the value starts the next line.</li>
 * <li>A value too long even for a fresh line, or one holding a line break, is quoted (even when
 *     it needs no quotes: {@code advertise="10M-baseT-half,...,100M\}) and cut inside the string:
 *     78 characters a line, never inside an escape, always before an escaped newline
 *     ({@code \r\} then {@code \n...}); a space opening a continuation line is written {@code \_},
 *     because the console skips leading blanks after a continuation.</li>
 * </ol>
 */
public final class ExportLines {
    /** Longest line, the closing backslash included. */
    static final int MAX = 79;
    static final String INDENT = "    ";

    /** One argument: {@code name=value}, or a bare word ({@code !name}) when value is null. */
    public record Arg(String name, String value) {
    }

    private final StringBuilder out = new StringBuilder();
    private int col;
    private boolean lineEmpty;

    private ExportLines() {
    }

    /** The command wrapped to 79 columns, lines joined by {@code \n}, without a final newline. */
    public static String wrap(String command, List<Arg> args) {
        ExportLines l = new ExportLines();
        l.out.append(command);
        l.col = command.length();
        l.lineEmpty = command.isEmpty();
        for (Arg a : args) l.arg(a);
        return l.out.toString();
    }

    /** The command on one line, as {@code export terse} writes it. */
    public static String oneLine(String command, List<Arg> args) {
        StringBuilder b = new StringBuilder(command);
        for (Arg a : args) {
            if (b.length() > 0) b.append(' ');
            b.append(a.name());
            if (a.value() != null) b.append('=').append(Quoting.value(a.value()));
        }
        return b.toString();
    }

    private void arg(Arg a) {
        if (a.value() == null) {
            separate(a.name().length() + 2);
            put(a.name());
            return;
        }
        String key = a.name() + "=";
        separate(key.length() + 1);
        put(key);
        String q = Quoting.value(a.value());
        boolean multiLine = a.value().indexOf('\n') >= 0;
        if (!multiLine && col + q.length() + 2 <= MAX) {
            put(q);
        } else if (!multiLine && INDENT.length() + q.length() + 2 <= MAX) {
            out.append("\\\n").append(INDENT);
            col = INDENT.length();
            put(q);
        } else {
            inValue(a.value());
        }
    }

    /** Writes the space before an argument, or ends the line when {@code need} more columns do not fit. */
    private void separate(int need) {
        if (lineEmpty) return;
        if (col + 1 + need > MAX) {
            out.append(" \\\n").append(INDENT);
            col = INDENT.length();
            lineEmpty = true;
            return;
        }
        out.append(' ');
        col++;
    }

    private void put(String s) {
        out.append(s);
        col += s.length();
        lineEmpty = false;
    }

    private void inValue(String value) {
        List<String> units = new ArrayList<>();
        units.add("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                for (byte x : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    units.add(hex(x & 0xFF));
                }
                i = end - 1;
            } else {
                units.add(Quoting.escape(String.valueOf(c), true));
            }
        }
        units.add("\"");
        boolean fresh = false;
        for (String u : units) {
            boolean newline = u.equals("\\n");
            if ((newline && !fresh) || col + u.length() > MAX - 1) {
                out.append("\\\n").append(INDENT);
                col = INDENT.length();
                fresh = true;
            }
            if (fresh && u.equals(" ")) u = "\\_";
            put(u);
            fresh = false;
        }
    }

    private static String hex(int b) {
        return String.format(Locale.ROOT, "\\%02X", b);
    }
}
