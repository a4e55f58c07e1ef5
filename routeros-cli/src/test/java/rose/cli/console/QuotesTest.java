package rose.cli.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuotesTest {
    @Test
    void balancedOutsideStrings() {
        assertTrue(Quotes.balanced(""));
        assertTrue(Quotes.balanced("/ip address add comment=\"x y\" "));
        assertTrue(Quotes.balanced(":put \"a\\\"b\""));
    }

    @Test
    void unbalancedInsideAString() {
        assertFalse(Quotes.balanced("add comment=\"what"));
        assertFalse(Quotes.balanced(":put \"a\\\""));
    }

    @Test
    void continuation() {
        assertTrue(Quotes.continues(false, "add a=b \\"));
        assertTrue(Quotes.continues(false, "add comment=\"long \\"));
        assertFalse(Quotes.continues(false, ":put \"a\\\\\""));
        assertFalse(Quotes.continues(false, "print"));
    }
}
