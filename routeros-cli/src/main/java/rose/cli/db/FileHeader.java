package rose.cli.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first bytes of every store file:
 *
 * <pre>
 * magic (8 ASCII bytes) | format version (u8) | frame{ generation u64, state version u64 }
 * </pre>
 *
 * A snapshot's state version is the version of the state it holds; a journal's is the version
 * its first record builds on (the snapshot's), so a journal paired with the wrong snapshot is
 * caught at load.
 */
record FileHeader(Kind kind, long generation, long stateVersion) {
    static final int FORMAT_VERSION = 1;
    static final int SIZE = 8 + 1 + Frame.HEADER + 16;

    enum Kind {
        SNAPSHOT("ROSESNAP"), JOURNAL("ROSEJRNL");

        final byte[] magic;

        Kind(String magic) {
            this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        }
    }

    byte[] encode() {
        Wire.Out payload = new Wire.Out(16).u64(generation).u64(stateVersion);
        Wire.Out out = new Wire.Out(SIZE);
        out.bytes(kind.magic).u8(FORMAT_VERSION).bytes(Frame.encode(payload.toByteArray()));
        return out.toByteArray();
    }

    /** Decodes the header at the start of {@code data}; any defect is a hard error. */
    static FileHeader decode(Kind kind, Path file, byte[] data) throws CorruptStoreException {
        if (data.length < 9) throw CorruptStoreException.at(file, 0, "file too short for a header (" + data.length + " bytes)");
        if (!Arrays.equals(data, 0, 8, kind.magic, 0, 8))
            throw CorruptStoreException.at(file, 0, "not a ROSE " + kind.name().toLowerCase() + " file (bad magic)");
        int version = data[8] & 0xFF;
        if (version != FORMAT_VERSION)
            throw CorruptStoreException.at(file, 8, "format version " + version
                    + " is not readable by this build (reads version " + FORMAT_VERSION + ")");
        Frame.Status s = Frame.check(data, 9, data.length);
        if (s != Frame.Status.VALID || Frame.length(data, 9) != 16)
            throw CorruptStoreException.at(file, 9, "damaged header (" + s + ")");
        Wire.In in = new Wire.In(java.nio.ByteBuffer.wrap(data, 9 + Frame.HEADER, 16));
        try {
            return new FileHeader(kind, in.u64(), in.u64());
        } catch (Wire.MalformedException e) {
            throw new AssertionError(e); // 16 bytes were checked above
        }
    }
}
