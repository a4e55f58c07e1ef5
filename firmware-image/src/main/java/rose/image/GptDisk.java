package rose.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A GUID partition table (UEFI 2.10 §5.3) written into a disk image file, so the image needs
 * neither root, loop devices nor {@code sfdisk}.
 *
 * <pre>
 * LBA 0            protective MBR: one partition of type 0xEE covering the disk
 * LBA 1            primary header ("EFI PART", CRCs of itself and of the entry array)
 * LBA 2..33        128 entries of 128 bytes
 * ...              partitions, each aligned to 1 MiB (what every partitioning tool does today)
 * LBA N-33..N-2    backup entry array
 * LBA N-1          backup header (my/alternate LBA swapped)
 * </pre>
 */
final class GptDisk {
    static final int SECTOR = 512;
    static final long ALIGN = 1024 * 1024;
    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;
    private static final int ENTRY_SECTORS = ENTRIES * ENTRY_SIZE / SECTOR;

    static final UUID ESP = UUID.fromString("c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
    static final UUID ROOT_X86_64 = UUID.fromString("4f68bce3-e8cd-4db1-96e7-fbcaf984b709");
    static final UUID ROOT_ARM64 = UUID.fromString("b921b045-1df0-41c3-af44-4c6f280d3fae");
    static final UUID LINUX_DATA = UUID.fromString("0fc63daf-8483-4772-8e79-3d69d8477de4");

    /** One partition: GPT type, its own GUID (the kernel's {@code root=PARTUUID=}), label, size. */
    record Partition(UUID type, UUID guid, String name, long bytes) {
        Partition {
            if (name.length() > 36) throw new IllegalArgumentException("GPT partition names hold 36 characters: " + name);
            if (bytes <= 0 || bytes % SECTOR != 0) throw new IllegalArgumentException("partition size must be whole sectors: " + bytes);
        }
    }

    /** Where a partition landed: byte offset and length in the image. */
    record Placed(Partition partition, long offset) {
        long firstLba() { return offset / SECTOR; }
        long lastLba() { return (offset + partition.bytes()) / SECTOR - 1; }
    }

    private final UUID diskGuid;
    private final List<Placed> placed = new ArrayList<>();
    private long next = ALIGN;

    GptDisk(UUID diskGuid) {
        this.diskGuid = diskGuid;
    }

    /** Appends a partition at the next 1 MiB boundary. */
    Placed add(Partition p) {
        if (placed.size() == ENTRIES) throw new IllegalStateException("a GPT holds " + ENTRIES + " entries");
        Placed at = new Placed(p, next);
        placed.add(at);
        next = roundUp(next + p.bytes(), ALIGN);
        return at;
    }

    List<Placed> partitions() {
        return List.copyOf(placed);
    }

    /** The image size: the partitions plus room for the backup table, a whole MiB. */
    long diskBytes() {
        return next + ALIGN;
    }

    /** Writes MBR, both headers and both entry arrays; the file must already be {@link #diskBytes} long. */
    void writeTables(FileChannel disk) throws IOException {
        long sectors = diskBytes() / SECTOR;
        byte[] entries = entryArray();
        CRC32 crc = new CRC32();
        crc.update(entries);
        int entriesCrc = (int) crc.getValue();
        long firstUsable = 2 + ENTRY_SECTORS;
        long lastUsable = sectors - 2 - ENTRY_SECTORS;
        write(disk, 0, protectiveMbr(sectors));
        write(disk, SECTOR, header(1, sectors - 1, 2, firstUsable, lastUsable, entriesCrc));
        write(disk, 2L * SECTOR, entries);
        write(disk, (sectors - 1 - ENTRY_SECTORS) * SECTOR, entries);
        write(disk, (sectors - 1) * SECTOR, header(sectors - 1, 1, sectors - 1 - ENTRY_SECTORS, firstUsable, lastUsable, entriesCrc));
    }

    private byte[] protectiveMbr(long sectors) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        b.position(446);
        b.put((byte) 0).put((byte) 0x00).put((byte) 0x02).put((byte) 0x00); // not bootable, CHS 0/0/2
        b.put((byte) 0xEE).put((byte) 0xFF).put((byte) 0xFF).put((byte) 0xFF); // GPT protective, CHS max
        b.putInt(1);
        b.putInt((int) Math.min(sectors - 1, 0xFFFFFFFFL));
        b.position(510);
        b.put((byte) 0x55).put((byte) 0xAA);
        return b.array();
    }

    private byte[] header(long myLba, long alternateLba, long entriesLba, long firstUsable, long lastUsable, int entriesCrc) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        b.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x00010000);             // revision 1.0
        b.putInt(92);                     // header size
        b.putInt(0);                      // header CRC32, filled in below
        b.putInt(0);                      // reserved
        b.putLong(myLba).putLong(alternateLba).putLong(firstUsable).putLong(lastUsable);
        b.put(guidBytes(diskGuid));
        b.putLong(entriesLba).putInt(ENTRIES).putInt(ENTRY_SIZE).putInt(entriesCrc);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 92);
        b.putInt(16, (int) crc.getValue());
        return b.array();
    }

    private byte[] entryArray() {
        ByteBuffer b = ByteBuffer.allocate(ENTRIES * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            b.position(i * ENTRY_SIZE);
            b.put(guidBytes(p.partition().type())).put(guidBytes(p.partition().guid()));
            b.putLong(p.firstLba()).putLong(p.lastLba()).putLong(0);
            b.put(p.partition().name().getBytes(StandardCharsets.UTF_16LE));
        }
        return b.array();
    }

    /** GUIDs on disk: the first three fields little-endian, the last two as written (RFC 4122 "mixed endian"). */
    static byte[] guidBytes(UUID u) {
        ByteBuffer be = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        byte[] s = be.array();
        return new byte[] {s[3], s[2], s[1], s[0], s[5], s[4], s[7], s[6],
            s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15]};
    }

    private static void write(FileChannel ch, long at, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) at += ch.write(b, at);
    }

    static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }
}
