package rose.cli.db;

import java.util.zip.CRC32C;

/**
 * The unit every store file is made of:
 *
 * <pre>
 *  0               4               8
 * +---------------+---------------+---------------------------+
 * | length  (u32) | crc32c  (u32) | payload (length bytes)    |
 * +---------------+---------------+---------------------------+
 * </pre>
 *
 * The CRC-32C covers the four length bytes and the payload, so a damaged length cannot make a
 * frame of the wrong size look valid.
 */
final class Frame {
    static final int HEADER = 8;
    /** Far above any one command; a larger length is damage, not data. */
    static final int MAX_PAYLOAD = 64 << 20;

    private Frame() {
    }

    static byte[] encode(byte[] payload) {
        if (payload.length > MAX_PAYLOAD)
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        Wire.Out out = new Wire.Out(HEADER + payload.length);
        out.u32(payload.length).u32(crc(payload.length, payload, 0)).bytes(payload);
        return out.toByteArray();
    }

    static int crc(int length, byte[] data, int offset) {
        CRC32C crc = new CRC32C();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** What {@link #check} found at an offset. */
    enum Status { VALID, SHORT, BAD_LENGTH, BAD_CRC }

    /**
     * Checks the frame starting at {@code pos} in {@code data[0, end)}. {@link Status#SHORT}
     * means the bytes run out before the frame does: the shape of a write cut off by a crash.
     */
    static Status check(byte[] data, int pos, int end) {
        if (end - pos < HEADER) return Status.SHORT;
        int length = readInt(data, pos);
        if (length < 0 || length > MAX_PAYLOAD) return Status.BAD_LENGTH;
        if (end - pos - HEADER < length) return Status.SHORT;
        int stored = readInt(data, pos + 4);
        return stored == crc(length, data, pos + HEADER) ? Status.VALID : Status.BAD_CRC;
    }

    /** Payload length of a frame that {@link #check} found valid. */
    static int length(byte[] data, int pos) {
        return readInt(data, pos);
    }

    private static int readInt(byte[] d, int p) {
        return (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    }
}
