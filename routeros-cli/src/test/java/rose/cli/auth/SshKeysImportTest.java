package rose.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rose.cli.RouterOs;
import rose.cli.db.Item;
import rose.cli.lang.Session;

/** {@code /user ssh-keys import} and the key file formats it reads (files made by OpenSSH's ssh-keygen). */
class SshKeysImportTest {
    @TempDir Path dir;
    private Path files;
    private final RouterOs router = RouterOs.inMemory();
    private final Session admin = new Session(router, "admin");

    @BeforeEach
    void filesDir() throws IOException {
        files = Files.createDirectories(dir.resolve("files"));
        router.setFilesDir(files);
        run("/user add name=ops group=full password=pw");
    }

    private String run(String text) {
        StringBuilder out = new StringBuilder();
        admin.execute(text, out);
        return out.toString();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = SshKeysImportTest.class.getResourceAsStream("keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private List<Item> keys() {
        return router.db().state().items("user ssh-keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void importsOpenSshLineForTheUser(String type) throws Exception {
        Files.writeString(files.resolve("id_" + type + ".pub"), fixture(type + ".pub"));
        assertEquals("", run("/user ssh-keys import public-key-file=id_" + type + ".pub user=ops"));
        assertEquals(1, keys().size());
        Item k = keys().get(0);
        assertEquals("ops", k.get("user"));
        assertEquals(fixture(type + ".pub").trim(), k.get("key"));
        assertEquals(type, k.get("key-type"));
        assertEquals(type.equals("rsa") ? "2048" : "256", k.get("bits"));
        assertEquals(type + "@lab", k.get("key-owner"));
        String print = run("/user ssh-keys print");
        assertTrue(print.contains("ops") && print.contains(type + "@lab"), print);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519.rfc", "rsa.rfc", "ecdsa.rfc", "rsa.pem", "ecdsa.pem"})
    void rfc4716AndPemFilesGiveTheSameKeyAsOpenSsh(String file) throws Exception {
        String type = file.substring(0, file.indexOf('.'));
        String want = StoredForm.keyBlob(fixture(type + ".pub"));
        List<String> got = PublicKeyFile.keys(fixture(file));
        assertEquals(1, got.size());
        assertEquals(want, StoredForm.keyBlob(got.get(0)));
        Files.writeString(files.resolve(file), fixture(file));
        assertEquals("", run("/user ssh-keys import public-key-file=" + file + " user=ops"));
        assertEquals(want, StoredForm.keyBlob(keys().get(0).get("key")));
    }

    @Test
    void authorizedKeysWithSeveralKeysAddsEachOnceInOneTransaction() throws Exception {
        String all = "# team keys\n" + fixture("ed25519.pub") + "\n" + fixture("rsa.pub") + "\n";
        Files.writeString(files.resolve("team.pub"), all);
        long before = router.db().state().version();
        assertEquals("", run("/user ssh-keys import public-key-file=team.pub user=ops"));
        assertEquals(2, keys().size());
        assertEquals(before + 1, router.db().state().version());
        assertEquals("", run("/user ssh-keys import public-key-file=team.pub user=ops"));
        assertEquals(2, keys().size(), "the same key is not added twice");
        assertEquals("", run("/user ssh-keys remove [find key-type=rsa]"));
        assertEquals(1, keys().size());
        assertEquals("ed25519", keys().get(0).get("key-type"));
    }

    @Test
    void badInputGetsRouterOsErrorsAndChangesNothing() throws Exception {
        Files.writeString(files.resolve("garbage.pub"), "ssh-ed25519 AAAAnotakey owner\n");
        Files.writeString(files.resolve("ok.pub"), fixture("ed25519.pub"));
        // the inner type must match the line's: an RSA blob labelled ed25519 would never log in
        Files.writeString(files.resolve("mislabelled.pub"), "ssh-ed25519 " + StoredForm.keyBlob(fixture("rsa.pub")) + "\n");
        Files.writeString(files.resolve("../outside.pub"), fixture("ed25519.pub"));
        assertTrue(run("/user ssh-keys import public-key-file=garbage.pub user=ops").contains("failure: unable to load key file"));
        assertTrue(run("/user ssh-keys import public-key-file=mislabelled.pub user=ops").contains("failure: unable to load key file"));
        assertTrue(run("/user ssh-keys import public-key-file=missing.pub user=ops").contains("failure: no such file"));
        assertTrue(run("/user ssh-keys import public-key-file=../outside.pub user=ops").contains("failure: no such file"));
        assertTrue(run("/user ssh-keys import public-key-file=ok.pub user=nobody").contains("input does not match any value of user"),
                run("/user ssh-keys import public-key-file=ok.pub user=nobody"));
        assertTrue(run("/user ssh-keys import user=ops").contains("missing value(s) of argument(s) public-key-file"));
        assertTrue(keys().isEmpty());
    }

    @Test
    void readUserMayNotImport() throws Exception {
        Files.writeString(files.resolve("ok.pub"), fixture("ed25519.pub"));
        run("/user add name=viewer group=read password=pw");
        Principal viewer = new Authenticator(router, new LoginThrottle()).local("viewer");
        StringBuilder out = new StringBuilder();
        new Session(router, viewer).execute("/user ssh-keys import public-key-file=ok.pub user=viewer", out);
        assertTrue(out.toString().contains(Access.DENIED), out.toString());
        assertTrue(keys().isEmpty());
    }

    @Test
    void addWithAKeyThatCannotParseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PublicKeyFile.keys(""));
        assertTrue(run("/user ssh-keys add user=ops key=\"ssh-ed25519 AAAA\"").contains("failure: unable to load key"));
        assertTrue(keys().isEmpty());
    }

    @Test
    void tabAndHelpKnowTheImportArguments() {
        assertEquals(List.of("public-key-file=", "user="), admin.complete("/user ssh-keys import "));
        assertTrue(admin.complete("/user ssh-keys import user=o").contains("user=ops"));
        assertTrue(admin.help("/user ssh-keys import ").startsWith("Import a user's public SSH key from a file"));
    }
}
