package rose.appliance.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update signature: Ed25519 over the manifest, keys in OpenSSL's PEM files, and a manifest
 * parser that refuses whatever a mutated upload holds (the seed is printed for a replay with
 * {@code -Drose.fuzz.seed=}).
 */
class UpdateSignatureTest {
    static final long SEED = Long.getLong("rose.fuzz.seed", System.nanoTime());

    @TempDir
    Path dir;

    private Path bundle(KeyPair key) throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : UpdateBundle.PARTS) {
            files.put(name, Files.writeString(parts.resolve(name), "the " + name));
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("arch", "amd64");
        v.put("version", "7.18.2");
        v.put("built", "20261123010000");
        Path out = dir.resolve("rose-amd64.update");
        UpdateBundle.write(out, v, files, key == null ? null : key.getPrivate());
        return out;
    }

    private static UpdateBundle.Manifest manifest(byte[] bundle) throws Exception {
        return UpdateBundle.readManifest(new ByteArrayInputStream(bundle));
    }

    @Test
    void aSignedManifestVerifiesWithItsKeyOnly() throws Exception {
        KeyPair key = UpdateSignature.generate();
        UpdateBundle.Manifest m = manifest(Files.readAllBytes(bundle(key)));
        assertEquals(64, m.signature().length);
        assertTrue(new String(m.signed(), StandardCharsets.UTF_8).endsWith(":" + UpdateBundle.sha256(dir.resolve("parts/root.img.zst")) + "\n"),
                "the signature covers every part's checksum");
        assertEquals("20261123010000", m.get("built"));
        assertNull(m.get("signature"), "the signature is not a manifest value");
        UpdateSignature.verify(m, key.getPublic());
        assertThrows(UpdateBundle.Refused.class, () -> UpdateSignature.verify(m, UpdateSignature.generate().getPublic()));

        UpdateBundle.Manifest unsigned = manifest(Files.readAllBytes(bundle(null)));
        assertNull(unsigned.signature());
        assertEquals("failure: update is not signed; this router installs only signed updates",
                assertThrows(UpdateBundle.Refused.class, () -> UpdateSignature.verify(unsigned, key.getPublic())).getMessage());
    }

    @Test
    void keysRoundTripThroughPemFiles() throws Exception {
        KeyPair key = UpdateSignature.generate();
        Path priv = dir.resolve("keys/update-signing.key");
        UpdateSignature.writePrivate(priv, key.getPrivate());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        Path pub = Files.writeString(dir.resolve("update-key.pub"), UpdateSignature.publicPem(key.getPublic()));
        assertArrayEquals(key.getPublic().getEncoded(), UpdateSignature.readPublic(pub).getEncoded());
        assertArrayEquals(key.getPrivate().getEncoded(), UpdateSignature.readPrivate(priv).getEncoded());
        assertArrayEquals(key.getPublic().getEncoded(), UpdateSignature.publicOf(UpdateSignature.readPrivate(priv)).getEncoded(),
                "the public key derived from the private one is the generated one");
        assertThrows(IOException.class, () -> UpdateSignature.readPublic(priv), "a private key is no public key");
    }

    /** A key made by OpenSSL, as whoever builds images may have one, reads and derives the same public key. */
    @Test
    void openSslKeysAreAccepted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl missing");
        Path priv = dir.resolve("openssl.key");
        Path pub = dir.resolve("openssl.pub");
        assertEquals(0, new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out", priv.toString()).start().waitFor());
        assertEquals(0, new ProcessBuilder("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString()).start().waitFor());
        PublicKey derived = UpdateSignature.publicOf(UpdateSignature.readPrivate(priv));
        assertArrayEquals(UpdateSignature.readPublic(pub).getEncoded(), derived.getEncoded());
        assertEquals(Files.readString(pub), UpdateSignature.publicPem(derived), "the same PEM text as openssl pkey -pubout");
    }

    /** A base64 flip once spelt the signature as its 64 octets and a zero one, which JDK 17's Ed25519 accepts. */
    @Test
    void aSignatureWithATrailingZeroOctetIsRefused() throws Exception {
        KeyPair key = UpdateSignature.generate();
        UpdateBundle.Manifest m = manifest(Files.readAllBytes(bundle(key)));
        UpdateSignature.verify(m, key.getPublic());
        UpdateBundle.Manifest padded = new UpdateBundle.Manifest(m.values(), m.parts(), m.signed(), Arrays.copyOf(m.signature(), 65));
        UpdateBundle.Refused e = assertThrows(UpdateBundle.Refused.class, () -> UpdateSignature.verify(padded, key.getPublic()));
        assertTrue(e.getMessage().startsWith("failure: update signature is invalid"), e.getMessage());
    }

    @Test
    void mutatedManifestsAreRefusedOrFailTheSignature() throws Exception {
        System.out.println("UpdateSignatureTest seed " + SEED);
        KeyPair key = UpdateSignature.generate();
        byte[] good = Files.readAllBytes(bundle(key));
        int manifestEnd = 12 + ((good[8] & 0xff) << 24 | (good[9] & 0xff) << 16 | (good[10] & 0xff) << 8 | good[11] & 0xff);
        UpdateBundle.Manifest original = manifest(good);
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = Arrays.copyOf(good, good.length);
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = r.nextInt(manifestEnd);
                b[at] = r.nextInt(3) == 0 ? (byte) "=:\n".charAt(r.nextInt(3)) : (byte) r.nextInt(256);
            }
            if (r.nextInt(10) == 0) b = Arrays.copyOf(b, r.nextInt(b.length));
            UpdateBundle.Manifest m;
            try {
                m = manifest(b);
            } catch (UpdateBundle.Refused e) {
                assertTrue(e.getMessage().startsWith("failure: "), e.getMessage());
                continue;
            }
            // base64 ignores the spare low bits of its last character: the same signature can be spelt two ways
            boolean same = Arrays.equals(m.signed(), original.signed()) && Arrays.equals(m.signature(), original.signature());
            if (same) {
                UpdateSignature.verify(m, key.getPublic());
            } else {
                UpdateBundle.Manifest changed = m;
                assertThrows(UpdateBundle.Refused.class, () -> UpdateSignature.verify(changed, key.getPublic()),
                        "a changed manifest never verifies (seed " + SEED + ")");
            }
        }
    }
}
