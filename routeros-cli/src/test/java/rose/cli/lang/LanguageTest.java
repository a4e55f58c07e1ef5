package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.cli.db.Item;

/** Navigation, item references, find/where and the common commands (reference 01 §2-§6). */
class LanguageTest {
    private final Console c = new Console();

    private List<Item> items(String menu) {
        return c.router.db().state().items(menu);
    }

    private String chains() {
        StringBuilder sb = new StringBuilder();
        for (Item i : items("ip firewall filter")) sb.append(i.get("comment")).append(' ');
        return sb.toString().trim();
    }

    @Test
    void navigationChangesThePromptAndRelativeCommandsUseIt() {
        assertEquals("[admin@MikroTik] > ", c.session.prompt());
        c.ok("/ip ipsec peer");
        assertEquals("[admin@MikroTik] /ip/ipsec/peer> ", c.session.prompt());
        c.ok("add address=10.0.0.1/32");
        c.ok("..");
        assertEquals("ip ipsec", c.session.currentPath());
        c.ok(".. firewall filter add chain=input comment=x");
        assertEquals("ip ipsec", c.session.currentPath(), "a path with a command does not move the session");
        c.ok("/");
        assertEquals("", c.session.currentPath());
        c.ok("/ip/ipsec/profile");
        assertEquals("ip ipsec profile", c.session.currentPath());
        assertEquals(1, items("ip ipsec peer").size());
        assertEquals(1, items("ip firewall filter").size());
    }

    @Test
    void abbreviationsOfMenusAndCommandsWork() {
        c.ok("/ip fire fil ad chain=input comment=a");
        assertEquals("a", chains());
    }

    @Test
    void identityChangesThePrompt() {
        c.ok("/system identity set name=edge-1");
        assertEquals("[admin@edge-1] > ", c.session.prompt());
    }

    @Test
    void itemsByNumberListRangeIdAndName() {
        for (String n : List.of("a", "b", "c", "d", "e")) c.ok("/ip firewall filter add chain=input comment=" + n);
        c.ok("/ip firewall filter print");
        c.ok("/ip firewall filter remove 0,2");
        assertEquals("b d e", chains(), "numbers come from the last print, not from the shrinking list");
        c.ok("/ip firewall filter print");
        c.ok("/ip firewall filter disable 0-1");
        assertEquals("yes", items("ip firewall filter").get(1).get("disabled"));
        String id = items("ip firewall filter").get(2).idText();
        c.ok("/ip firewall filter set " + id + " comment=E");
        assertEquals("b d E", chains());
        c.ok("/ip ipsec profile add name=p1");
        c.ok("/ip ipsec profile set p1 lifetime=8h");
        assertEquals("8h", items("ip ipsec profile").get(1).get("lifetime"));
    }

    @Test
    void findWithWhereAndWithArguments() {
        c.ok("/ip firewall filter add chain=input protocol=udp dst-port=500 comment=ike",
                "/ip firewall filter add chain=forward comment=fwd",
                "/ip firewall filter add chain=input action=drop comment=drop disabled=yes");
        assertEquals("*" + Integer.toHexString(items("ip firewall filter").get(1).id()).toUpperCase() + "\n",
                c.run(":put [/ip firewall filter find chain=forward]"));
        assertEquals("2\n", c.run(":put [:len [/ip firewall filter find where chain=input]]"));
        assertEquals("1\n", c.run(":put [:len [/ip firewall filter find where chain=input and !disabled]]"));
        assertEquals("1\n", c.run(":put [:len [/ip firewall filter find where comment~\"^dr\"]]"));
        assertEquals("2\n", c.run(":put [:len [/ip firewall filter find where chain=input or comment=fwd and disabled]]"));
        assertEquals("1\n", c.run(":put [:len [/ip firewall filter find where dst-port=500]]"));
        assertEquals("1\n", c.run(":put [:len [/ip firewall filter find disabled=yes]]"));
        c.ok("/ip firewall filter remove [find where chain=input]");
        assertEquals("fwd", chains());
    }

    @Test
    void whereComparesTimesAndNumbersByValue() {
        c.ok("/ip ipsec profile add name=short lifetime=30m", "/ip ipsec profile add name=long lifetime=2d");
        assertEquals("1\n", c.run(":put [:len [/ip ipsec profile find where lifetime>1d]]"));
        assertEquals("2\n", c.run(":put [:len [/ip ipsec profile find where lifetime<=1d]]"), "short and default (1d)");
        c.ok("/ip route add dst-address=10.0.0.0/8 gateway=1.1.1.1 distance=20");
        assertEquals("1\n", c.run(":put [:len [/ip route find where distance>5]]"));
        assertEquals("1\n", c.run(":put [:len [/ip route find where dst-address in 10.0.0.0/7]]"));
        assertEquals("0\n", c.run(":put [:len [/ip route find where dst-address in 192.168.0.0/16]]"));
    }

    @Test
    void moveAndPlaceBefore() {
        for (String n : List.of("a", "b", "c")) c.ok("/ip firewall filter add chain=input comment=" + n);
        c.ok("/ip firewall filter add chain=input comment=first place-before=0");
        assertEquals("first a b c", chains());
        c.ok("/ip firewall filter print", "/ip firewall filter move 3 1");
        assertEquals("first c a b", chains());
        c.ok("/ip firewall filter print", "/ip firewall filter move 0");
        assertEquals("c a b first", chains());
    }

    @Test
    void unsetEnableCommentCopyFrom() {
        c.ok("/ip firewall filter add chain=input protocol=tcp dst-port=22 comment=ssh");
        c.ok("/ip firewall filter unset 0 dst-port");
        assertFalse(items("ip firewall filter").get(0).isSet("dst-port"));
        c.ok("/ip firewall filter set 0 !protocol");
        assertFalse(items("ip firewall filter").get(0).isSet("protocol"));
        c.ok("/ip firewall filter disable 0", "/ip firewall filter enable 0");
        assertFalse(items("ip firewall filter").get(0).isSet("disabled"), "enable restores, export stays clean");
        c.ok("/ip firewall filter comment 0 comment=\"new text\"");
        assertEquals("new text", items("ip firewall filter").get(0).get("comment"));
        c.ok("/ip firewall filter add copy-from=0 action=drop");
        assertEquals("new text", items("ip firewall filter").get(1).get("comment"));
        assertEquals("drop", items("ip firewall filter").get(1).get("action"));
    }

    @Test
    void defaultItemsCannotBeRemovedAndSettingThemIsTracked() {
        assertEquals("failure: can not remove default item\n", c.run("/ip ipsec profile remove default"));
        c.ok("/ip ipsec profile set [ find default=yes ] dpd-interval=2m");
        assertEquals("2m", items("ip ipsec profile").get(0).get("dpd-interval"), "set even though equal to the default");
    }

    @Test
    void getReturnsValues() {
        c.ok("/ip ipsec proposal add name=p enc-algorithms=aes-128-gcm auth-algorithms=\"\"");
        assertEquals("aes-128-gcm\n", c.run(":put [/ip ipsec proposal get p enc-algorithms]"));
        assertEquals("30m\n", c.run(":put [/ip ipsec proposal get p lifetime]"), "defaults come through get");
        assertEquals("MikroTik\n", c.run(":put [/system identity get name]"));
    }

    @Test
    void valuesAreCanonicalised() {
        c.ok("/ip firewall filter add chain=input src-address=10.1.2.3/8 comment=x");
        assertEquals("10.0.0.0/8", items("ip firewall filter").get(0).get("src-address"));
        c.ok("/ip ipsec profile add name=t lifetime=1d00:00:00");
        assertEquals("1d", items("ip ipsec profile").get(1).get("lifetime"));
        c.ok("/ip firewall filter add chain=input in-interface-list=!all comment=neg");
        assertEquals("!all", items("ip firewall filter").get(1).get("in-interface-list"));
        c.ok("/ip firewall filter add chain=input protocol=6 comment=n");
        assertEquals("tcp", items("ip firewall filter").get(2).get("protocol"));
    }

    @Test
    void ruleNamingMissingInterfaceIsKeptAndFlaggedInvalid() {
        c.ok("/ip firewall filter add chain=forward in-interface=lan action=accept");
        String out = c.run("/ip firewall filter print");
        assertTrue(out.matches("(?s).*\\n ?0 +I.*"), out);
        c.ok("/interface ethernet set ether2 name=lan");
        String after = c.run("/ip firewall filter print");
        assertFalse(after.matches("(?s).*\\n ?0 +I.*"), after);
    }

    @Test
    void scriptingBasics() {
        assertEquals("3\n", c.run(":local a 1; :local b 2; :put ($a + $b)"));
        assertEquals("yes\n", c.run(":if (1 < 2) do={ :put yes } else={ :put no }"));
        assertEquals("a\nb\n", c.run(":foreach x in={\"a\";\"b\"} do={ :put $x }"));
        c.ok(":global g 5");
        assertEquals("5\n", c.run(":global g; :put $g"));
        c.ok(":log info \"hello from script\"");
        assertTrue(c.router.log().entries().stream().anyMatch(e -> e.message().equals("hello from script")
                && e.topics().equals("script,info")));
        assertEquals("1\n2\n3\n", c.run(":for i from=1 to=3 do={ :put $i }"));
        assertEquals("caught\n", c.run(":do { :error \"x\" } on-error={ :put caught }"));
        c.ok(":foreach i in=[/ip ipsec profile find] do={ /ip ipsec profile set $i dpd-maximum-failures=4 }");
        assertEquals("4", items("ip ipsec profile").get(0).get("dpd-maximum-failures"));
    }

    @Test
    void stringEscapes() {
        assertEquals("a\"b\\c\td$e?\n", c.run(":put \"a\\\"b\\\\c\\td\\$e\\?\""));
        assertEquals("AB\n", c.run(":put \"\\41\\42\""));
    }

    @Test
    void lineContinuationAndComments() {
        c.ok("/ip firewall filter add chain=input \\\n    comment=joined # trailing comment");
        assertEquals("joined", chains());
    }

    @Test
    void completionOffersMenusCommandsArgumentsAndValues() {
        assertTrue(c.session.complete("/ip ips").contains("ipsec"));
        assertTrue(c.session.complete("/ip ipsec peer ").contains("add"));
        assertTrue(c.session.complete("/ip ipsec peer add exch").contains("exchange-mode="));
        assertEquals(List.of("exchange-mode=ike2"), c.session.complete("/ip ipsec peer add exchange-mode=ik"));
        c.ok("/ip ipsec profile add name=office");
        assertTrue(c.session.complete("/ip ipsec peer add profile=").contains("profile=office"));
        assertTrue(c.session.help("/ip ipsec peer add exchange-mode=").contains("aggressive"));
        assertTrue(c.session.help("/ip ipsec ").contains("peer"));
    }

    @Test
    void renamingAnItemRenamesItsReferences() {
        c.ok("/ip address add address=10.0.0.1/24 interface=ether2",
                "/ip firewall filter add chain=forward in-interface=!ether2 out-interface=ether3 comment=r",
                "/interface list add name=LAN", "/interface list member add list=LAN interface=ether2",
                "/ip ipsec profile add name=old", "/ip ipsec peer add address=1.2.3.4/32 profile=old");
        c.ok("/interface ethernet set ether2 name=lan", "/ip ipsec profile set old name=new",
                "/interface list set LAN name=inside");
        var st = c.router.db().state();
        assertEquals("lan", st.items("ip address").get(0).get("interface"));
        assertEquals("!lan", st.items("ip firewall filter").get(0).get("in-interface"));
        assertEquals("ether3", st.items("ip firewall filter").get(0).get("out-interface"));
        assertEquals("lan", st.items("interface list member").get(0).get("interface"));
        assertEquals("inside", st.items("interface list member").get(0).get("list"));
        assertEquals("new", st.items("ip ipsec peer").get(0).get("profile"));
    }
}
