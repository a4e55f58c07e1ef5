package rose.cli.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * rose-honours / rose-refuses: a RouterOS setting ROSE cannot carry out keeps the values it
 * honours and refuses the others with the reason, instead of storing and ignoring them.
 */
class HonouredValuesTest {
    private static final Menu TRACKING = Schema.builtIn().require("ip firewall connection tracking");

    private static Property p(String name) { return TRACKING.properties().get(name); }

    @Test
    void anHonouredValueIsAcceptedInAnySpelling() throws ValueException {
        assertEquals("yes", Values.canonical(p("liberal-tcp-tracking"), "true"));
        assertEquals("5m", Values.canonical(p("tcp-unacked-timeout"), "300s"), "compared after canonical form");
        assertEquals("5m", Values.canonical(p("tcp-max-retrans-timeout"), "00:05:00"));
    }

    @Test
    void anyOtherValueIsRefusedWithTheReason() {
        ValueException e = assertThrows(ValueException.class, () -> Values.canonical(p("liberal-tcp-tracking"), "no"));
        assertEquals("failure: liberal-tcp-tracking=no is not supported: ROSE tracks TCP by its flags without checking"
                + " sequence windows, so tracking is always liberal", e.getMessage());
        e = assertThrows(ValueException.class, () -> Values.canonical(p("tcp-unacked-timeout"), "1m"));
        assertTrue(e.getMessage().contains("tcp-unacked-timeout=1m is not supported"), e.getMessage());
    }

    @Test
    void aBadValueIsStillASyntaxErrorFirst() {
        ValueException e = assertThrows(ValueException.class, () -> Values.canonical(p("liberal-tcp-tracking"), "maybe"));
        assertTrue(e.getMessage().startsWith("input does not match"), e.getMessage());
    }

    @Test
    void propertiesWithoutTheKeyAreUntouched() throws ValueException {
        assertTrue(p("udp-timeout").honoured().isEmpty());
        assertEquals("3s", Values.canonical(p("udp-timeout"), "3s"));
    }
}
