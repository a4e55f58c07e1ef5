package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Error texts as RouterOS words them (reference 01 §12), and that a failed command changes nothing. */
class ErrorMessagesTest {
    private final Console c = new Console();

    @Test
    void unknownCommandNamesTheWordAndWhereItIs() {
        assertEquals("bad command name this (line 1 column 1)\n", c.run("this"));
        assertFalse(c.lastOk);
        assertEquals("bad command name dhcp-server (line 1 column 5)\n", c.run("/ip dhcp-server print"));
    }

    @Test
    void unknownArgumentIsExpectedEndOfCommandAtTheArgument() {
        assertEquals("expected end of command (line 1 column 24)\n", c.run("/system resource print bogus=1"));
    }

    @Test
    void emptyValueFollowedByAnotherArgumentIsReportedAtItsEqualsSign() {
        // RouterOS takes the next word as the empty value's value; the stray "=input" is then extra
        assertEquals("expected end of command (line 1 column 39)\n",
                c.run("/ip firewall filter add comment= chain=input"));
    }

    @Test
    void badEnumValue() {
        assertEquals("input does not match any value of action\n", c.run("/ip firewall filter add chain=forward action=foo"));
        assertEquals("ambiguous value of action, more than one possible value matches input\n",
                c.run("/ip firewall filter add chain=forward action=a"));
    }

    @Test
    void referenceToMissingItem() {
        assertEquals("input does not match any value of peer\n", c.run("/ip ipsec identity add peer=nope secret=x"));
    }

    @Test
    void missingItem() {
        assertEquals("no such item\n", c.run("/ip firewall filter remove 7"));
        assertEquals("no such item\n", c.run("/interface set ether99 mtu=1400"));
        assertEquals("no such item\n", c.run("/ip ipsec peer set *FFF comment=x"));
    }

    @Test
    void duplicateAddress() {
        c.ok("/ip address add address=10.0.0.1/24 interface=ether1");
        assertEquals("failure: already have such address\n", c.run("/ip address add address=10.0.0.1/24 interface=ether1"));
        assertEquals(1, c.router.db().state().items("ip address").size());
    }

    @Test
    void requiredArgument() {
        assertEquals("missing value(s) of argument(s) chain\n", c.run("/ip firewall filter add action=drop"));
    }

    @Test
    void numericRange() {
        assertEquals("value of distance out of range (1..255)\n", c.run("/ip route add dst-address=10.0.0.0/8 gateway=1.1.1.1 distance=300"));
    }

    @Test
    void failedCommandChangesNothingEvenWhenItsFirstPartWouldSucceed() {
        long before = c.router.db().state().version();
        // the v6 peer creates a profile first; the bad identity value must roll that back too
        String out = c.run("/ip ipsec peer add address=1.2.3.4/32 enc-algorithm=aes-128 auth-method=bogus");
        assertEquals("input does not match any value of auth-method\n", out);
        assertEquals(before, c.router.db().state().version());
        assertTrue(c.router.db().state().items("ip ipsec peer").isEmpty());
        assertEquals(1, c.router.db().state().items("ip ipsec profile").size(), "only the default profile");
    }

    @Test
    void syntaxErrorsInStringsAndBrackets() {
        assertEquals("syntax error (line 1 column 38)\n", c.run("/ip firewall filter add comment=\"open"));
        assertEquals("syntax error (line 1 column 6)\n", c.run(":put $nothing"));
    }

    @Test
    void positionsCountLinesInAScript() {
        StringBuilder out = new StringBuilder();
        assertFalse(c.session.execute("/ip address print\n/ip bogus print", out));
        assertEquals("bad command name bogus (line 2 column 5)\n", out.toString().substring(out.indexOf("bad")));
    }
}
