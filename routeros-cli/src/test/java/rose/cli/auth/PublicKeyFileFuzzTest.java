package rose.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Public key files arrive from outside (scp, fetch, a user's upload): random and mutated files
 * never make the parser throw anything but its RouterOS refusal, and whatever it accepts is a
 * key line that parses again to itself.
 */
class PublicKeyFileFuzzTest {
    private static final String MUTATIONS = "AZaz09+/= \n-:\"#";
    private static final String[] SEEDS = {"ed25519.pub", "rsa.pub", "ecdsa.pub", "ed25519.rfc", "rsa.rfc", "ecdsa.rfc",
        "rsa.pem", "ecdsa.pem"};

    @Test
    void randomAndMutatedFilesOnlyEverFailWithTheRefusal() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PublicKeyFileFuzzTest seed " + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String text;
            if (i % 4 == 0) {
                byte[] b = new byte[rnd.nextInt(600)];
                rnd.nextBytes(b);
                text = new String(b, StandardCharsets.ISO_8859_1);
            } else {
                char[] c = SshKeysImportTest.fixture(SEEDS[rnd.nextInt(SEEDS.length)]).toCharArray();
                int edits = 1 + rnd.nextInt(4);
                for (int e = 0; e < edits && c.length > 0; e++) {
                    int at = rnd.nextInt(c.length);
                    c[at] = rnd.nextInt(3) == 0 ? (char) rnd.nextInt(128) : MUTATIONS.charAt(rnd.nextInt(MUTATIONS.length()));
                }
                text = new String(c, 0, rnd.nextInt(4) == 0 ? rnd.nextInt(c.length + 1) : c.length);
            }
            try {
                List<String> keys = PublicKeyFile.keys(text);
                for (String k : keys) assertEquals(k, PublicKeyFile.checked(k), "accepted lines are well-formed");
            } catch (IllegalArgumentException e) {
                assertEquals(PublicKeyFile.UNABLE, e.getMessage());
            } catch (RuntimeException e) {
                fail("seed " + seed + " input " + i + ": " + e, e);
            }
        }
    }
}
