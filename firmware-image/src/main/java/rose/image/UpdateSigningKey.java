package rose.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;

import rose.appliance.upgrade.UpdateSignature;

/**
 * The key updates are signed with: its public half is baked into every image built with it
 * ({@code /usr/lib/rose/update-key.pub}), and the router installs only updates it signed. So the
 * images of one fleet and their updates must come from one key: {@code --signing-key FILE} (an
 * Ed25519 PKCS#8 PEM, {@code openssl genpkey -algorithm ed25519 -out FILE}), or the builder's
 * own, made on the first build and kept outside the cache (a cleared cache must not orphan the
 * boards): {@code $XDG_CONFIG_HOME/rose-image/update-signing.key}, else
 * {@code ~/.config/rose-image/update-signing.key}.
 */
final class UpdateSigningKey {
    private final PrivateKey key;
    private final PublicKey publicKey;
    final Path file;
    final boolean made;

    private UpdateSigningKey(Path file, PrivateKey key, PublicKey publicKey, boolean made) {
        this.file = file;
        this.key = key;
        this.publicKey = publicKey;
        this.made = made;
    }

    static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("rose-image").resolve("update-signing.key");
    }

    /** The key in {@code file}; with {@code create}, a new one written there first if there is none. */
    static UpdateSigningKey load(Path file, boolean create) throws IOException {
        boolean made = false;
        if (create && !Files.exists(file)) {
            Path mine = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid());
            UpdateSignature.writePrivate(mine, UpdateSignature.generate().getPrivate());
            try {
                // no replacing: a build racing this one may have made the key first, and it wins
                Files.move(mine, file);
                made = true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.delete(mine);
            }
        }
        PrivateKey key = UpdateSignature.readPrivate(file);
        return new UpdateSigningKey(file, key, UpdateSignature.publicOf(key), made);
    }

    PrivateKey privateKey() {
        return key;
    }

    /** The public key as the image carries it (PEM, as {@code openssl pkey -pubout} writes it). */
    String publicPem() {
        return UpdateSignature.publicPem(publicKey);
    }
}
