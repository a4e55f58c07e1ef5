package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rose.cli.RootCommand;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;

/**
 * {@code rose run --serial-console}: the login loop on a real terminal device, a pseudo-terminal
 * whose far end this test types into as the firmware tests type into qemu's serial port (CR for
 * Enter, each answer after its prompt appears, or all of it ahead).
 */
@Timeout(60)
class SerialConsoleTest {
    private static final String PASSWORD = "Fresh-Router-1";
    private static final String PROMPT = "[admin@MikroTik] > ";

    @TempDir
    Path dir;

    private Appliance app;
    private Pty pty;
    private SerialConsole console;
    private final StringBuilder seen = new StringBuilder();
    private int mark;

    /** Prints a tick every 10 ms until its thread is interrupted (a {@code /ping} without count). */
    private static final class Loop implements RootCommand {
        @Override public String name() { return "loop"; }
        @Override public List<String> arguments() { return List.of(); }
        @Override public void run(Map<String, String> args, Appendable out) throws IOException {
            try {
                while (true) {
                    out.append("tick\n");
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                out.append("stopped\n");
            }
        }
    }

    @BeforeEach
    void boot() throws IOException {
        app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        app.router().addCommand(new Loop());
        pty = Pty.open();
        Thread reader = new Thread(() -> {
            byte[] b = new byte[4096];
            int n;
            while ((n = pty.read(b)) > 0) {
                synchronized (seen) {
                    seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    seen.notifyAll();
                }
            }
        }, "serial-far-end");
        reader.setDaemon(true);
        reader.start();
        console = new SerialConsole(app, pty.slave, new Authenticator(app.router(), new LoginThrottle()), "7.18.2");
        console.start();
    }

    @AfterEach
    void shutDown() throws IOException {
        console.stop();                                // or it would open the next test's pty, given the same number
        pty.close();
        app.close();
    }

    @Test
    void theFirstLoginSetsThePasswordAndOpensTheConsoleWithItsBanner() throws Exception {
        String opened = firstLogin();
        assertTrue(opened.contains("RRRRRRRR") && opened.contains("ROSE 7.18.2"), "the banner, then the prompt: " + opened);
        assertFalse(opened.contains("Login: "), "the console opened instead of a new login: " + opened);
        assertTrue(app.router().db().state().items("user").stream()
                .anyMatch(u -> u.get(rose.cli.auth.StoredForm.PASSWORD_KEY) != null), "the password is stored");
        assertNotEchoed();
    }

    @Test
    void aFirstLoginTypedAheadOfItsPromptsOpensTheConsoleAndNeverEchoesThePassword() throws Exception {
        expect("MikroTik Login: ");
        type("admin\r\r" + PASSWORD + "\r" + PASSWORD);   // all of it at once, before Password: appears
        expect("password changed");
        expect(PROMPT);
        assertNotEchoed();
    }

    @Test
    void everyLaterLoginGetsEveryKeyTyped() throws Exception {
        firstLogin();
        for (int round = 0; round < 3; round++) {
            type("/quit");
            expect("MikroTik Login: ");
            // the session that ended must not still read the line: it would take the "a" of admin
            type("admin");
            String echoed = expect("Password: ");
            assertTrue(echoed.startsWith("admin"), "login " + (round + 2) + " saw: " + echoed);
            type(PASSWORD);
            String after = expect(PROMPT, "Login failed", "Login: ");
            assertTrue(after.endsWith(PROMPT), "login " + (round + 2) + " with the password set at the first: " + after);
        }
    }

    @Test
    void ctrlCStopsARunningCommandAndTheSessionGoesOn() throws Exception {
        firstLogin();
        type("/loop");
        expect("tick\r\ntick");
        pty.write("\u0003");
        expect("stopped");
        expect(PROMPT);
        type("/system identity print");
        assertTrue(expect(PROMPT).contains("name: MikroTik"));
    }

    @Test
    void aLineThatHangsUpEndsTheSessionAndTheNextLoginSaysWhy() throws Exception {
        firstLogin();
        pty.hangUp();                                  // carrier lost: the session is over, as on a modem line
        loginAgainAfterTheHangUp();
        assertEquals(1, app.activeSessions().rows().size(), "the hung-up session is gone: " + app.activeSessions().rows());
    }

    /**
     * The symptom the firmware tests saw (the line went silent after {@code password changed},
     * then a bare {@code Login:}): a line that fails right then. The password is kept, and the
     * next login says why the console did not open instead of leaving the user to guess.
     */
    @Test
    void aLineThatHangsUpRightAfterTheFirstPasswordSaysWhyAtTheNextLogin() throws Exception {
        expect("MikroTik Login: ");
        type("admin\r\r" + PASSWORD + "\r" + PASSWORD);
        expect("password changed");
        pty.hangUp();
        loginAgainAfterTheHangUp();
    }

    /**
     * The serial line is {@code rose run}'s controlling terminal under systemd: its hang-up sends
     * the process SIGHUP. The router goes on (a JVM would otherwise shut down: exit 129, and
     * systemd's restart shows a bare Login: a minute later), and the console still answers.
     */
    @Test
    void sighupDoesNotStopTheRouter() throws Exception {
        firstLogin();
        long pid = ProcessHandle.current().pid();
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start();
        assertEquals(0, kill.waitFor());
        // started under nohup (SIGHUP ignored from birth), the JVM installs no handler and the kernel drops the signal: nothing to log
        long end = System.currentTimeMillis() + 10_000;
        while (!sighupIgnoredFromStart() && app.router().log().entries().stream().noneMatch(e -> e.message().startsWith("SIGHUP ignored"))) {
            if (System.currentTimeMillis() > end) throw new AssertionError("no SIGHUP in the log");
            Thread.sleep(20);
        }
        type("/system identity print");
        assertTrue(expect(PROMPT).contains("name: MikroTik"));
    }

    /** Whether this process ignores SIGHUP by its disposition ({@code SigIgn} in /proc/self/status, bit 0), as under nohup. */
    private static boolean sighupIgnoredFromStart() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 1) != 0;
        }
        return false;
    }

    /** The next login says the last session ended on a hang-up, and admin logs in with {@link #PASSWORD}. */
    private void loginAgainAfterTheHangUp() throws Exception {
        String next = expect("MikroTik Login: ");
        assertTrue(next.contains("session ended: the line hung up"), next);
        type("admin");
        expect("Password: ");
        type(PASSWORD);
        expect(PROMPT);
    }

    /** Logs in as admin with no password, sets {@link #PASSWORD} as asked, and returns what came up to the first prompt. */
    private String firstLogin() throws Exception {
        expect("MikroTik Login: ");
        type("admin");
        expect("Password: ");
        type("");
        expect("new password> ");
        type(PASSWORD);
        expect("repeat new password> ");
        type(PASSWORD);
        expect("password changed");
        return expect(PROMPT);
    }

    /** A line and Enter, as a terminal sends it (CR). */
    private void type(String line) throws IOException {
        pty.write(line + "\r");
    }

    private void assertNotEchoed() {
        synchronized (seen) {
            assertFalse(seen.toString().contains(PASSWORD), "the password was echoed in clear: " + seen);
        }
    }

    /** Waits for the first of {@code texts} after the last match; returns what came up to and including it. */
    private String expect(String... texts) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        synchronized (seen) {
            while (true) {
                int at = -1;
                String found = null;
                for (String t : texts) {
                    int i = seen.indexOf(t, mark);
                    if (i >= 0 && (at < 0 || i < at)) {
                        at = i;
                        found = t;
                    }
                }
                if (found != null) {
                    String s = seen.substring(mark, at + found.length());
                    mark = at + found.length();
                    return s;
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("none of " + List.of(texts) + " on the line; it printed: " + seen.substring(mark));
                seen.wait(left);
            }
        }
    }
}
