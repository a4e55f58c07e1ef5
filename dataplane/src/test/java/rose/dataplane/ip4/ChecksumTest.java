package rose.dataplane.ip4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ChecksumTest {
    /** RFC 1071 as written: 16-bit big-endian words, a trailing odd byte padded with zero. */
    private static long naive(byte[] a, int off, int len, long acc) {
        for (int i = 0; i + 1 < len; i += 2) acc += ((a[off + i] & 0xff) << 8) | (a[off + i + 1] & 0xff);
        if ((len & 1) != 0) acc += (a[off + len - 1] & 0xff) << 8;
        return acc;
    }

    @Test
    void wordSumFoldsToTheSixteenBitSumForEveryLengthAndAlignment() {
        Random r = new Random(4);
        byte[] a = new byte[1600];
        for (int round = 0; round < 2000; round++) {
            r.nextBytes(a);
            if (round % 3 == 0) java.util.Arrays.fill(a, (byte) 0xff);   // worst case for carries
            int off = r.nextInt(64), len = r.nextInt(a.length - off);
            long acc = r.nextInt(1 << 20);
            assertEquals(Checksum.fold(naive(a, off, len, acc)), Checksum.fold(Checksum.sum(a, off, len, acc)),
                    "off " + off + " len " + len);
        }
    }

    @Test
    void rfc1071ExampleAndHeaderVerify() {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, b.length, 0)));
        byte[] h = new byte[20];
        Ip4.writeHeader(h, 0, 20, 7, 0, 64, Ip4.PROTO_UDP, 0x0a000002, 0x0a000102);
        assertTrue(Checksum.verify(h, 0, 20));
        h[8]--;
        assertTrue(!Checksum.verify(h, 0, 20), "a changed TTL no longer verifies");
    }
}
