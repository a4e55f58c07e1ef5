package rose.dataplane.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files (not pcapng), which Wireshark and tshark read:
 * a 24-byte global header (magic 0xa1b2c3d4, version 2.4, snaplen, link type 1 =
 * Ethernet) then per frame a 16-byte record header (seconds, microseconds, captured
 * length, original length) and the bytes. Little-endian, as libpcap writes on x86;
 * readers detect byte order from the magic.
 *
 * <p>As a {@link CaptureSink} it is synchronized and buffered: a diagnostic tap costs the
 * worker a copy into the buffer, and an I/O error stops the capture instead of
 * reaching the packet path.
 */
public final class PcapWriter implements CaptureSink, Closeable {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;
    private final int snaplen;
    private final byte[] rec = new byte[16];
    private long frames;
    private IOException failure;

    public PcapWriter(OutputStream out, int snaplen) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.snaplen = snaplen;
        byte[] h = new byte[24];
        le32(h, 0, MAGIC);
        le16(h, 4, 2);
        le16(h, 6, 4);
        le32(h, 8, 0);       // thiszone
        le32(h, 12, 0);      // sigfigs
        le32(h, 16, snaplen);
        le32(h, 20, LINKTYPE_ETHERNET);
        this.out.write(h);
    }

    public static PcapWriter open(Path file) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), 65535);
    }

    @Override
    public synchronized void frame(long epochNanos, int ifId, boolean tx, byte[] data, int off, int len) {
        if (failure != null) return;
        int cap = Math.min(len, snaplen);
        le32(rec, 0, (int) (epochNanos / 1_000_000_000L));
        le32(rec, 4, (int) ((epochNanos % 1_000_000_000L) / 1000));
        le32(rec, 8, cap);
        le32(rec, 12, len);
        try {
            out.write(rec);
            out.write(data, off, cap);
            frames++;
        } catch (IOException e) {
            failure = e;
        }
    }

    public synchronized long frames() { return frames; }

    /** The I/O error that stopped the capture, or null. */
    public synchronized IOException failure() { return failure; }

    public synchronized void flush() {
        try { out.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private static void le16(byte[] b, int o, int v) { b[o] = (byte) v; b[o + 1] = (byte) (v >>> 8); }
    private static void le32(byte[] b, int o, int v) { le16(b, o, v); le16(b, o + 2, v >>> 16); }
}
