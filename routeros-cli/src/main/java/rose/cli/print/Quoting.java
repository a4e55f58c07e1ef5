package rose.cli.print;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a value is written on the console and in an export (reference 01 §11; the facts match
 * Ansible community.routeros {@code quoting.py}, which was written against real devices).
 *
 * <p>A value is written bare when the console would read it back unchanged: no space, no
 * {@code = ; '}, nothing that opens an expression ({@code ( ) [ ] { } $ `}), no {@code ? "} or
 * backslash, no control character. Anything else is double-quoted, with {@code \" \\ \$ \?
 * \n \r \t} and {@code \HH} (two upper-case hex digits) for the other control characters. The
 * empty value is {@code ""}. Export also writes every byte of a non-ASCII character as {@code \HH}
 * (real exports show UTF-8 comments as {@code "\D0\9F..."}); print leaves them as they are.
 */
public final class Quoting {
    private Quoting() {
    }

    /** Export form: bare when safe, otherwise quoted; non-ASCII escaped. */
    public static String value(String v) {
        return needsQuotes(v) ? quoted(v) : v;
    }

    /** Console form for print: like {@link #value} but non-ASCII characters stay as they are. */
    public static String console(String v) {
        return needsQuotesIgnoringNonAscii(v) ? quoted(v, false) : v;
    }

    /** Always quoted, non-ASCII escaped: {@code "text"}. */
    public static String quoted(String v) {
        return quoted(v, true);
    }

    /** Always quoted; {@code escapeNonAscii} writes UTF-8 bytes of non-ASCII characters as {@code \HH}. */
    public static String quoted(String v, boolean escapeNonAscii) {
        return '"' + escape(v, escapeNonAscii) + '"';
    }

    /** Whether {@link #value} quotes {@code v}. */
    public static boolean needsQuotes(String v) {
        if (v.isEmpty()) return true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x7F || forcesQuotes(c)) return true;
        }
        return false;
    }

    private static boolean needsQuotesIgnoringNonAscii(String v) {
        if (v.isEmpty()) return true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0x7F || (c < 0x7F && forcesQuotes(c))) return true;
        }
        return false;
    }

    private static boolean forcesQuotes(char c) {
        if (c < 0x20) return true;
        return switch (c) {
            case ' ', '"', '\\', '$', '?', ';', '=', '\'', '(', ')', '[', ']', '{', '}', '`' -> true;
            default -> false;
        };
    }

    /** The text between the quotes, escaped. */
    public static String escape(String v, boolean escapeNonAscii) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String e = escapeOf(c);
            if (e != null) {
                b.append(e);
            } else if (c >= 0x80 && escapeNonAscii) {
                int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
                for (byte x : v.substring(i, end).getBytes(StandardCharsets.UTF_8)) b.append(hex(x & 0xFF));
                i = end - 1;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The escape sequence for one character inside quotes, or null when it stands for itself. */
    static String escapeOf(char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '$': return "\\$";
            case '?': return "\\?";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            default:
                if (c < 0x20 || c == 0x7F) return hex(c);
                return null;
        }
    }

    private static String hex(int c) {
        return "\\" + String.format(Locale.ROOT, "%02X", c);
    }
}
