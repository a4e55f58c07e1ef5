package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.cli.RouterOs;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;
import rose.cli.lang.Session;
import rose.cli.schema.Schema;
import rose.cli.status.Hardware;
import rose.cli.status.SystemLog;

/** {@code /system history}, {@code /undo} and {@code /redo}. */
class HistoryTest {
    final RouterOs router = RouterOs.inMemory();
    final Session admin = new Session(router, "admin");

    static String run(Session s, String text) {
        StringBuilder out = new StringBuilder();
        s.execute(text, out);
        return out.toString();
    }

    String export() {
        return run(admin, "/export terse").replaceAll("(?m)^#.*\\n", "");
    }

    @Test
    void historyListsActionsByWhoAndPolicy() {
        run(admin, "/ip address add address=10.0.0.1/24 interface=ether1");
        run(admin, "/ip route add dst-address=0.0.0.0/0 gateway=10.0.0.254");
        run(admin, "/system identity set name=edge");
        String print = run(admin, "/system history print");
        assertTrue(print.contains("Columns: ACTION, BY, POLICY"), print);
        assertTrue(print.matches("(?s).*U\\s+address 10\\.0\\.0\\.1/24 added\\s+admin\\s+write.*"), print);
        assertTrue(print.matches("(?s).*U\\s+route 0\\.0\\.0\\.0/0 added\\s+admin\\s+write.*"), print);
        assertTrue(print.matches("(?s).*U\\s+identity changed\\s+admin\\s+write.*"), print);
        assertTrue(print.indexOf("address 10.0.0.1/24") < print.indexOf("identity changed"), "oldest first: " + print);
        run(admin, "/user add name=ops group=read password=pw");
        assertTrue(run(admin, "/system history print").matches("(?s).*user ops added\\s+admin\\s+policy.*"));
    }

    @Test
    void undoRevertsTheLastActionAndRedoAppliesItAgain() {
        run(admin, "/ip address add address=10.0.0.1/24 interface=ether1");
        String before = export();
        run(admin, "/ip address set [find] address=10.0.0.2/24 comment=moved");
        run(admin, "/ip address add address=10.9.9.9/24 interface=ether2");
        String after = export();
        assertEquals("", run(admin, "/undo"));
        assertFalse(export().contains("10.9.9.9"));
        assertEquals("", run(admin, "/undo"));
        assertEquals(before, export(), "both undone: exactly as before");
        String print = run(admin, "/system history print");
        assertTrue(print.matches("(?s).*R\\s+address 10\\.0\\.0\\.2/24 changed.*R\\s+address 10\\.9\\.9\\.9/24 added.*"), print);
        assertEquals("", run(admin, "/redo"));
        assertEquals("", run(admin, "/redo"));
        assertEquals(after, export());
        assertTrue(run(admin, "/redo").contains("failure: nothing to redo"));
        // a new action forgets what could be redone
        run(admin, "/undo");
        run(admin, "/system identity set name=x");
        assertTrue(run(admin, "/redo").contains("failure: nothing to redo"));
    }

    @Test
    void undoOfRemoveAndMovePutsItemsBackInTheirPlaces() {
        for (int i = 1; i <= 4; i++) run(admin, "/ip firewall filter add chain=forward action=accept comment=r" + i);
        String before = export();
        run(admin, "/ip firewall filter print");
        assertEquals("", run(admin, "/ip firewall filter remove 1,3"));
        assertEquals("", run(admin, "/ip firewall filter move [find comment=r3] destination=[find comment=r1]"));
        assertTrue(export().matches("(?s).*comment=r3\n.*comment=r1\n.*"), export());
        assertTrue(run(admin, "/system history print").matches("(?s).*filter forward, forward removed.*filter forward moved.*"));
        run(admin, "/undo");
        run(admin, "/undo");
        assertEquals(before, export());
    }

    @Test
    void undoIsOneTransactionAndRefusesOverLaterUnrecordedChanges() {
        run(admin, "/ip address add address=10.0.0.1/24 interface=ether1");
        long v = router.db().state().version();
        run(admin, "/undo");
        assertEquals(v + 1, router.db().state().version(), "one commit");
        run(admin, "/redo");
        // the router itself (no session) changes the item: undo must not clobber it
        Item it = router.db().state().items("ip address").get(0);
        router.db().write(tx -> {
            tx.replace("ip address", it.with(java.util.Map.of("comment", "by the system")));
            return null;
        });
        String before = export();
        assertTrue(run(admin, "/undo").contains(History.CHANGED_SINCE));
        assertEquals(before, export());
    }

    @Test
    void nothingToUndoAndFailedCommandsAreNotActions() {
        assertTrue(run(admin, "/undo").contains("failure: nothing to undo"));
        run(admin, "/ip address add address=bogus interface=ether1");
        assertTrue(run(admin, "/undo").contains("failure: nothing to undo"));
        assertEquals("", run(admin, "/system history print").replaceAll("(?m)^(Flags|Columns).*\\n", "").trim()
                .replaceAll("^ACTION\\s+BY\\s+POLICY$", ""));
    }

    @Test
    void writeUserCannotUndoAUserChangeNorReadUserAnything() throws Exception {
        run(admin, "/user group add name=writers policy=local,ssh,read,write,test");
        run(admin, "/user add name=w group=writers password=pw");
        run(admin, "/user add name=r group=read password=pw");
        Authenticator auth = new Authenticator(router, new LoginThrottle());
        Session w = new Session(router, auth.local("w"));
        Session r = new Session(router, auth.local("r"));
        assertTrue(run(w, "/undo").contains("not enough permissions (9)"), "the last action is a /user change");
        assertTrue(router.db().state().items("user").stream().anyMatch(u -> "r".equals(u.get("name"))));
        run(w, "/system identity set name=by-w");
        assertTrue(run(r, "/undo").contains("not enough permissions (9)"));
        assertEquals("", run(w, "/undo"));
        assertTrue(run(admin, "/system identity print").contains("name: MikroTik"));
        assertTrue(run(admin, "/system history print").matches("(?s).*R\\s+identity changed\\s+w\\s+write.*"));
    }

    @Test
    void safeModeActionsAreFloatingAndUnrollForgetsThem() {
        Session a = new Session(router, "admin");
        run(a, "/ip address add address=10.0.0.1/24 interface=ether1");
        router.db().safeMode().take(a, m -> { });
        run(a, "/ip route add dst-address=0.0.0.0/0 gateway=10.0.0.254");
        String print = run(a, "/system history print");
        assertTrue(print.matches("(?s).*U\\s+address 10\\.0\\.0\\.1/24 added.*F\\s+route 0\\.0\\.0\\.0/0 added\\s+admin\\s+write.*"), print);
        assertTrue(a.end());
        print = run(admin, "/system history print");
        assertFalse(print.contains("route"), print);
        assertTrue(print.contains("address 10.0.0.1/24 added"), print);
    }

    @Test
    void historyIsEmptyAfterARestartButUndoneStateIsKept(@TempDir Path dir) throws Exception {
        try (Database db = new Database(FileConfigStore.open(dir))) {
            RouterOs r = new RouterOs(Schema.builtIn(), db, Hardware.genericX86(), m -> java.util.List.of(), new SystemLog());
            Session s = new Session(r, "admin");
            run(s, "/ip address add address=10.0.0.1/24 interface=ether1");
            run(s, "/ip address add address=10.0.0.2/24 interface=ether1");
            run(s, "/undo");
        }
        try (Database db = new Database(FileConfigStore.open(dir))) {
            RouterOs r = new RouterOs(Schema.builtIn(), db, Hardware.genericX86(), m -> java.util.List.of(), new SystemLog());
            Session s = new Session(r, "admin");
            String addrs = run(s, "/ip address print");
            assertTrue(addrs.contains("10.0.0.1/24") && !addrs.contains("10.0.0.2/24"), addrs);
            assertTrue(run(s, "/undo").contains("failure: nothing to undo"));
        }
    }

    @Test
    void undoAndRedoAreRootCommandsWithHelp() {
        String help = admin.help("/");
        assertTrue(help.contains("undo") && help.contains("Undo previous action"), help);
        assertTrue(admin.complete("/re").contains("redo"));
    }
}
