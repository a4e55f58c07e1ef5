package rose.appliance.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import rose.cli.RouterOs;
import rose.cli.console.InteractiveConsole;
import rose.cli.lang.Session;

/** The SSH console's terminal: no keypad mode switches in the output, arrows in both encodings. */
class ConsoleShellTerminalTest {
    static String session(String type, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExternalTerminal t = ConsoleShell.terminal(type, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        t.setSize(new Size(200, 24));
        new InteractiveConsole(new Session(RouterOs.inMemory(), "admin"), t, null, "").run();
        t.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noKeypadApplicationModeAroundLines() throws Exception {
        String out = session("vt100", "/system identity print\r/quit\r");
        assertTrue(out.contains("name: MikroTik"), out);
        assertFalse(out.contains("\u001b>"), out);
        assertFalse(out.contains("\u001b="), out);
    }

    @Test
    void upArrowInNormalModeRecallsTheLastCommand() throws Exception {
        String out = session("xterm", "/system identity print\r\u001b[A\r/quit\r");
        assertEquals(2, out.split("name: MikroTik", -1).length - 1, out);
    }
}
