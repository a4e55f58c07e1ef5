package rose.cli.console;

import java.io.PrintWriter;

import org.jline.reader.Widget;

import rose.cli.db.SafeMode;
import rose.cli.lang.Session;

/**
 * Ctrl-X (and F4): toggles safe mode (reference 01 §1). Taking it prints {@code [Safe Mode
 * taken]} and the prompt gains {@code <SAFE>}; pressing it again prints {@code [Safe Mode
 * released]} and keeps the changes. When another session holds it, RouterOS's question decides:
 * {@code u} unrolls that session's changes and takes it, {@code r} takes it keeping them,
 * anything else leaves it there ({@code [Safe Mode not taken]}).
 */
final class SafeModeKey implements Widget {
    static final String NAME = "rose-safe-mode";
    static final String HIJACK = "Hijacking Safe Mode from someone - unroll/release/don't take it [u/r/d]: ";

    private final ConsoleLineReader reader;
    private final Session session;

    SafeModeKey(ConsoleLineReader reader, Session session) {
        this.reader = reader;
        this.session = session;
    }

    /** Messages for this session's terminal from elsewhere (another session hijacked safe mode). */
    void notice(String message) {
        reader.setPrompt(session.prompt());
        reader.printAbove(message);
    }

    @Override
    public boolean apply() {
        SafeMode safe = session.router().db().safeMode();
        String message;
        if (safe.release(session)) {
            message = "[Safe Mode released]";
        } else {
            SafeMode.Take t = safe.take(session, this::notice);
            if (t != SafeMode.Take.HELD_BY_OTHER) {
                message = "[Safe Mode taken]";
            } else {
                PrintWriter w = reader.getTerminal().writer();
                w.print("\r\n" + HIJACK);
                w.flush();
                int c = reader.readCharacter();
                w.print(c > ' ' && c < 127 ? (char) c + "\r\n" : "\r\n");
                w.flush();
                if (c == 'u' || c == 'r') {
                    safe.hijack(session, this::notice, c == 'u');
                    message = "[Safe Mode taken]";
                } else {
                    message = "[Safe Mode not taken]";
                }
            }
        }
        reader.setPrompt(session.prompt());
        reader.printAbove(message);
        return true;
    }
}
