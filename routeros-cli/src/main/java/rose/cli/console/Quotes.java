package rose.cli.console;

/**
 * Where RouterOS string literals start and end, and nothing more: the front end needs to know
 * whether a {@code ?}, a {@code #} or a trailing {@code \} is inside {@code "..."}. Only double
 * quotes delimit strings; inside one a backslash escapes the next character ({@code \"},
 * {@code \\}). Parsing proper belongs to the command language.
 */
public final class Quotes {
    private Quotes() {
    }

    /** True if {@code text} ends outside a string literal (every opened quote was closed). */
    public static boolean balanced(CharSequence text) {
        return !endsInString(false, text);
    }

    /**
     * Whether a string is still open after {@code text}, given whether one was open before it
     * (a line continued with a trailing backslash inside a string).
     */
    static boolean endsInString(boolean inString, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString && c == '\\') {
                i++;                                   // escaped character, whatever it is
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return inString;
    }

    /**
     * True if {@code line} ends in a backslash that joins it with the next line: one that is not
     * itself escaped inside a string ({@code "a\\"} ends a string; {@code add a=b \} continues).
     */
    static boolean continues(boolean inString, String line) {
        if (!line.endsWith("\\")) return false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                if (i == line.length() - 1) return true;
                if (inString) i++;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return false;
    }
}
