package rose.appliance.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rose.cli.RootCommand;
import rose.cli.RouterOs;
import rose.cli.Watched;
import rose.cli.console.InteractiveConsole;
import rose.cli.lang.Session;

/**
 * Ctrl-C on the SSH console stops a running command (as it stops {@code /ping} on RouterOS),
 * the session goes on, and what the command printed arrived while it ran, not at its end.
 */
class ConsoleInterruptTest {
    /** Prints a tick every 10 ms until its thread is interrupted; says whether a person watched. */
    private static final class Loop implements RootCommand {
        @Override public String name() { return "loop"; }
        @Override public List<String> arguments() { return List.of(); }
        @Override public void run(Map<String, String> args, Appendable out) throws java.io.IOException {
            out.append(out instanceof Watched ? "watched\n" : "unwatched\n");
            try {
                while (true) {
                    out.append("tick\n");
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                out.append("stopped\n");
            }
        }
    }

    @Test
    @Timeout(30)
    void ctrlCStopsTheRunningCommandAndTheSessionGoesOn() throws Exception {
        RouterOs router = RouterOs.inMemory();
        router.addCommand(new Loop());
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExternalTerminal t = ConsoleShell.terminal("vt100", in, out);
        t.setSize(new Size(200, 24));
        Thread console = new Thread(() -> {
            try {
                new InteractiveConsole(new Session(router, "admin"), t, null, "").run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        console.start();
        keys.write("/loop\r".getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        awaitText(out, "tick\r\ntick");                 // flushed while running
        keys.write(3);                                  // Ctrl-C
        keys.flush();
        awaitText(out, "stopped");
        keys.write("/system identity print\r/quit\r".getBytes(StandardCharsets.US_ASCII));
        keys.flush();
        console.join(10_000);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("watched"), text);
        assertEquals(-1, text.indexOf("unwatched"), text);
        assertTrue(text.indexOf("name: MikroTik") > text.indexOf("stopped"), "the session went on: " + text);
        t.close();
    }

    private static void awaitText(ByteArrayOutputStream out, String text) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.currentTimeMillis() > end) throw new AssertionError("no '" + text + "' in " + out);
            Thread.sleep(10);
        }
    }
}
