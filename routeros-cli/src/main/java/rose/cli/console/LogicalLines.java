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
 *       on a line that continues a string literal is text, not a comment.</li>
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
            return logical.toString();
        }
        // input ended after a trailing backslash: run what was collected
        return logical == null || logical.toString().isBlank() ? null : logical.toString();
    }

    /** The number of the last physical line read (1-based), for messages. */
    public int lineNumber() {
        return lineNumber;
    }
}
