package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rose console < script.rsc}: the console as a serial line fed a script, in-process. */
class ConsoleScriptTest {
    @TempDir
    Path data;

    private MainTest.Run console(String script) {
        return new MainTest.Run(script, Map.of(), "console", "--data", data.toString(), "--board", "hex-rb750gr3");
    }

    /** The line echoed for {@code command} after a prompt of {@code identity} at the root. */
    private static Pattern echo(String identity, String command) {
        return Pattern.compile("\\[admin@" + Pattern.quote(identity) + "\\] ?> " + Pattern.quote(command));
    }

    private static int indexOf(List<String> lines, Pattern p, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) return i;
        }
        return -1;
    }

    @Test
    void echoesEachLogicalLineAfterThePromptThenItsOutput() {
        MainTest.Run r = console(String.join("\n",
                "# set up the router",
                "/system identity set name=R1",
                "",
                "/system identity print",
                "/system identity \\",
                "    print",
                ""));
        List<String> lines = r.out.lines().toList();
        assertEquals(0, r.status, r.out + r.err);
        assertEquals(-1, indexOf(lines, Pattern.compile(".*set up the router.*"), 0), "comments are not run: " + r.out);
        int set = indexOf(lines, echo("MikroTik", "/system identity set name=R1"), 0);
        assertEquals(0, set, r.out);
        int print = indexOf(lines, echo("R1", "/system identity print"), set + 1);
        assertEquals(set + 1, print, "set prints nothing; the prompt shows the new identity: " + r.out);
        assertEquals("name: R1", lines.get(print + 1).strip(), r.out);
        int joined = indexOf(lines, echo("R1", "/system identity     print"), print + 2);
        assertEquals(print + 2, joined, "a trailing backslash joins lines: " + r.out);
        assertEquals("name: R1", lines.get(joined + 1).strip(), r.out);
    }

    @Test
    void goesOnAfterAFailedCommandAndExitsWithOne() {
        MainTest.Run r = console("/no-such-command\n/system identity set name=after\n/system identity print\n");
        assertEquals(1, r.status, r.out + r.err);
        List<String> lines = r.out.lines().toList();
        int bad = indexOf(lines, echo("MikroTik", "/no-such-command"), 0);
        assertEquals(0, bad, r.out);
        assertFalse(lines.get(1).startsWith("["), "the failure is reported: " + r.out);
        assertTrue(r.out.contains("name: after"), "the script goes on: " + r.out);
    }

    @Test
    void quitEndsTheSession() {
        MainTest.Run r = console("/system identity set name=before\n/quit\n/system identity set name=after\n");
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("/quit"), r.out);
        assertFalse(r.out.contains("name=after"), "nothing runs after quit: " + r.out);
    }

    @Test
    void dataDirectoryComesFromRoseDataWithoutDataOption() {
        Path dir = data.resolve("from-env");
        MainTest.Run r = new MainTest.Run("/system identity print\n", Map.of("ROSE_DATA", dir.toString()),
                "console", "--board", "chr");
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(Files.isDirectory(dir), "the data directory is created");
    }

    @Test
    void aDataDirectoryThatCannotBeOpenedIsReported() throws Exception {
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");
        MainTest.Run r = new MainTest.Run("", Map.of(), "console", "--data", file.toString(), "--board", "chr");
        assertEquals(1, r.status);
        assertTrue(r.err.startsWith("rose console: cannot open data directory " + file), r.err);
    }

    @Test
    void configurationSurvivesARestart() {
        assertEquals(0, console("/system identity set name=kept\n").status);
        MainTest.Run again = console("/system identity print\n");
        assertEquals(0, again.status, again.out + again.err);
        assertTrue(again.out.lines().findFirst().orElseThrow().startsWith("[admin@kept]"), again.out);
        assertTrue(again.out.contains("name: kept"), again.out);
    }
}
