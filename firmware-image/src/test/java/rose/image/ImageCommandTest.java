package rose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rose image build}'s options: what is refused before anything is built, and the defaults. */
class ImageCommandTest {
    @TempDir Path dir;
    static final List<Path> CP = List.of(Path.of("appliance.jar"));

    private static String refusal(List<String> args) {
        return assertThrows(IllegalArgumentException.class, () -> ImageCommand.parse(args, Map.of(), CP)).getMessage();
    }

    @Test
    void defaultsToThisMachinesArchitectureADetectedBoardAndNoCredentials() {
        ImageSpec s = ImageCommand.parse(List.of("--arch", "amd64"), Map.of("XDG_CACHE_HOME", "/var/cache/x"), CP);
        assertEquals(Arch.AMD64, s.arch());
        assertNull(s.board());
        assertNull(s.passwordFile());
        assertNull(s.sshKeyFile());
        assertEquals(Path.of("rose-amd64.img"), s.out());
        assertEquals(Path.of("/var/cache/x/rose-image"), s.cache());
        assertTrue(s.newSigningKey(), "the builder's own update key, made on the first build");
        assertEquals(Path.of("/etc/x/rose-image/update-signing.key"),
                ImageCommand.parse(List.of(), Map.of("XDG_CONFIG_HOME", "/etc/x"), CP).signingKey());
    }

    @Test
    void aSigningKeyIsCheckedBeforeTheBuildAndNeverMade() throws IOException {
        assertEquals("cannot read the signing key " + dir.resolve("nope.key"), refusal(List.of("--signing-key", dir.resolve("nope.key").toString())));
        Path ssh = Files.writeString(dir.resolve("id.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk9e8GmT0T4a1bJ0Nf8 me@laptop\n");
        assertTrue(refusal(List.of("--signing-key", ssh.toString())).startsWith("the signing key " + ssh + " is not an Ed25519 private key in PEM"));
        Path key = dir.resolve("fleet.key");
        rose.appliance.upgrade.UpdateSignature.writePrivate(key, rose.appliance.upgrade.UpdateSignature.generate().getPrivate());
        ImageSpec s = ImageCommand.parse(List.of("--signing-key", key.toString()), Map.of(), CP);
        assertEquals(key, s.signingKey());
        assertFalse(s.newSigningKey());
    }

    @Test
    void theBuildersOwnKeyIsMadeOnceAndKept() throws IOException {
        Path file = dir.resolve("config/rose-image/update-signing.key");
        UpdateSigningKey first = UpdateSigningKey.load(file, true);
        assertTrue(first.made);
        UpdateSigningKey again = UpdateSigningKey.load(file, true);
        assertFalse(again.made);
        assertEquals(first.publicPem(), again.publicPem(), "the second build signs with the first one's key");
        assertTrue(first.publicPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }

    @Test
    void refusesWhatCannotBeBuilt() {
        assertEquals("--arch must be amd64 or arm64, not mipsbe", refusal(List.of("--arch", "mipsbe")));
        assertTrue(refusal(List.of("--board", "rb9999")).startsWith("no such board: rb9999 (known: "));
        // a MikroTik board of another CPU: said so, with the option that fits
        assertEquals("board rb5009 is arm64, not amd64 (use --arch arm64)", refusal(List.of("--arch", "amd64", "--board", "rb5009")));
        assertEquals("board chr is x86_64, not arm64 (use --arch amd64)", refusal(List.of("--arch", "arm64", "--board", "chr")));
        assertEquals("unknown argument: --colour", refusal(List.of("--colour", "red")));
        assertEquals("--out needs a value", refusal(List.of("--out")));
        assertEquals("--board needs a value", refusal(List.of("--board=")));
    }

    @Test
    void credentialsAreCheckedBeforeTheBuild() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("the password file " + empty + " is empty", refusal(List.of("--password-file", empty.toString())));
        assertEquals("cannot read the password file " + dir.resolve("nope"), refusal(List.of("--password-file", dir.resolve("nope").toString())));
        Path priv = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        assertTrue(refusal(List.of("--ssh-key", priv.toString())).contains("must hold one public key line"));
        Path junk = Files.writeString(dir.resolve("junk.pub"), "hello world\n");
        assertTrue(refusal(List.of("--ssh-key", junk.toString())).contains("holds no OpenSSH public key"));
        Path quote = Files.writeString(dir.resolve("q.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO \"x\n");
        assertTrue(refusal(List.of("--ssh-key", quote.toString())).contains("holds no OpenSSH public key"));

        Path pub = Files.writeString(dir.resolve("id.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk9e8GmT0T4a1bJ0Nf8 me@laptop\n");
        Path pw = Files.writeString(dir.resolve("pw"), "s3cret\n");
        ImageSpec s = ImageCommand.parse(List.of("--ssh-key", pub.toString(), "--password-file=" + pw, "--board", "chr",
                "--out", dir.resolve("x.img").toString()), Map.of(), CP);
        assertEquals("chr", s.board());
        assertEquals("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOk9e8GmT0T4a1bJ0Nf8 me@laptop", ImageCommand.sshKeyLine(s.sshKeyFile()));
    }

    @Test
    void unknownSubcommandIsRefusedWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImageCommand.run(List.of("flash"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("rose image: unknown command: flash\nUsage: rose image build"));
    }
}
