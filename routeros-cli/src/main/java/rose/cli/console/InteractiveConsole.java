package rose.cli.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import rose.cli.lang.Session;

/**
 * The console with a person at a terminal: the local console of {@code rose console} now, an
 * SSH channel later (both hand us a JLine {@link Terminal}).
 *
 * <ol>
 *   <li>show the banner;</li>
 *   <li>read a line at the session's prompt, with history, Tab completion
 *       ({@link SessionCompletion}, {@link TabKey}) and {@code ?} help ({@link HelpKey});</li>
 *   <li>Ctrl-C abandons the line and gives a fresh prompt, or stops a running command
 *       ({@code /ping} without {@code count}); Ctrl-D on an empty line or {@code /quit} ends
 *       the session;</li>
 *   <li>run the line and show its output; a failed command does not end the session;</li>
 *   <li>Ctrl-X or F4 toggles safe mode ({@link SafeModeKey}); a session that ends while holding it
 *       has its changes undone.</li>
 * </ol>
 */
public final class InteractiveConsole {
    /** RouterOS keeps a short command history per session; ours survives restarts. */
    private static final int HISTORY_SIZE = 500;

    private final Session session;
    private final Terminal terminal;
    private final Path historyFile;
    private final String banner;
    private volatile boolean stopped;

    /**
     * @param historyFile where history is kept across sessions, or null for none
     * @param banner      shown before the first prompt ({@link Banner#text}), or "" for none
     */
    public InteractiveConsole(Session session, Terminal terminal, Path historyFile, String banner) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.banner = banner;
    }

    /** Runs until the user quits; returns the exit status (0). */
    public int run() throws IOException {
        LineReader reader = reader();
        PrintWriter out = terminal.writer();
        out.print(banner);
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    if (stopped) break;                // the connection is gone (JLine reports the interrupt so)
                    continue;                          // Ctrl-C: drop the line, fresh prompt
                } catch (EndOfFileException e) {
                    break;                             // Ctrl-D on an empty line
                }
                if (line.isBlank()) continue;
                if (QuitCommand.matches(line)) break;
                LineTracking sink = LineTracking.watched(out);
                runStoppable(line, sink);
                sink.endLine();
                out.flush();
                if (stopped) break;
            }
        } finally {
            session.end();                             // still in safe mode: its changes are undone
            reader.getHistory().save();
            out.println();
            out.flush();
        }
        return 0;
    }

    /**
     * Runs a line with Ctrl-C bound to interrupting it, as RouterOS stops {@code /ping} or
     * {@code monitor-traffic}; at the prompt JLine's own handler takes Ctrl-C back.
     */
    private void runStoppable(String line, LineTracking sink) throws IOException {
        Thread runner = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> runner.interrupt());
        try {
            SessionRunner.execute(session, line, sink);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();                      // a Ctrl-C that came late stops nothing else
        }
    }

    /**
     * Ends the session from another thread (the SSH connection dropped): the reading thread,
     * once interrupted, leaves instead of taking the interrupt for Ctrl-C; safe-mode changes are
     * undone right away.
     */
    public void stop() {
        stopped = true;
        session.end();
    }

    private LineReader reader() {
        ConsoleLineReader reader = new ConsoleLineReader(terminal);
        SessionCompletion completion = new SessionCompletion(session);
        reader.setParser(completion);
        reader.setCompleter(completion);
        reader.setVariable(LineReader.HISTORY_SIZE, HISTORY_SIZE);
        reader.setVariable(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE);
        if (historyFile != null) reader.setVariable(LineReader.HISTORY_FILE, historyFile);
        // RouterOS uses ! for negation and unset: no csh history expansion
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        // Tab completes the common part, a second Tab lists the choices (TabKey): no automatic
        // listing, no menu cycling, no fuzzy matching
        reader.option(LineReader.Option.AUTO_MENU, false);
        reader.option(LineReader.Option.AUTO_LIST, false);
        reader.option(LineReader.Option.COMPLETE_MATCHER_TYPO, false);
        reader.option(LineReader.Option.COMPLETE_MATCHER_CAMELCASE, false);
        reader.option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        reader.option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        reader.option(LineReader.Option.INSERT_TAB, false);
        reader.getWidgets().put(HelpKey.NAME, new HelpKey(reader, session));
        reader.getWidgets().put(TabKey.NAME, new TabKey(reader));
        reader.getWidgets().put(SafeModeKey.NAME, new SafeModeKey(reader, session));
        for (String map : new String[] {LineReader.EMACS, LineReader.VIINS, LineReader.MAIN}) {
            KeyMap<Binding> keys = reader.getKeyMaps().get(map);
            keys.bind(new Reference(HelpKey.NAME), "?");
            keys.bind(new Reference(TabKey.NAME), "\t");
            // Ctrl-X and F4 toggle safe mode; Ctrl-X is no longer a prefix of emacs bindings
            for (String seq : new java.util.ArrayList<>(keys.getBoundKeys().keySet())) {
                if (seq.length() > 1 && seq.charAt(0) == '\u0018') keys.unbind(seq);
            }
            keys.bind(new Reference(SafeModeKey.NAME), "\u0018");
            String f4 = KeyMap.key(terminal, org.jline.utils.InfoCmp.Capability.key_f4);
            if (f4 != null && !f4.isEmpty()) keys.bind(new Reference(SafeModeKey.NAME), f4);
            keys.bind(new Reference(SafeModeKey.NAME), "\033OS");
            keys.bind(new Reference(SafeModeKey.NAME), "\033[14~");
            // arrows in both encodings: the terminal's keypad may be in normal mode (SSH
            // sessions never switch it, as RouterOS does not) or in application mode
            for (String prefix : new String[] {"\033[", "\033O"}) {
                keys.bind(new Reference(LineReader.UP_LINE_OR_SEARCH), prefix + "A");
                keys.bind(new Reference(LineReader.DOWN_LINE_OR_SEARCH), prefix + "B");
                keys.bind(new Reference(LineReader.FORWARD_CHAR), prefix + "C");
                keys.bind(new Reference(LineReader.BACKWARD_CHAR), prefix + "D");
            }
        }
        return reader;
    }
}
