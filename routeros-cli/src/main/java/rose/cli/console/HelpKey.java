package rose.cli.console;

import java.io.PrintWriter;

import org.jline.reader.Buffer;
import org.jline.reader.LineReader;
import org.jline.reader.Widget;

import rose.cli.lang.Session;

/**
 * The {@code ?} key: RouterOS prints help for what has been typed so far and gives the line
 * back unchanged; the {@code ?} is not inserted (reference 01 §2). Inside a string literal a
 * {@code ?} is just a character, so with unbalanced quotes before the cursor it is inserted.
 *
 * <ol>
 *   <li>clear any list of choices below the line and move the terminal cursor to the end of the edited text, so help starts below all of
 *       it even if the line wraps or the cursor is in the middle;</li>
 *   <li>print the session's help on the following lines;</li>
 *   <li>restore the cursor and redraw prompt and line below the help.</li>
 * </ol>
 */
final class HelpKey implements Widget {
    static final String NAME = "rose-help";

    private final ConsoleLineReader reader;
    private final Session session;

    HelpKey(ConsoleLineReader reader, Session session) {
        this.reader = reader;
        this.session = session;
    }

    @Override
    public boolean apply() {
        Buffer buf = reader.getBuffer();
        String before = buf.substring(0, buf.cursor());
        if (!Quotes.balanced(before)) {
            buf.write('?');
            return true;
        }
        String help;
        try {
            help = session.help(before);
        } catch (RuntimeException e) {
            help = "failure: internal error: " + e;     // a help bug must not end the session
        }
        int cursor = buf.cursor();
        buf.cursor(buf.length());
        reader.dropChoices();                          // help replaces a list shown by Tab
        reader.callWidget(LineReader.REDISPLAY);
        PrintWriter w = reader.getTerminal().writer();
        w.print('\n');
        if (!help.isEmpty()) {
            w.print(help);
            if (!help.endsWith("\n")) w.print('\n');
        }
        w.flush();
        buf.cursor(cursor);
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
        return true;
    }
}
