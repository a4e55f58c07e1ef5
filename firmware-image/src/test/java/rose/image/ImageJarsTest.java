package rose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ROSE's class path lands in the image: signed jars unsigned, class directories packed. */
class ImageJarsTest {
    @TempDir Path dir;

    /** Bouncy Castle's provider jar, signed by its publisher, from this test's own class path. */
    private static Path signedJar() {
        for (Path p : ImageCommand.classPath()) if (p.getFileName().toString().startsWith("bcprov-")) return p;
        return null;
    }

    @Test
    void signedJarLosesItsSignatureButKeepsEveryClassAndTheMainAttributes() throws Exception {
        Path bc = signedJar();
        Assumptions.assumeTrue(bc != null, "bcprov is not on the test class path");
        Path out = dir.resolve("bcprov.jar");
        ImageBuilder.copyUnsigned(bc, out);
        try (JarFile before = new JarFile(bc.toFile()); JarFile after = new JarFile(out.toFile())) {
            assertTrue(before.stream().anyMatch(e -> ImageBuilder.isSignature(e.getName())), "bcprov was expected to be signed");
            assertFalse(after.stream().anyMatch(e -> ImageBuilder.isSignature(e.getName())));
            long classes = before.stream().filter(e -> e.getName().endsWith(".class")).count();
            assertEquals(classes, after.stream().filter(e -> e.getName().endsWith(".class")).count());
            // a manifest of main attributes only: no per-entry digests left to parse at start-up
            assertTrue(after.getManifest().getEntries().isEmpty());
            assertEquals(before.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"),
                    after.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            JarEntry e = after.getJarEntry("org/bouncycastle/jce/provider/BouncyCastleProvider.class");
            assertNotNull(e);
            try (InputStream in = after.getInputStream(e)) {
                in.readAllBytes();
            }
            CodeSigner[] signers = e.getCodeSigners();
            assertNull(signers);
        }
    }

    @Test
    void unsignedJarIsCopiedAsIs() throws Exception {
        Path src = dir.resolve("plain.jar");
        Files.createDirectories(dir.resolve("classes/a/b"));
        Files.writeString(dir.resolve("classes/a/b/C.class"), "not really a class");
        ImageBuilder.jarDirectory(dir.resolve("classes"), src);
        Path out = dir.resolve("copy.jar");
        ImageBuilder.copyUnsigned(src, out);
        assertEquals(-1L, Files.mismatch(src, out));
        try (JarFile jf = new JarFile(out.toFile())) {
            assertNotNull(jf.getJarEntry("a/b/C.class"));
            assertNotNull(jf.getJarEntry("a/b/"));
        }
    }
}
