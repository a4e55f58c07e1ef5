package rose.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A command at the root of the menu tree that the appliance provides ({@code /ping}): the
 * command language parses and binds its arguments as for any command (unique prefixes, one
 * unnamed value naming the first argument) and hands them over with the console's output.
 * Registered on {@link RouterOs#addCommand}; routeros-cli knows nothing else about it.
 */
public interface RootCommand {
    /** The command word ({@code ping}). */
    String name();

    /** Named arguments it takes, in order; an unnamed value given first binds to the first. */
    List<String> arguments();

    /**
     * Runs the command, printing as it goes (ping prints a line per reply). {@code args} holds
     * the given arguments' text by full name.
     *
     * @throws Failure with RouterOS's message, printed as the command's error
     */
    void run(Map<String, String> args, Appendable out) throws IOException, Failure;

    /** A refusal in RouterOS's words ({@code invalid value for argument address}). */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }
}
