package rose.cli.console;

import java.util.HashMap;

import org.jline.reader.impl.history.DefaultHistory;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader with one thing it does not offer: dropping the list of completion
 * choices shown below the line. {@code ?} prints help there instead, and the old list must not
 * be drawn again under the redrawn line.
 */
final class ConsoleLineReader extends LineReaderImpl {
    ConsoleLineReader(Terminal terminal) {
        super(terminal, "rose", new HashMap<>());
        setHistory(new DefaultHistory());
    }

    /** Forgets the choices listed below the line; the next redraw shows none. */
    void dropChoices() {
        post = null;
    }
}
