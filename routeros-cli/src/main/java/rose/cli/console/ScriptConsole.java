package rose.cli.console;

import java.io.BufferedReader;
import java.io.IOException;

import rose.cli.lang.Session;

/**
 * The console when nobody is typing: input is a pipe or a file ({@code rose console < x.rsc}).
 * It behaves like a serial console fed a script:
 *
 * <ol>
 *   <li>read the next logical line ({@link LogicalLines}: {@code \} joins, blank and comment
 *       lines skipped);</li>
 *   <li>echo it after the prompt, as the console would have shown it while typed;</li>
 *   <li>run it in the session and print what it writes (no colour, no paging);</li>
 *   <li>go on after a failed command; stop at {@code /quit} or at the end of input.</li>
 * </ol>
 *
 * The exit status is 1 if any command failed, 0 otherwise.
 */
public final class ScriptConsole {
    private final Session session;

    public ScriptConsole(Session session) {
        this.session = session;
    }

    /** Runs every logical line of {@code in}, writing to {@code out}; returns the exit status. */
    public int run(BufferedReader in, Appendable out) throws IOException {
        LineTracking sink = new LineTracking(out);
        LogicalLines lines = new LogicalLines(in);
        boolean failed = false;
        String line;
        while ((line = lines.next()) != null) {
            sink.append(session.prompt()).append(line).append('\n');
            if (QuitCommand.matches(line)) break;
            failed |= !SessionRunner.execute(session, line, sink);
            sink.endLine();
            sink.flush();
        }
        sink.flush();
        return failed ? 1 : 0;
    }
}
