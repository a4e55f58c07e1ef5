package rose.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;
import rose.cli.auth.Via;
import rose.cli.lang.Session;

/**
 * {@code /system backup save/load} on a whole router with its data directory: what a load puts
 * back after the reboot it asks for, and that a refused load changes nothing, on disk or live.
 */
class SystemBackupTest {
    @TempDir
    Path dir;

    private Path data() { return dir.resolve("data"); }
    private Path files() { return dir.resolve("files"); }

    private Appliance boot() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), data(), new BuildInfo("7.18.2", null));
        Files.createDirectories(files());
        app.router().setFilesDir(files());
        return app;
    }

    private static String run(Appliance app, String command) {
        StringBuilder out = new StringBuilder();
        new Session(app.router(), "admin").execute(command, out);
        return out.toString();
    }

    private static String exportOf(Appliance app) {
        return run(app, "/export").replaceAll("(?m)^# .*\\n", "");
    }

    @Test
    void loadPutsBackConfigurationUsersCertificatesAndKeysAfterTheReboot() throws Exception {
        String saved;
        byte[] hostKey = "host key bytes".getBytes();
        List<String> reboots = new ArrayList<>();
        try (Appliance app = boot()) {
            assertEquals("  progress: done\n", run(app, "/system identity set name=seattle\n/ip address add address=192.0.2.1/24 interface=ether1\n"
                    + "/user add name=ops group=full password=ops-pass-1\n/certificate add name=ca common-name=ca key-usage=key-cert-sign,crl-sign\n"
                    + "/certificate sign ca"), "setup");
            Files.createDirectories(data().resolve("ssh"));
            Files.write(data().resolve("ssh/host-key"), hostKey);
            saved = exportOf(app);
            String out = run(app, "/system backup save name=before password=s3cret");
            assertEquals("Configuration backup saved\n", out);
            assertTrue(Files.isRegularFile(files().resolve("before.backup")));
            assertTrue(BackupFile.encrypted(Files.readAllBytes(files().resolve("before.backup"))), "a password encrypts it");
            String listing = run(app, "/file print");
            assertTrue(listing.matches("(?s).*before\\.backup\\s+backup\\s+\\d+(\\.\\d)?(KiB)?\\s+\\d{4}-\\d\\d-\\d\\d .*"), listing);

            // changes after the backup, to be undone by the load
            assertEquals("", run(app, "/system identity set name=changed\n/ip address remove [find]\n"
                    + "/ip firewall filter add chain=input action=drop\n/user remove ops\n/certificate remove ca"));
            Files.write(data().resolve("ssh/host-key"), "another key".getBytes());
            Files.createDirectories(data().resolve("certificates"));
            Files.write(data().resolve("certificates/stray.crt"), "not in the backup".getBytes());
            String changed = exportOf(app);
            assertFalse(changed.equals(saved));

            app.onReboot(reason -> reboots.add(reason));
            out = run(app, "/system backup load name=before.backup password=s3cret");
            assertEquals("Restoring system configuration\nSystem configuration restored, rebooting now\n", out);
            assertEquals(List.of("configuration restored from backup before.backup"), reboots);
            assertEquals(changed, exportOf(app), "the running router keeps its configuration until it reboots");
            assertTrue(BackupContents.pending(data()));
        }
        try (Appliance app = boot()) {
            assertEquals(saved, exportOf(app));
            assertEquals("seattle", app.router().identity());
            assertFalse(BackupContents.pending(data()));
            assertArrayEquals(hostKey, Files.readAllBytes(data().resolve("ssh/host-key")), "the SSH host key is the backup's");
            assertFalse(Files.exists(data().resolve("certificates/stray.crt")), "files the backup does not have are removed");
            String certs = run(app, "/certificate print");
            assertTrue(certs.matches("(?s).*\\bK.*\\bca\\b.*"), "ca is back with its private key:\n" + certs);
            Authenticator auth = new Authenticator(app.router(), new LoginThrottle());
            assertTrue(auth.password("ops", "ops-pass-1", Via.SSH, InetAddress.getLoopbackAddress()).ok(), "ops logs in again");
            assertTrue(run(app, "/log print").contains("configuration restored from a backup"));
        }
    }

    @Test
    void aWrongPasswordOrADamagedFileChangesNothing() throws Exception {
        List<String> reboots = new ArrayList<>();
        String changed;
        try (Appliance app = boot()) {
            run(app, "/system identity set name=seattle");
            run(app, "/system backup save name=b password=right");
            run(app, "/system identity set name=boise");
            changed = exportOf(app);
            app.onReboot(reason -> reboots.add(reason));
            assertEquals("failure: wrong password or damaged backup file\n", run(app, "/system backup load name=b password=wrong"));
            assertEquals("missing value(s) of argument(s) password\n", run(app, "/system backup load name=b"));
            assertEquals("failure: no such file\n", run(app, "/system backup load name=nothing password=right"));

            byte[] file = Files.readAllBytes(files().resolve("b.backup"));
            file[file.length / 2] ^= 1;
            Files.write(files().resolve("flipped.backup"), file);
            assertEquals("failure: wrong password or damaged backup file\n", run(app, "/system backup load name=flipped password=right"));
            Files.write(files().resolve("text.backup"), "/ip address add address=10.0.0.1/24 interface=ether1\n".getBytes());
            assertEquals("failure: file is not a backup\n", run(app, "/system backup load name=text password=right"));
            assertEquals(List.of(), reboots);
            assertFalse(BackupContents.pending(data()));
            assertEquals(changed, exportOf(app));
            assertTrue(run(app, "/log print").contains("configuration restore from b refused"));
        }
        try (Appliance app = boot()) {
            assertEquals(changed, exportOf(app), "and nothing waits for the next start");
        }
    }

    @Test
    void withoutAPasswordTheBackupIsNotEncryptedAndRc4IsRefused() throws Exception {
        try (Appliance app = boot()) {
            run(app, "/system identity set name=plain");
            assertEquals("Configuration backup saved\n", run(app, "/system backup save name=p"));
            assertEquals("Configuration backup saved\n", run(app, "/system backup save name=q password=x dont-encrypt=yes"));
            assertEquals("failure: rc4 encryption is not supported, use aes-sha256\n",
                    run(app, "/system backup save name=r password=x encryption=rc4"));
            assertFalse(Files.exists(files().resolve("r.backup")));
            assertFalse(BackupFile.encrypted(Files.readAllBytes(files().resolve("p.backup"))));
            assertFalse(BackupFile.encrypted(Files.readAllBytes(files().resolve("q.backup"))));
            // the default name: identity, date and time
            run(app, "/system backup save");
            try (var s = Files.list(files())) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().matches("plain-\\d{8}-\\d{4}\\.backup")));
            }
            run(app, "/system identity set name=other");
            assertTrue(run(app, "/system backup load name=p password=\"\"").contains("System configuration restored"));
        }
        try (Appliance app = boot()) {
            assertEquals("plain", app.router().identity());
            assertEquals("", run(app, "/file remove p.backup"));
            assertFalse(Files.exists(files().resolve("p.backup")));
        }
    }
}
