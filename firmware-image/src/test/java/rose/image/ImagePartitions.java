package rose.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of a built (not running) GPT disk image by name, read back as UEFI 2.9 §5.3
 * lays them out (header at LBA 1, 128-byte entries), and the file-system tools' way in: copy a
 * partition out to a file, let {@code debugfs}/{@code e2fsck} work on it, copy it back. Nothing
 * is loop-mounted, as in the build.
 */
record ImagePartitions(List<Part> parts) {
    record Part(String name, long offset, long bytes) {
    }

    static ImagePartitions read(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 512);
            long entriesLba = h.getLong(72);
            int count = h.getInt(80);
            int size = h.getInt(84);
            ByteBuffer e = ByteBuffer.allocate(count * size).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(e, entriesLba * 512);
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int base = i * size;
                long first = e.getLong(base + 32);
                long last = e.getLong(base + 40);
                if (first == 0) continue;
                byte[] name = new byte[72];
                e.get(base + 56, name);
                String n = new String(name, StandardCharsets.UTF_16LE).replace("\0", "");
                parts.add(new Part(n, first * 512, (last - first + 1) * 512));
            }
            return new ImagePartitions(parts);
        }
    }

    Part partition(String name) {
        for (Part p : parts) if (p.name().equals(name)) return p;
        throw new AssertionError("no partition " + name + " in " + parts);
    }

    /** A file system edited in a file of its own. */
    interface Edit {
        void apply(Path fileSystem) throws Exception;
    }

    /** Copies partition {@code name} of {@code image} out to {@code scratch}, edits it there and copies it back. */
    void edit(Path image, String name, Path scratch, Edit edit) throws Exception {
        Part p = partition(name);
        copyRange(image, p.offset(), p.bytes(), scratch, 0);
        try {
            edit.apply(scratch);
            copyRange(scratch, 0, p.bytes(), image, p.offset());
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    static void copyRange(Path from, long at, long length, Path to, long toAt) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long done = 0; done < length; ) {
                long n = in.transferTo(at + done, length - done, out.position(toAt + done));
                if (n <= 0) throw new IOException("short copy");
                done += n;
            }
        }
    }
}
