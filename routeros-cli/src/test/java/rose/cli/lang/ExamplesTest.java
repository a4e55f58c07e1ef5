package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import rose.cli.RouterOs;
import rose.cli.db.Item;

/** Every line users type (../shared/examples) is accepted, and export/import round-trips. */
class ExamplesTest {
    static List<String> files() throws Exception {
        return Examples.files();
    }

    /** /ping needs the dataplane (a later issue); everything else must be accepted now. */
    private static boolean needsDataplane(String line) {
        return line.startsWith("/ping");
    }

    static Console load(String file) throws Exception {
        Console c = new Console();
        for (String line : Examples.lines(file)) {
            if (needsDataplane(line)) continue;
            String out = c.run(line);
            assertTrue(c.lastOk, file + ": refused: " + line + "\n" + out);
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyLineIsAccepted(String file) throws Exception {
        load(file);
    }

    private static String body(String export) {
        // the first line carries the date and time of the export
        return export.substring(export.indexOf('\n') + 1);
    }

    @ParameterizedTest
    @MethodSource("files")
    void exportImportExportIsIdentical(String file, @TempDir Path dir) throws Exception {
        Console first = load(file);
        String export = first.run("/export show-sensitive");
        Files.writeString(dir.resolve("cfg.rsc"), export);
        Console second = new Console();
        second.router.setFilesDir(dir);
        String out = second.run("/import file-name=cfg.rsc");
        assertTrue(second.lastOk, out);
        assertTrue(out.endsWith("Script file loaded and executed successfully\n"), out);
        assertEquals(body(export), body(second.run("/export show-sensitive")));
        assertEquals(body(first.run("/export verbose")), body(second.run("/export verbose")));
    }

    @Test
    void secretsAppearOnlyWithShowSensitive() throws Exception {
        Console c = load("guide-ipsec-firewall.rsc");
        assertFalse(c.run("/export").contains("YourSecurePreSharedKey123"));
        assertFalse(c.run("/ip ipsec identity print detail").contains("YourSecurePreSharedKey123"));
        assertTrue(c.run("/export show-sensitive").contains("secret=YourSecurePreSharedKey123"));
    }

    @Test
    void ruleNamingFutureInterfaceIsKeptInvalidAndAnnotated() throws Exception {
        Console c = load("guide-ipsec-firewall.rsc");
        Item rule = c.router.db().state().items("ip firewall filter").get(4);
        assertEquals("lan", rule.get("out-interface"));
        assertTrue(c.run("/ip firewall filter print").contains(" 4 I"), c.run("/ip firewall filter print"));
        assertTrue(c.run("/ip firewall filter export").contains("# lan not ready\n"));
    }

    @Test
    void seattleAndBoiseV6PeersBecomeProfileIdentityAndPeer() throws Exception {
        for (String[] site : new String[][] {{"site-seattle.rsc", "87.16.79.2/32", "my_secret"},
                {"site-boise.rsc", "165.95.23.2/32", "my_great_secret"}}) {
            Console c = load(site[0]);
            RouterOs r = c.router;
            List<Item> peers = r.db().state().items("ip ipsec peer");
            assertEquals(1, peers.size());
            Item peer = peers.get(0);
            assertEquals(site[1], peer.get("address"));
            assertEquals("peer1", peer.get("name"));
            assertEquals("peer1", peer.get("profile"));
            Item profile = r.db().state().items("ip ipsec profile").get(1);
            assertEquals("peer1", profile.get("name"));
            assertEquals("aes-128", profile.get("enc-algorithm"));
            assertEquals("no", profile.get("nat-traversal"));
            Item identity = r.db().state().items("ip ipsec identity").get(0);
            assertEquals("peer1", identity.get("peer"));
            assertEquals(site[2], identity.get("secret"));
            assertTrue(r.log().entries().stream().anyMatch(e -> e.topics().startsWith("ipsec")
                    && e.message().contains("migrated pre-6.43 peer peer1")));
            String export = c.run("/ip ipsec export show-sensitive");
            assertTrue(export.contains("/ip ipsec profile\nadd enc-algorithm=aes-128 name=peer1 nat-traversal=no\n"), export);
            assertTrue(export.contains("/ip ipsec identity\nadd peer=peer1 secret=" + site[2] + "\n"), export);
        }
    }

    @Test
    void olderExportLinesMigrate() {
        Console c = new Console();
        c.ok("/ip ipsec peer add address=0.0.0.0/0 dh-group=modp2048 enc-algorithm=aes-256,aes-128,3des "
                + "exchange-mode=main-l2tp generate-policy=port-override passive=yes secret=xyz");
        c.ok("/ip ipsec peer add exchange-mode=main-l2tp generate-policy=yes hash-algorithm=sha1 nat-traversal=yes secret=rahasia");
        c.ok("/ip ipsec proposal set [ find default=yes ] enc-algorithms=3des,aes-256");
        var st = c.router.db().state();
        assertEquals("main", st.items("ip ipsec peer").get(0).get("exchange-mode"));
        assertEquals("port-override", st.items("ip ipsec identity").get(1).get("generate-policy"));
        assertEquals("3des,aes-256-cbc", st.items("ip ipsec proposal").get(0).get("enc-algorithms"));
        c.ok("/ip ipsec peer set peer1 secret=changed lifetime=2h");
        var after = c.router.db().state();
        assertEquals("changed", after.items("ip ipsec identity").get(0).get("secret"));
        assertTrue(after.items("ip ipsec profile").stream()
                .anyMatch(i -> "peer1".equals(i.get("name")) && "2h".equals(i.get("lifetime"))));
    }
}
