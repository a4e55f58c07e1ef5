package rose.cli.console;

/**
 * {@code /quit} ends a console session (RouterOS logs the user out). The front end, not the
 * command language, owns the session's life, so it recognises the word before running a line.
 */
final class QuitCommand {
    private QuitCommand() {
    }

    static boolean matches(String line) {
        String s = line.strip();
        return s.equals("quit") || s.equals("/quit");
    }
}
