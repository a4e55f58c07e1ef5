package rose.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CompletionWordTest {
    private static String word(String before, List<String> candidates) {
        return before.substring(CompletionWord.start(before, candidates));
    }

    @Test
    void plainWord() {
        assertEquals("fi", word("/ip fi", List.of("firewall")));
        assertEquals("", word("/ip ", List.of("address", "firewall")));
    }

    @Test
    void valueAfterEquals() {
        assertEquals("forw", word("add chain=forw", List.of("forward")));
        assertEquals("chain=forw", word("add chain=forw", List.of("chain=forward")));
        assertEquals("", word("add chain=", List.of("forward", "input")));
    }

    @Test
    void slashSeparatedPath() {
        assertEquals("fi", word("/ip/fi", List.of("firewall")));
        assertEquals("/ip/fi", word("/ip/fi", List.of("/ip/firewall")));
    }

    @Test
    void noCandidatesUsesTheLastDelimiter() {
        assertEquals("xy", word("add chain=xy", List.of()));
    }
}
