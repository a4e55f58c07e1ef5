package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** print in every form, through the console (reference 01 §7). */
class PrintFormsTest {
    private final Console c = new Console();

    @BeforeEach
    void rules() {
        c.ok("/ip firewall filter add chain=input protocol=udp dst-port=500 action=accept comment=ike",
                "/ip firewall filter add chain=forward action=drop disabled=yes");
    }

    @Test
    void defaultRuleLayoutShowsFlagsCommentsAndValues() {
        String out = c.ok("/ip firewall filter print");
        assertTrue(out.startsWith("Flags: X - disabled, I - invalid; D - dynamic"), out);
        assertTrue(out.contains(" 0    ;;; ike\n      chain=input action=accept protocol=udp dst-port=500"), out);
        assertTrue(out.contains(" 1 X  chain=forward action=drop"), out);
    }

    @Test
    void whereFiltersButKeepsNumbers() {
        String out = c.ok("/ip firewall filter print where chain=forward");
        assertTrue(out.contains(" 1 X  chain=forward"), out);
        assertFalse(out.contains("chain=input"), out);
    }

    @Test
    void terseIsOneLinePerItem() {
        String out = c.ok("/ip firewall filter print terse");
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        assertTrue(lines[1].startsWith(" 1 X chain=forward action=drop"), out);
    }

    @Test
    void countOnlyAndAsValue() {
        assertEquals("2\n", c.ok("/ip firewall filter print count-only"));
        assertEquals("1\n", c.ok("/ip firewall filter print count-only where disabled"));
        String v = c.ok(":put [/ip firewall filter print as-value where chain=input]");
        assertTrue(v.contains("chain=input") && v.contains(".id=*"), v);
    }

    @Test
    void proplistRestrictsColumns() {
        String out = c.ok("/ip firewall filter print proplist=chain,action");
        assertTrue(out.contains("      chain=input action=accept \n"), out);
        assertFalse(out.contains("dst-port"), out);
        assertEquals("input does not match any value of proplist\n", c.run("/ip firewall filter print proplist=nope"));
    }

    @Test
    void detailShowsEveryProperty() {
        String out = c.ok("/ip ipsec proposal print detail");
        assertTrue(out.contains("auth-algorithms=sha1"), out);
        assertTrue(out.contains("pfs-group=modp1024"), out);
    }

    @Test
    void tablesAndSettings() {
        c.ok("/ip address add address=192.168.88.1/24 interface=ether2");
        String table = c.ok("/ip address print");
        assertTrue(table.contains("Columns: ADDRESS, NETWORK, INTERFACE"), table);
        assertTrue(table.contains("192.168.88.1/24  192.168.88.0  ether2"), table);
        assertEquals("  name: MikroTik\n", c.ok("/system identity print"));
    }

    @Test
    void briefAndValueListAndWithoutPaging() {
        assertTrue(c.ok("/ip firewall filter print brief").contains("CHAIN"));
        assertTrue(c.ok("/ip firewall filter print without-paging").contains("chain=input"));
        String vl = c.ok("/system identity print value-list");
        assertTrue(vl.contains("name: MikroTik"), vl);
    }
}
