package rose.cli.console;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Turns a script's physical lines into the logical lines a serial console would run, one by
 * one:
 *
 * <ol>
 *   <li>a line ending in an unescaped {@code \} is joined with the next one (the backslash and
 *       the line break are dropped; inside a string literal the string simply goes on);</li>
 *   <li>blank lines are skipped;</li>
 *   <li>a line whose first non-blank character is {@code #} is a comment and is skipped; a
 *       comment is never continued by a trailing backslash (reference 01 §3), and a {@code #}
 *       on a line that continues a string literal is text, not a comment;</li>
 *   <li>a line that leaves a {@code {}, {@code [} or {@code (} open goes on with the next
 *       lines, joined by a line break, until it is closed: scripts write {@code :if}/{@code
 *       :foreach} bodies over several lines.</li>
 * </ol>
 *
 * Nothing else is interpreted: the logical line goes to the session as it is, trailing
 * comments included. {@code \r\n} line ends are accepted.
 */
public final class LogicalLines {
    private final BufferedReader in;
    private int lineNumber;

    public LogicalLines(BufferedReader in) {
        this.in = in;
    }

    /** The next logical line, or null at the end of input. */
    public String next() throws IOException {
        StringBuilder logical = null;
        boolean inString = false;
        String physical;
        while ((physical = in.readLine()) != null) {
            lineNumber++;
            if (physical.endsWith("\r")) physical = physical.substring(0, physical.length() - 1);
            if (logical == null) {
                String trimmed = physical.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
                logical = new StringBuilder();
            }
            if (Quotes.continues(inString, physical)) {
                String part = physical.substring(0, physical.length() - 1);
                logical.append(part);
                inString = Quotes.endsInString(inString, part);
                continue;
            }
            logical.append(physical);
            if (openBrackets(logical) > 0) {
                logical.append('\n');
                continue;
            }
            return logical.toString();
        }
        // input ended after a trailing backslash: run what was collected
        return logical == null || logical.toString().isBlank() ? null : logical.toString();
    }

    /** How many brackets are still open at the end of {@code text} (strings and comments skipped). */
    static int openBrackets(CharSequence text) {
        int depth = 0;
        boolean inString = false;
        boolean tokenStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '#' && tokenStart) {
                while (i < text.length() && text.charAt(i) != '\n') i++;
                tokenStart = true;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{' || c == '[' || c == '(') depth++;
            else if ((c == '}' || c == ']' || c == ')') && depth > 0) depth--;
            tokenStart = c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '{';
        }
        return depth;
    }

    /** The number of the last physical line read (1-based), for messages. */
    public int lineNumber() {
        return lineNumber;
    }
}
