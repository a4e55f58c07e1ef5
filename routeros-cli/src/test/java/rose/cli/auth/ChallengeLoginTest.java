package rose.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.cli.RouterOs;
import rose.cli.db.Item;
import rose.cli.lang.Session;

/** The pre-6.43 API challenge login and the sealed password copy it needs. */
class ChallengeLoginTest {
    private final RouterOs router = RouterOs.inMemory();
    private final Session admin = new Session(router, "admin");
    private final Authenticator auth = new Authenticator(router, new LoginThrottle());
    private static final byte[] CHALLENGE = HexFormat.of().parseHex("259e0bc05acd6f46926dc2f809ed1bba");

    private String run(String text) {
        StringBuilder out = new StringBuilder();
        admin.execute(text, out);
        return out.toString();
    }

    private Item user(String name) {
        for (Item u : router.db().state().items("user")) if (name.equals(u.get("name"))) return u;
        return null;
    }

    @Test
    void responseMatchesTheKnownVector() {
        // the vector every librouteros version tests encode_password with
        assertEquals("00c7fd865183a43a772dde231f6d0bff13", ChallengeResponse.expected("test", CHALLENGE));
        assertTrue(ChallengeResponse.matches("test", CHALLENGE, "00C7FD865183A43A772DDE231F6D0BFF13"));
        assertFalse(ChallengeResponse.matches("Test", CHALLENGE, "00c7fd865183a43a772dde231f6d0bff13"));
        assertFalse(ChallengeResponse.matches("test", CHALLENGE, "00c7fd865183a43a772dde231f6d0bff1"));
        assertFalse(ChallengeResponse.matches(null, CHALLENGE, "00c7fd865183a43a772dde231f6d0bff13"));
    }

    @Test
    void challengeLoginWithTheRightResponseSucceedsAndAWrongOneFailsAndIsLogged() throws Exception {
        InetAddress from = InetAddress.getByName("10.9.9.9");
        assertEquals("", run("/user add name=ops group=full password=test"));
        Authenticator.Result ok = auth.challenge("ops", CHALLENGE, "00c7fd865183a43a772dde231f6d0bff13", Via.API, from);
        assertTrue(ok.ok());
        assertEquals("ops", ok.principal().name());
        Authenticator.Result bad = auth.challenge("ops", CHALLENGE, "00" + "0".repeat(32), Via.API, from);
        assertFalse(bad.ok());
        assertTrue(router.log().entries().toString().contains("login failure for user ops from 10.9.9.9 via api"));
        // another challenge, same answer: no replay
        assertFalse(auth.challenge("ops", new byte[16], "00c7fd865183a43a772dde231f6d0bff13", Via.API, from).ok());
    }

    @Test
    void sealedCopyIsCiphertextNeverShownAndGoesWithTheHash() {
        run("/user add name=ops group=read password=s3cret-Pass");
        String sealed = user("ops").get(StoredForm.SEALED_KEY);
        assertTrue(sealed.startsWith("aes256-gcm$"), sealed);
        assertFalse(sealed.contains("s3cret"));
        assertEquals("s3cret-Pass", router.passwordSeal().open(sealed));
        assertNull(PasswordSeal.ephemeral().open(sealed), "another router's key opens nothing");
        for (String cmd : new String[] {"/user print detail show-sensitive", "/export show-sensitive verbose"}) {
            assertFalse(run(cmd).contains("aes256-gcm"), cmd);
        }
        run("/user set ops password=\"\"");
        assertNull(user("ops").get(StoredForm.SEALED_KEY));
        assertNull(user("ops").get(StoredForm.PASSWORD_KEY));
    }

    @Test
    void userWithoutASealedCopyCannotUseTheChallenge() throws Exception {
        run("/user add name=old group=full password=test");
        Item u = user("old");
        router.db().write(tx -> {
            tx.replace("user", u.without(StoredForm.SEALED_KEY));   // as stored before sealed copies existed
            return null;
        });
        assertFalse(auth.challenge("old", CHALLENGE, "00c7fd865183a43a772dde231f6d0bff13", Via.API, null).ok());
        assertTrue(auth.password("old", "test", Via.API, null).ok());
    }

    @Test
    void keyFileIsOwnerOnlyAndKeptAcrossOpens(@TempDir Path dir) throws Exception {
        PasswordSeal first = PasswordSeal.inDataDir(dir);
        Path key = dir.resolve(PasswordSeal.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(32, Files.size(key));
        String sealed = first.seal("pw");
        assertNotEquals(sealed, first.seal("pw"), "a fresh nonce each time");
        assertEquals("pw", PasswordSeal.inDataDir(dir).open(sealed));
        Files.write(key, new byte[5]);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> PasswordSeal.inDataDir(dir));
    }
}
