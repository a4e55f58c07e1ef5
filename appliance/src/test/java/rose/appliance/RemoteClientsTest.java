package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/**
 * Real clients against a running router: OpenSSH's {@code ssh} (password through
 * {@code sshpass}, and a key), and Debian's {@code python3-librouteros} (plain and TLS). Each
 * test skips, saying why, when the machine lacks the client ({@code .ci/run} installs them).
 */
class RemoteClientsTest {
    static final String PW = "Adm1n-pw-for-tests";
    @TempDir static Path dir;
    static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0, "www-ssl", 0),
                "7.18.2");
        router.authenticator().setPassword("admin", PW);
        console("/user add name=viewer group=read password=viewer-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
    }

    static String console(String text) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(text, out);
        return out.toString();
    }

    static void need(String program, String why) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) found = true;
        }
        if (!found) {
            String msg = "SKIPPED: " + program + " is not installed (" + why + "; .ci/run installs it)";
            System.err.println(msg);
        }
        assumeTrue(found, program + " is not installed (" + why + "; .ci/run installs it)");
    }

    record Result(int status, String out) {
    }

    static Result run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static List<String> ssh(String... extra) {
        List<String> c = new ArrayList<>(List.of("ssh", "-p", Integer.toString(router.port("ssh")),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=10"));
        c.addAll(List.of(extra));
        return c;
    }

    static List<String> sshpass(String password, String... sshArgs) {
        List<String> c = new ArrayList<>(List.of("sshpass", "-p", password));
        List<String> s = new ArrayList<>(ssh("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive"));
        s.addAll(List.of(sshArgs));
        c.addAll(s);
        return c;
    }

    @Test
    void sshExecWithPasswordRunsTheCommand() throws Exception {
        need("sshpass", "password login over OpenSSH");
        need("ssh", "OpenSSH client");
        console("/ip address add address=192.168.88.1/24 interface=ether1");
        Result r = run(sshpass(PW, "admin@127.0.0.1", "/ip address print"), null);
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("192.168.88.1/24"), r.out());
        Result changed = run(sshpass(PW, "admin@127.0.0.1", "/system identity set name=viassh"), null);
        assertEquals(0, changed.status(), changed.out());
        assertTrue(console("/system identity print").contains("viassh"));
        console("/system identity set name=MikroTik");
    }

    @Test
    void sshReadUserIsRefusedWritesAndWrongPasswordFailsAndIsLogged() throws Exception {
        need("sshpass", "password login over OpenSSH");
        need("ssh", "OpenSSH client");
        Result r = run(sshpass("viewer-pw", "viewer@127.0.0.1", "/ip address add address=10.7.7.7/24 interface=ether2"), null);
        assertTrue(r.out().contains("not enough permissions (9)"), r.out());
        assertFalse(console("/ip address print").contains("10.7.7.7"));
        Result bad = run(sshpass("wrong", "admin@127.0.0.1", "/system identity print"), null);
        assertTrue(bad.status() != 0, bad.out());
        assertTrue(router.appliance().router().log().entries().toString()
                .contains("login failure for user admin from 127.0.0.1 via ssh"));
    }

    @Test
    void sshPublicKeyLogin() throws Exception {
        need("ssh", "OpenSSH client");
        need("ssh-keygen", "making a test key");
        Path key = dir.resolve("id_ecdsa");
        Result gen = run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "tester@lab", "-f",
                key.toString()), null);
        assertEquals(0, gen.status(), gen.out());
        String pub = Files.readString(Path.of(key + ".pub")).trim();
        assertEquals("", console("/user ssh-keys add user=admin key=\"" + pub + "\""));
        assertTrue(console("/user ssh-keys print").contains("tester@lab"));
        Result r = run(ssh("-i", key.toString(), "-o", "BatchMode=yes", "-o", "PasswordAuthentication=no",
                "admin@127.0.0.1", "/system identity print"), null);
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("name: MikroTik"), r.out());
    }

    @Test
    void sshShellWithLoginNameOptionsShowsThePromptAndRunsCommands() throws Exception {
        need("sshpass", "password login over OpenSSH");
        need("ssh", "OpenSSH client");
        Result r = run(sshpass(PW, "-tt", "admin+cet1024w@127.0.0.1"), "/system identity print\r/quit\r");
        assertTrue(r.out().contains("[admin@MikroTik] > "), r.out());
        assertTrue(r.out().contains("name: MikroTik"), r.out());
        assertTrue(r.out().contains("ROSE 7.18.2"), r.out());
    }

    static final String LIBROUTEROS = String.join("\n",
            "import ssl, sys",
            "from librouteros import connect",
            "from librouteros.login import plain, token",
            "port, tls, user, pw = int(sys.argv[1]), sys.argv[2] == 'tls', sys.argv[3], sys.argv[4]",
            "kw = {'login_method': token if len(sys.argv) > 6 and sys.argv[6] == 'token' else plain}",
            "if tls:",
            "    ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
            "    kw['ssl_wrapper'] = ctx.wrap_socket",
            "api = connect(host='127.0.0.1', username=user, password=pw, port=port, **kw)",
            "addr = api.path('ip', 'address')",
            "try:",
            "    addr.add(address=sys.argv[5], interface='ether4')",
            "    print('added')",
            "except Exception as e:",
            "    print('error:', e)",
            "for row in addr:",
            "    print('row', row.get('address'), row.get('interface'), row.get('disabled'))",
            "print('identity', list(api.path('system', 'identity'))[0]['name'])",
            "api.close()");

    Result librouteros(int port, boolean tls, String user, String pw, String address) throws Exception {
        return librouteros(port, tls, user, pw, address, "plain");
    }

    /** {@code login}: {@code plain} (6.43+) or {@code token} (librouteros's name for the old MD5 challenge). */
    Result librouteros(int port, boolean tls, String user, String pw, String address, String login) throws Exception {
        Path script = dir.resolve("client.py");
        Files.writeString(script, LIBROUTEROS);
        return run(List.of("/usr/bin/python3", script.toString(), Integer.toString(port), tls ? "tls" : "plain", user, pw,
                address, login), null);
    }

    static void needLibrouteros() throws Exception {
        boolean ok = Files.isExecutable(Path.of("/usr/bin/python3"))
                && run(List.of("/usr/bin/python3", "-c", "import librouteros"), null).status() == 0;
        if (!ok) System.err.println("SKIPPED: python3-librouteros is not installed (.ci/run installs it)");
        assumeTrue(ok, "python3-librouteros is not installed (.ci/run installs it)");
    }

    @Test
    void librouterosPlainAndTls() throws Exception {
        needLibrouteros();
        Result plain = librouteros(router.port("api"), false, "admin", PW, "10.44.0.1/24");
        assertTrue(plain.out().contains("added") && plain.out().contains("row 10.44.0.1/24 ether4 False"), plain.out());
        assertTrue(plain.out().contains("identity MikroTik"), plain.out());
        Result tls = librouteros(router.port("api-ssl"), true, "admin", PW, "10.45.0.1/24");
        assertTrue(tls.out().contains("added") && tls.out().contains("row 10.45.0.1/24 ether4"), tls.out());
        Result reader = librouteros(router.port("api"), false, "viewer", "viewer-pw", "10.46.0.1/24");
        assertTrue(reader.out().contains("not enough permissions (9)"), reader.out());
        assertFalse(console("/ip address print").contains("10.46.0.1"));
        Result wrong = librouteros(router.port("api"), false, "admin", "bad", "10.47.0.1/24");
        assertTrue(wrong.status() != 0 && wrong.out().contains("invalid user name or password"), wrong.out());
    }

    @Test
    void librouterosChallengeLogin() throws Exception {
        needLibrouteros();
        Result ok = librouteros(router.port("api"), false, "admin", PW, "10.48.0.1/24", "token");
        assertTrue(ok.status() == 0 && ok.out().contains("added") && ok.out().contains("row 10.48.0.1/24 ether4"), ok.out());
        Result wrong = librouteros(router.port("api"), false, "admin", "bad", "10.49.0.1/24", "token");
        assertTrue(wrong.status() != 0 && wrong.out().contains("cannot log in"), wrong.out());
        assertFalse(console("/ip address print").contains("10.49.0.1"));
    }

    @Test
    void sshEd25519KeyImportedFromAFileLogsIn() throws Exception {
        need("ssh", "OpenSSH client");
        need("ssh-keygen", "making a test key");
        Path key = dir.resolve("id_ed25519");
        Result gen = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ed@lab", "-f", key.toString()), null);
        assertEquals(0, gen.status(), gen.out());
        console("/user add name=keyed group=full");                 // no password: a key is its only way in
        Path files = Files.createDirectories(dir.resolve("files"));
        router.appliance().router().setFilesDir(files);
        Files.copy(Path.of(key + ".pub"), files.resolve("ed.pub"));
        assertEquals("", console("/user ssh-keys import public-key-file=ed.pub user=keyed"));
        assertTrue(console("/user ssh-keys print").contains("ed@lab"));
        // clients offer every key they hold: six strangers first must neither fail nor throttle the login
        List<String> login = new ArrayList<>(ssh("-o", "BatchMode=yes", "-o", "PasswordAuthentication=no", "-o", "IdentitiesOnly=yes"));
        for (int i = 0; i < 6; i++) {
            Path other = dir.resolve("other" + i);
            assertEquals(0, run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()), null).status());
            login.addAll(List.of("-i", other.toString()));
        }
        login.addAll(List.of("-i", key.toString(), "keyed@127.0.0.1", "/system identity print"));
        int failuresBefore = count("login failure for user keyed from 127.0.0.1 via ssh");
        Result r = run(login, null);
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("name: MikroTik"), r.out());
        assertEquals(failuresBefore, count("login failure for user keyed from 127.0.0.1 via ssh"));
        assertEquals(1, count("user keyed logged in from 127.0.0.1 via ssh"), "logged once, when the signature checked out");
        // removed key: refused
        assertEquals("", console("/user ssh-keys remove [find user=keyed]"));
        assertTrue(run(login, null).status() != 0);
        Thread.sleep(300);                                   // the server notices the closed session
        assertEquals(failuresBefore + 1, count("login failure for user keyed from 127.0.0.1 via ssh"), "one failure per session");
    }

    static int count(String logText) {
        int n = 0;
        for (Object e : router.appliance().router().log().entries()) if (e.toString().contains(logText)) n++;
        return n;
    }
}
