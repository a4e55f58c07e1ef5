package rose.cli.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to one journal. Each record goes down in one positional write of its whole
 * frame; {@link #sync} is {@code fdatasync}, which also makes the grown file length durable.
 * Not thread-safe: the store serialises calls.
 */
final class JournalWriter implements AutoCloseable {
    private final Path file;
    private final long generation;
    private final FileChannel channel;
    private long size;
    private int records;

    private JournalWriter(Path file, long generation, FileChannel channel, long size, int records) {
        this.file = file;
        this.generation = generation;
        this.channel = channel;
        this.size = size;
        this.records = records;
    }

    /**
     * A new, empty journal {@code generation} whose first record builds on {@code baseVersion}.
     * It appears under its name only once its header is durable, so a journal file never has a
     * torn header.
     */
    static JournalWriter create(Path dir, long generation, long baseVersion) throws IOException {
        Path file = DataDir.journal(dir, generation);
        byte[] header = new FileHeader(FileHeader.Kind.JOURNAL, generation, baseVersion).encode();
        DataDir.writeAtomically(file, header);
        return new JournalWriter(file, generation, FileChannel.open(file, StandardOpenOption.WRITE), header.length, 0);
    }

    /** Reopens a journal for appending after its good records, cutting off a torn tail. */
    static JournalWriter resume(Path file, JournalReader.Result found) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            if (found.fileSize() > found.validEnd()) {
                ch.truncate(found.validEnd());
                ch.force(true);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new JournalWriter(file, found.header().generation(), ch, found.validEnd(), found.records().size());
    }

    void append(byte[] payload) throws IOException {
        byte[] frame = Frame.encode(payload);
        DataDir.writeFully(channel, ByteBuffer.wrap(frame), size);
        size += frame.length;
        records++;
    }

    void sync() throws IOException {
        channel.force(false);
    }

    Path file() {
        return file;
    }

    long generation() {
        return generation;
    }

    long size() {
        return size;
    }

    int records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
