package rose.appliance.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * The API's word framing (reference 05 §2): a length in one to five bytes, big-endian, then
 * the word's bytes; an empty word ends a sentence.
 *
 * <pre>
 *   0x00-0x7F        1 byte   len
 *   0x80-0x3FFF      2 bytes  len | 0x8000
 *   0x4000-0x1FFFFF  3 bytes  len | 0xC00000
 *   ..0xFFFFFFF      4 bytes  len | 0xE0000000
 *   ..0xFFFFFFFF     5 bytes  0xF0, len
 *   first byte 0xF8-0xFF: reserved control byte
 * </pre>
 */
public final class ApiWords {
    /** {@link #readLength} could not decide yet: more bytes are needed. */
    public static final long NEED_MORE = -1;
    /** {@link #readLength} met a reserved control byte (0xF8-0xFF). */
    public static final long CONTROL = -2;

    private ApiWords() {
    }

    public static void writeLength(ByteBuf out, long len) {
        if (len < 0 || len > 0xFFFFFFFFL) throw new IllegalArgumentException("word length " + len);
        if (len < 0x80) {
            out.writeByte((int) len);
        } else if (len < 0x4000) {
            out.writeShort((int) (len | 0x8000));
        } else if (len < 0x200000) {
            out.writeMedium((int) (len | 0xC00000));
        } else if (len < 0x10000000) {
            out.writeInt((int) (len | 0xE0000000L));
        } else {
            out.writeByte(0xF0);
            out.writeInt((int) len);
        }
    }

    /**
     * Reads a length at the reader index and advances past it; returns {@link #NEED_MORE}
     * (index unchanged) or {@link #CONTROL}.
     */
    public static long readLength(ByteBuf in) {
        if (!in.isReadable()) return NEED_MORE;
        int b = in.getUnsignedByte(in.readerIndex());
        int size;
        if (b < 0x80) size = 1;
        else if ((b & 0xC0) == 0x80) size = 2;
        else if ((b & 0xE0) == 0xC0) size = 3;
        else if ((b & 0xF0) == 0xE0) size = 4;
        else if (b == 0xF0) size = 5;
        else return CONTROL;
        if (in.readableBytes() < size) return NEED_MORE;
        switch (size) {
            case 1: return in.readUnsignedByte();
            case 2: return in.readUnsignedShort() & 0x3FFF;
            case 3: return in.readUnsignedMedium() & 0x1FFFFF;
            case 4: return in.readUnsignedInt() & 0x0FFFFFFFL;
            default:
                in.skipBytes(1);
                return in.readUnsignedInt();
        }
    }

    public static void writeWord(ByteBuf out, String word) {
        byte[] b = word.getBytes(StandardCharsets.UTF_8);
        writeLength(out, b.length);
        out.writeBytes(b);
    }

    public static void writeSentence(ByteBuf out, List<String> words) {
        for (String w : words) writeWord(out, w);
        out.writeByte(0);
    }
}
