package rose.cli.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a journal and decides where its good records end.
 *
 * <pre>
 * file := header{JOURNAL, generation G, base version V}  frame(record)*
 * </pre>
 *
 * A crash can only damage the end of a journal: the record being appended is short, or (after
 * a power cut, when the kernel wrote pages out of order) full-length but with a bad checksum.
 * Such a tail is dropped. Damage followed by a good record is something else (a bad disk, a
 * stray write) and stops the load: dropping it would silently lose committed commands.
 */
final class JournalReader {
    private JournalReader() {
    }

    /**
     * @param records      the payloads of the good records, in order
     * @param validEnd     where the good records end; the file is cut here before appending
     * @param fileSize     the file's size as found
     * @param discarded    why the bytes after {@code validEnd} were dropped, or null
     */
    record Result(FileHeader header, List<byte[]> records, List<Long> offsets, long validEnd, long fileSize,
            String discarded) {
    }

    static Result read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        FileHeader header = FileHeader.decode(FileHeader.Kind.JOURNAL, file, data);
        List<byte[]> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        int pos = FileHeader.SIZE;
        while (pos < data.length) {
            Frame.Status s = Frame.check(data, pos, data.length);
            if (s != Frame.Status.VALID) {
                int next = nextValidFrame(data, pos + 1);
                if (next >= 0)
                    throw CorruptStoreException.at(file, pos, "record " + (records.size() + 1) + " is damaged (" + s
                            + ") but a valid record follows at byte offset " + next
                            + "; refusing to drop committed configuration (the file is left as found)");
                return new Result(header, records, offsets, pos, data.length,
                        (data.length - pos) + " bytes of an incomplete last record (" + s + ") at byte offset " + pos);
            }
            int length = Frame.length(data, pos);
            records.add(Arrays.copyOfRange(data, pos + Frame.HEADER, pos + Frame.HEADER + length));
            offsets.add((long) pos);
            pos += Frame.HEADER + length;
        }
        return new Result(header, records, offsets, pos, data.length, null);
    }

    /** The first offset at or after {@code from} where a whole, checksummed frame starts, or -1. */
    static int nextValidFrame(byte[] data, int from) {
        for (int q = from; q + Frame.HEADER <= data.length; q++) {
            if (Frame.check(data, q, data.length) == Frame.Status.VALID && Frame.length(data, q) > 0) return q;
        }
        return -1;
    }
}
