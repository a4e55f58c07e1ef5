package rose.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogicalLinesTest {
    private static List<String> lines(String script) throws IOException {
        LogicalLines in = new LogicalLines(new BufferedReader(new StringReader(script)));
        List<String> out = new ArrayList<>();
        for (String l = in.next(); l != null; l = in.next()) out.add(l);
        return out;
    }

    @Test
    void skipsBlankAndCommentLines() throws IOException {
        assertEquals(List.of("/ip address print", "  /system identity print"),
                lines("# header\n\n/ip address print\n   \n  # indented comment\n  /system identity print\n"));
    }

    @Test
    void joinsLinesEndingInBackslash() throws IOException {
        assertEquals(List.of("/ip firewall filter add chain=forward     action=drop", "print"),
                lines("/ip firewall filter add chain=forward \\\n    action=drop\nprint\n"));
    }

    @Test
    void aCommentIsNeverContinued() throws IOException {
        assertEquals(List.of("print"), lines("# a comment \\\nprint\n"));
    }

    @Test
    void hashInsideAContinuedStringIsText() throws IOException {
        assertEquals(List.of(":put \"a#b\""), lines(":put \"a\\\n#b\"\n"));
    }

    @Test
    void escapedBackslashInsideStringDoesNotContinue() throws IOException {
        assertEquals(List.of(":put \"a\\\\\"", "print"), lines(":put \"a\\\\\"\nprint\n"));
    }

    @Test
    void trailingCommentIsPassedOn() throws IOException {
        assertEquals(List.of("print # all of it"), lines("print # all of it\n"));
    }

    @Test
    void crlfAndMissingFinalNewline() throws IOException {
        assertEquals(List.of("a", "b"), lines("a\r\nb"));
        assertEquals(List.of("a "), lines("a \\\n"));
    }

    @Test
    void openBlocksContinueOnTheNextLines() throws IOException {
        assertEquals(List.of(":foreach i in=[/ip route find] do={\n  :put $i\n  :put \"}\"\n}", "print"),
                lines(":foreach i in=[/ip route find] do={\n  :put $i\n  :put \"}\"\n}\nprint\n"));
        assertEquals(List.of(":if (1 < 2) do={ # a { in a comment\n:put yes }"),
                lines(":if (1 < 2) do={ # a { in a comment\n:put yes }\n"));
    }
}
