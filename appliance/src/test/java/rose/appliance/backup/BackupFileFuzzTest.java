package rose.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A backup file is bytes a user uploads: random and mutated files into {@link BackupFile#open}
 * and {@link BackupPayload#decode} are refused with a message, never an exception that escapes,
 * and never read past a length. Bounded in time; the seed is printed so a failure can be replayed.
 */
class BackupFileFuzzTest {
    private static final long SEED = Long.getLong("rose.fuzz.seed", System.nanoTime());
    private static final long BUDGET_MS = 3_000;

    private static BackupPayload sample() {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put(BackupPayload.MANIFEST, "board=chr\n".getBytes(StandardCharsets.UTF_8));
        e.put(BackupPayload.CONFIGURATION, new byte[] {1, 2, 3, 4, 5});
        e.put("certificates/ca.crt", "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.UTF_8));
        e.put("ssh/host-key", new byte[300]);
        return new BackupPayload(e);
    }

    @Test
    void sealedAndPlainFilesRoundTrip() throws Exception {
        byte[] payload = sample().encode();
        SecureRandom r = new SecureRandom();
        assertArrayEquals(payload, BackupFile.open(BackupFile.encrypted(payload, "pw", r, BackupFile.MIN_ITERATIONS), "pw"));
        assertArrayEquals(payload, BackupFile.open(BackupFile.seal(payload, null, r), ""));
        BackupPayload back = BackupPayload.decode(payload);
        assertEquals(sample().entries().keySet(), back.entries().keySet());
        assertArrayEquals(new byte[300], back.entries().get("ssh/host-key"));
    }

    @Test
    void namesThatLeaveTheDataDirectoryAreRefused() {
        for (String bad : new String[] {"../etc/passwd", "/etc/shadow", "ssh/../../x", "a//b", "a/", ".", "sp ace"}) {
            assertTrue(!BackupPayload.validName(bad), bad);
            // and the same name crafted into the bytes, past the constructor's check
            byte[] good = new BackupPayload(Map.of("zz", new byte[0])).encode();
            byte[] name = bad.getBytes(StandardCharsets.UTF_8);
            byte[] crafted = new byte[good.length - 2 + name.length];
            System.arraycopy(good, 0, crafted, 0, 6);
            crafted[6] = 0;
            crafted[7] = (byte) name.length;
            System.arraycopy(name, 0, crafted, 8, name.length);
            assertThrows(BackupFile.Refused.class, () -> BackupPayload.decode(crafted), bad);
        }
    }

    @Test
    void mutatedFilesAreRefusedNeverThrown() {
        Random rnd = new Random(SEED);
        System.out.println("BackupFileFuzzTest seed " + SEED + " (-Drose.fuzz.seed=" + SEED + " to replay)");
        byte[] payload = sample().encode();
        byte[] plain = BackupFile.seal(payload, null, new SecureRandom());
        byte[] sealed = BackupFile.encrypted(payload, "pw", new SecureRandom(), BackupFile.MIN_ITERATIONS);
        long end = System.currentTimeMillis() + BUDGET_MS;
        int runs = 0;
        int opened = 0;
        while (System.currentTimeMillis() < end) {
            byte[] base = switch (rnd.nextInt(3)) { case 0 -> plain; case 1 -> sealed; default -> payload; };
            byte[] m = mutate(base, rnd);
            try {
                BackupPayload.decode(m);                // the inside, as if it had been decrypted
            } catch (BackupFile.Refused e) {
                assertTrue(e.getMessage().startsWith("failure: "), e.getMessage());
            }
            // the sealed form costs a key derivation: mutate it less often
            if (base != sealed || rnd.nextInt(20) == 0) {
                try {
                    BackupPayload.decode(BackupFile.open(m, "pw"));
                    opened++;
                } catch (BackupFile.Refused e) {
                    assertTrue(e.getMessage().startsWith("failure: "), e.getMessage());
                }
            }
            runs++;
        }
        assertTrue(runs > 100, "only " + runs + " runs");
        System.out.println("BackupFileFuzzTest: " + runs + " mutated files, " + opened + " still opened");
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(5)) {
            case 0: { int n = 1 + rnd.nextInt(4); for (int i = 0; i < n; i++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8)); return b; }
            case 1: return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 2: { byte[] r = new byte[rnd.nextInt(200)]; rnd.nextBytes(r); return r; }
            case 3: { byte[] x = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64)); return x; }
            default: { int at = rnd.nextInt(b.length); b[at] = (byte) rnd.nextInt(256); if (at + 1 < b.length) b[at + 1] = (byte) 0xff; return b; }
        }
    }
}
