package rose.cli.console;

import java.io.IOException;
import java.io.UncheckedIOException;

import rose.cli.lang.Session;

/**
 * Runs one line in a session for a front end. Nothing a command does may end the console
 * (RouterOS keeps the session), so an exception that escapes the command language is shown as
 * a failed command and the front end goes on.
 */
final class SessionRunner {
    private SessionRunner() {
    }

    static boolean execute(Session session, String line, Appendable out) throws IOException {
        try {
            return session.execute(line, out);
        } catch (UncheckedIOException e) {
            // the database could not make a change durable: the command did not happen
            out.append("failure: ").append(e.getMessage()).append(": ")
                    .append(String.valueOf(e.getCause().getMessage())).append('\n');
            return false;
        } catch (RuntimeException e) {
            out.append("failure: internal error: ").append(e.toString()).append('\n');
            return false;
        }
    }
}
