package rose.appliance.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/** SFTP on the SSH service: the router's files, nothing above them, and only for the ftp policy. */
class FilesOverSftpTest {
    static final String PW = "Sftp-files-pw-1";
    @TempDir static Path dir;
    static RunningRouter router;
    static SshClient client;

    @BeforeAll
    static void start() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        Files.createDirectories(dir.resolve("files"));
        app.router().setFilesDir(dir.resolve("files"));
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0,
                "www-ssl", 0), "7.18.2");
        router.authenticator().setPassword("admin", PW);
        StringBuilder out = new StringBuilder();
        new Session(app.router(), "admin").execute("/user add name=reader group=read password=" + PW, out);
        assertEquals("", out.toString());
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.stop();
        if (router != null) router.close();
    }

    private static ClientSession login(String user) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", router.port("ssh")).verify(Duration.ofSeconds(10)).getSession();
        s.addPasswordIdentity(PW);
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    @Test
    void anUploadLandsInTheRoutersFilesAndABackupComesBack() throws Exception {
        byte[] update = new byte[300_000];
        new Random(3).nextBytes(update);
        try (ClientSession s = login("admin"); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            try (OutputStream o = sftp.write("/rose-amd64.update")) {
                o.write(update);
            }
            assertArrayEquals(update, Files.readAllBytes(dir.resolve("files/rose-amd64.update")));
            StringBuilder out = new StringBuilder();
            new Session(router.appliance().router(), "admin").execute("/system backup save name=b password=x", out);
            try (var in = sftp.read("/b.backup")) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("files/b.backup")), in.readAllBytes());
            }
            // the root is the files directory: ".." does not climb out of it
            try (var in = sftp.read("/../data/password.key")) {
                assertThrows(java.io.IOException.class, in::readAllBytes);
            } catch (java.io.IOException expected) {
                // refused at open: as good
            }
            boolean sawData = false;
            for (SftpClient.DirEntry e : sftp.readDir("/..")) sawData |= e.getFilename().equals("data");
            assertTrue(!sawData, "the data directory is not visible");
        }
    }

    @Test
    void aUserWithoutTheFtpPolicyGetsNoSftp() throws Exception {
        try (ClientSession s = login("reader")) {
            assertThrows(Exception.class, () -> SftpClientFactory.instance().createSftpClient(s).close());
        }
    }
}
