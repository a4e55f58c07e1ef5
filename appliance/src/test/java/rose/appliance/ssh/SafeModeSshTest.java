package rose.appliance.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/** Safe mode over SSH: a dropped connection undoes the session's changes, a release keeps them. */
class SafeModeSshTest {
    static final String PW = "Safe-mode-pw-1";
    @TempDir static java.nio.file.Path dir;
    static RunningRouter router;
    static SshClient client;

    @BeforeAll
    static void start() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0,
                "www-ssl", 0), "7.18.2");
        router.authenticator().setPassword("admin", PW);
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.stop();
        if (router != null) router.close();
    }

    static String console(String text) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(text, out);
        return out.toString();
    }

    /** A logged-in shell; {@link #type} sends keys, {@link #await} waits for text. */
    static final class Shell implements AutoCloseable {
        final ClientSession session;
        final ChannelShell channel;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final OutputStream in;

        Shell(String user) throws Exception {
            session = client.connect(user, "127.0.0.1", router.port("ssh")).verify(Duration.ofSeconds(10)).getSession();
            session.addPasswordIdentity(PW);
            session.auth().verify(Duration.ofSeconds(10));
            channel = session.createShellChannel();
            channel.setPtyType("xterm");
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(Duration.ofSeconds(10));
            in = channel.getInvertedIn();
        }

        void type(String keys) throws Exception {
            in.write(keys.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        String await(String text) throws Exception {
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                String s;
                synchronized (out) {
                    s = out.toString(StandardCharsets.UTF_8);
                }
                if (s.contains(text)) return s;
                Thread.sleep(20);
            }
            throw new AssertionError("no \"" + text + "\" in:\n" + out.toString(StandardCharsets.UTF_8));
        }

        /** Drops the TCP connection without closing the shell. */
        @Override
        public void close() throws Exception {
            session.close(true);
        }
    }

    static boolean eventually(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            if (c.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void droppedConnectionUndoesSafeModeChanges() throws Exception {
        try (Shell sh = new Shell("admin+c")) {
            sh.await("] > ");
            sh.type("\u0018");
            sh.await("[Safe Mode taken]");
            sh.await("[admin@MikroTik] <SAFE> ");
            sh.type("/ip address add address=10.66.0.1/24 interface=ether1\r");
            sh.type("/system identity set name=unsafe\r");
            sh.await("[admin@unsafe] <SAFE> ");
            assertTrue(console("/ip address print").contains("10.66.0.1/24"));
        }
        assertTrue(eventually(() -> !console("/ip address print").contains("10.66.0.1/24")), console("/ip address print"));
        assertTrue(console("/system identity print").contains("name: MikroTik"));
    }

    @Test
    void releasedChangesSurviveTheDropAndASecondSessionIsAskedToHijack() throws Exception {
        try (Shell a = new Shell("admin"); Shell b = new Shell("admin")) {
            a.await("] > ");
            b.await("] > ");
            a.type("\u0018");
            a.await("[Safe Mode taken]");
            a.type("/ip address add address=10.67.0.1/24 interface=ether2\r");
            a.await("] <SAFE> ");
            b.type("\u0018");
            b.await("Hijacking Safe Mode from someone - unroll/release/don't take it [u/r/d]:");
            b.type("d");
            b.await("[Safe Mode not taken]");
            a.type("\u0018");
            a.await("[Safe Mode released]");
        }
        Thread.sleep(300);
        assertTrue(console("/ip address print").contains("10.67.0.1/24"));
        assertFalse(router.appliance().router().db().safeMode().held());
    }
}
