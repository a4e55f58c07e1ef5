package rose.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.cli.RouterOs;
import rose.cli.lang.Session;

class ScriptConsoleTest {
    private final Session session = new Session(RouterOs.inMemory(), "admin");
    private final StringBuilder out = new StringBuilder();

    private int run(String script) throws IOException {
        return new ScriptConsole(session).run(new BufferedReader(new StringReader(script)), out);
    }

    @Test
    void echoesThePromptAndLineBeforeTheOutput() throws IOException {
        String firstPrompt = session.prompt();
        assertEquals(0, run("/system identity set name=R1\n/system identity print\n"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(firstPrompt + "/system identity set name=R1", lines.get(0));
        assertEquals(session.prompt() + "/system identity print", lines.get(1));
        assertTrue(session.prompt().contains("@R1]"), session.prompt());
        assertEquals("name: R1", lines.get(2).strip());
    }

    @Test
    void aFailedCommandMakesTheStatusOneAndTheScriptGoesOn() throws IOException {
        assertEquals(1, run("/no-such-command\n/system identity set name=later\n"));
        assertTrue(session.prompt().contains("@later]"), "the line after the failure ran");
    }

    @Test
    void everyPromptStartsALine() throws IOException {
        run(":put \"no newline?\"\n/system identity print\n");
        for (String l : out.toString().lines().toList()) {
            if (l.contains("/system identity print")) assertTrue(l.startsWith("["), l);
        }
    }

    @Test
    void quitStops() throws IOException {
        assertEquals(0, run("quit\n/system identity set name=never\n"));
        assertFalse(out.toString().contains("never"));
    }
}
