package rose.cli.db;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data directory holds bytes that a crash cannot explain: a bad record followed by good
 * ones, a snapshot that fails its checksum, a journal without its snapshot. Loading stops here
 * rather than silently drop committed configuration; the files are left untouched for an
 * operator (or a backup) to sort out.
 */
public final class CorruptStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptStoreException(String message) {
        super(message);
    }

    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static CorruptStoreException at(Path file, long offset, String what) {
        return new CorruptStoreException(file + ": " + what + " at byte offset " + offset);
    }
}
