package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import rose.cli.RouterOs;
import rose.cli.console.InteractiveConsole;
import rose.cli.lang.Session;

/** Safe mode: changes undone when the holder ends without releasing, kept when it releases. */
class SafeModeTest {
    final RouterOs router = RouterOs.inMemory();
    final SafeMode safe = router.db().safeMode();

    String run(Session s, String text) {
        StringBuilder out = new StringBuilder();
        s.execute(text, out);
        return out.toString();
    }

    @Test
    void endingWithoutReleasingUndoesTheChanges() {
        Session a = new Session(router, "admin");
        run(a, "/ip address add address=10.0.0.1/24 interface=ether1");
        assertEquals(SafeMode.Take.TAKEN, safe.take(a, m -> { }));
        assertEquals("[admin@MikroTik] <SAFE> ", a.prompt());
        run(a, "/ip address add address=10.0.0.2/24 interface=ether2");
        run(a, "/ip address remove [find address=\"10.0.0.1/24\"]");
        run(a, "/system identity set name=safe");
        run(a, "/ip route");
        assertEquals("[safe@safe] /ip/route<SAFE> ".replace("safe@", "admin@"), a.prompt());
        assertTrue(a.end());
        String addrs = run(new Session(router, "admin"), "/ip address print");
        assertTrue(addrs.contains("10.0.0.1/24"), addrs);
        assertFalse(addrs.contains("10.0.0.2/24"), addrs);
        assertTrue(run(a, "/system identity print").contains("name: MikroTik"));
        assertFalse(safe.held());
        assertEquals("[admin@MikroTik] /ip/route> ", a.prompt());
    }

    @Test
    void releasingKeepsTheChanges() {
        Session a = new Session(router, "admin");
        safe.take(a, m -> { });
        run(a, "/ip address add address=10.0.1.1/24 interface=ether1");
        assertTrue(safe.release(a));
        assertFalse(a.end());
        assertTrue(run(a, "/ip address print").contains("10.0.1.1/24"));
    }

    @Test
    void otherSessionsChangesToOtherItemsAreKeptAndItemsOrderIsRestored() {
        Session a = new Session(router, "admin");
        Session b = new Session(router, "admin");
        run(a, "/ip firewall filter add chain=input action=accept comment=one");
        run(a, "/ip firewall filter add chain=input action=accept comment=two");
        run(a, "/ip firewall filter add chain=input action=drop comment=three");
        safe.take(a, m -> { });
        run(a, "/ip firewall filter remove [find comment=one]");
        run(a, "/ip firewall filter set [find comment=two] action=drop");
        run(b, "/ip address add address=10.0.2.1/24 interface=ether1");
        a.end();
        String rules = run(a, "/ip firewall filter print");
        assertTrue(rules.indexOf("one") < rules.indexOf("two") && rules.indexOf("two") < rules.indexOf("three"), rules);
        assertTrue(run(a, "/ip firewall filter print where comment=two").contains("accept"));
        assertTrue(run(a, "/ip address print").contains("10.0.2.1/24"));
    }

    @Test
    void hijackWithUnrollUndoesTheHoldersChangesAndTellsIt() {
        Session a = new Session(router, "admin");
        Session b = new Session(router, "admin");
        List<String> told = new ArrayList<>();
        safe.take(a, told::add);
        run(a, "/ip address add address=10.0.3.1/24 interface=ether1");
        assertEquals(SafeMode.Take.HELD_BY_OTHER, safe.take(b, m -> { }));
        safe.hijack(b, m -> { }, true);
        assertEquals(List.of("[Safe mode released by another user]"), told);
        assertFalse(run(a, "/ip address print").contains("10.0.3.1/24"));
        assertTrue(b.prompt().contains("<SAFE>") && !a.prompt().contains("<SAFE>"));
        run(b, "/ip address add address=10.0.4.1/24 interface=ether1");
        assertFalse(a.end());
        assertTrue(b.end());
        assertFalse(run(a, "/ip address print").contains("10.0.4.1/24"));
    }

    @Test
    void moreThanAHundredActionsReleasesSafeModeKeepingEverything() {
        Session a = new Session(router, "admin");
        List<String> told = new ArrayList<>();
        safe.take(a, told::add);
        for (int i = 0; i <= SafeMode.MAX_ACTIONS; i++) run(a, "/ip address add address=10.1." + i + ".1/24 interface=ether1");
        assertFalse(safe.held());
        assertEquals(1, told.size());
        a.end();
        assertTrue(run(a, "/ip address print").contains("10.1.100.1/24"));
    }

    static String console(Session s, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExternalTerminal t = new ExternalTerminal("t", "dumb", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8);
        t.setSize(new Size(200, 24));
        new InteractiveConsole(s, t, null, "").run();
        t.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ctrlXOnTheConsoleTakesAndReleasesAndEofUnrolls() throws Exception {
        String out = console(new Session(router, "admin"),
                "\u0018/ip address add address=10.0.5.1/24 interface=ether1\r/ip address print\r");
        assertTrue(out.contains("[Safe Mode taken]"), out);
        assertTrue(out.contains("[admin@MikroTik] <SAFE> "), out);
        assertTrue(out.contains("10.0.5.1/24"), out);
        assertFalse(run(new Session(router, "admin"), "/ip address print").contains("10.0.5.1/24"));
        String kept = console(new Session(router, "admin"),
                "\u0018/ip address add address=10.0.6.1/24 interface=ether1\r\u0018");
        assertTrue(kept.contains("[Safe Mode released]"), kept);
        assertTrue(run(new Session(router, "admin"), "/ip address print").contains("10.0.6.1/24"));
    }
}
