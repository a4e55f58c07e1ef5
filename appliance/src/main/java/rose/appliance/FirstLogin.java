package rose.appliance;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import rose.cli.auth.Authenticator;

/**
 * The first local console login on a fresh data directory: there is no default password, so
 * admin must choose one before the console opens (remote services refuse admin until then).
 * Asked twice, masked; three mismatches or an empty answer end the console.
 */
final class FirstLogin {
    private FirstLogin() {
    }

    static boolean setPassword(Terminal terminal, Authenticator auth, String user) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        terminal.writer().println("This router has no password for " + user + " yet. Choose one now;"
                + " SSH and the API refuse " + user + " until it is set.");
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                String first = reader.readLine("new password> ", '*');
                String again = reader.readLine("repeat new password> ", '*');
                if (first.isEmpty()) {
                    terminal.writer().println("the password must not be empty");
                    continue;
                }
                if (!first.equals(again)) {
                    terminal.writer().println("passwords do not match");
                    continue;
                }
                auth.setPassword(user, first);
                terminal.writer().println("password changed");
                terminal.writer().flush();
                return true;
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            }
        }
        return false;
    }
}
