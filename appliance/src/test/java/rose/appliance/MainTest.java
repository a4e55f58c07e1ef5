package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MainTest {
    /** One in-process run of {@code rose} with piped standard input. */
    static final class Run {
        final int status;
        final String out;
        final String err;

        Run(String stdin, Map<String, String> env, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    false, env);
            this.status = Main.run(args, io);
            this.out = out.toString(StandardCharsets.UTF_8);
            this.err = err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void helpListsEverySubcommandOnOneLine() {
        Run r = new Run("", Map.of(), "--help");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("Usage: rose <command>"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  console [--data DIR] [--board ID]")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("  --help")), r.out);
        assertEquals("", r.err);
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        Run none = new Run("", Map.of());
        assertEquals(2, none.status);
        assertTrue(none.err.contains("Usage: rose"), none.err);

        Run unknown = new Run("", Map.of(), "frobnicate");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("unknown command: frobnicate"), unknown.err);
    }

    @Test
    void consoleRejectsUnknownOptionsAndBoards() {
        assertEquals(2, new Run("", Map.of(), "console", "--colour").status);
        Run board = new Run("", Map.of(), "console", "--board", "no-such-board");
        assertEquals(2, board.status);
        assertTrue(board.err.contains("no such board: no-such-board"), board.err);
        assertTrue(board.err.contains("ccr2116"), "lists the known boards: " + board.err);
    }

    @Test
    void consoleHelp() {
        Run r = new Run("", Map.of(), "console", "--help");
        assertEquals(0, r.status);
        assertTrue(r.out.contains("--data DIR"), r.out);
    }
}
