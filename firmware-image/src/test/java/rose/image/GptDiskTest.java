package rose.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPT we write is read back field by field (UEFI 2.10 §5.3) and, where util-linux's
 * {@code sfdisk} is installed, by an independent reader that also checks both CRCs.
 */
class GptDiskTest {
    static final UUID DISK = UUID.fromString("2fbe2a1c-c87b-4e4a-beec-6297ebe03ff9");
    static final UUID A = UUID.fromString("f0315244-ce29-4b59-9f94-244687458f3f");

    @TempDir Path dir;

    private Path write(GptDisk gpt) throws IOException {
        Path img = dir.resolve("disk.img");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ch.write(ByteBuffer.wrap(new byte[1]), gpt.diskBytes() - 1);
            gpt.writeTables(ch);
        }
        return img;
    }

    private static GptDisk sample() {
        GptDisk gpt = new GptDisk(DISK);
        gpt.add(new GptDisk.Partition(GptDisk.ESP, UUID.randomUUID(), "ESP", 8 * 1024 * 1024));
        gpt.add(new GptDisk.Partition(GptDisk.ROOT_X86_64, A, "rose-a", 3 * 1024 * 1024 + 512));
        gpt.add(new GptDisk.Partition(GptDisk.LINUX_DATA, UUID.randomUUID(), "rose-data", 1024 * 1024));
        return gpt;
    }

    @Test
    void partitionsStartOnMebibyteBoundariesAndDoNotOverlap() {
        GptDisk gpt = sample();
        var p = gpt.partitions();
        assertEquals(2048, p.get(0).firstLba());
        assertEquals(2048 + 16384 - 1, p.get(0).lastLba());
        assertEquals(18432, p.get(1).firstLba());
        // 3 MiB + one sector rounds the next start up to the next whole MiB
        assertEquals(18432 + 4 * 2048, p.get(2).firstLba());
        assertEquals(p.get(2).offset() + 2 * GptDisk.ALIGN, gpt.diskBytes());
    }

    @Test
    void headersEntriesAndProtectiveMbrAreWhatUefiReads() throws IOException {
        GptDisk gpt = sample();
        byte[] img = Files.readAllBytes(write(gpt));
        long sectors = img.length / 512;
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals((byte) 0x55, img[510]);
        assertEquals((byte) 0xAA, img[511]);
        assertEquals((byte) 0xEE, img[446 + 4]);
        assertEquals(1, b.getInt(446 + 8));
        assertEquals(sectors - 1, b.getInt(446 + 12) & 0xffffffffL);

        for (long headerLba : new long[] {1, sectors - 1}) {
            int h = (int) (headerLba * 512);
            assertEquals("EFI PART", new String(img, h, 8, StandardCharsets.US_ASCII));
            assertEquals(92, b.getInt(h + 12));
            byte[] header = Arrays.copyOfRange(img, h, h + 92);
            int stored = b.getInt(h + 16);
            Arrays.fill(header, 16, 20, (byte) 0);
            assertEquals(stored, crc(header), "header CRC at LBA " + headerLba);
            assertEquals(headerLba, b.getLong(h + 24));
            assertEquals(headerLba == 1 ? sectors - 1 : 1, b.getLong(h + 32));
            assertEquals(34, b.getLong(h + 40));
            assertEquals(sectors - 34, b.getLong(h + 48));
            assertArrayEquals(GptDisk.guidBytes(DISK), Arrays.copyOfRange(img, h + 56, h + 72));
            long entriesLba = b.getLong(h + 72);
            assertEquals(headerLba == 1 ? 2 : sectors - 33, entriesLba);
            assertEquals(128, b.getInt(h + 80));
            assertEquals(128, b.getInt(h + 84));
            byte[] entries = Arrays.copyOfRange(img, (int) entriesLba * 512, (int) entriesLba * 512 + 128 * 128);
            assertEquals(b.getInt(h + 88), crc(entries), "entry array CRC at LBA " + entriesLba);
        }

        int e1 = 2 * 512 + 128;                         // the second entry: rose-a
        assertArrayEquals(GptDisk.guidBytes(GptDisk.ROOT_X86_64), Arrays.copyOfRange(img, e1, e1 + 16));
        assertArrayEquals(GptDisk.guidBytes(A), Arrays.copyOfRange(img, e1 + 16, e1 + 32));
        assertEquals(18432, b.getLong(e1 + 32));
        assertEquals(18432 + 6144, b.getLong(e1 + 40));  // inclusive last LBA of 3 MiB + 1 sector
        assertEquals("rose-a", new String(img, e1 + 56, 12, StandardCharsets.UTF_16LE));
    }

    @Test
    void guidsAreMixedEndianOnDisk() {
        // the ESP type as every partitioning tool writes it
        byte[] esp = GptDisk.guidBytes(GptDisk.ESP);
        assertArrayEquals(new byte[] {0x28, 0x73, 0x2a, (byte) 0xc1, 0x1f, (byte) 0xf8, (byte) 0xd2, 0x11,
            (byte) 0xba, 0x4b, 0x00, (byte) 0xa0, (byte) 0xc9, 0x3e, (byte) 0xc9, 0x3b}, esp);
    }

    @Test
    void sfdiskReadsTheSameTable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tool.present("sfdisk"), "sfdisk (util-linux fdisk) not installed: cross-check skipped");
        Path img = write(sample());
        Process p = new ProcessBuilder("sfdisk", "--dump", img.toString()).redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), dump);
        assertTrue(dump.contains("label: gpt"), dump);
        assertTrue(dump.contains("label-id: " + DISK.toString().toUpperCase()), dump);
        assertTrue(dump.contains("start=       18432, size=        6145, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid="
                + A.toString().toUpperCase() + ", name=\"rose-a\""), dump);
        Process v = new ProcessBuilder("sfdisk", "--verify", img.toString()).redirectErrorStream(true).start();
        String verify = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, v.waitFor(), verify);
        assertTrue(!verify.toLowerCase().contains("crc") && !verify.toLowerCase().contains("corrupt"), verify);
    }

    @Test
    void refusesNamesAndSizesGptCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new GptDisk.Partition(GptDisk.ESP, A, "x".repeat(37), 512));
        assertThrows(IllegalArgumentException.class, () -> new GptDisk.Partition(GptDisk.ESP, A, "ESP", 1000));
    }

    private static int crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return (int) c.getValue();
    }
}
