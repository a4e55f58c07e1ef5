package rose.image;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code rose image build} was asked for, checked: architecture, board (null: detected
 * on the board at boot), output file, credentials to bake in (none: the first console login
 * sets admin's password), where caches live, ROSE's class path to install, and the key its
 * updates are signed with ({@link UpdateSigningKey}; {@code newSigningKey}: made there if missing,
 * the builder's default key, never a file the user named).
 */
record ImageSpec(Arch arch, String board, Path out, Path passwordFile, Path sshKeyFile, Path cache,
                 List<Path> roseClassPath, Path signingKey, boolean newSigningKey) {
}
