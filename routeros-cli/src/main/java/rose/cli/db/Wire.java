package rose.cli.db;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The primitive encodings shared by journal records and snapshots. All integers are
 * big-endian; {@code varint} is LEB128 (7 bits a byte, low group first); strings are a varint
 * byte count followed by CESU-8 (every UTF-16 unit encoded as UTF-8 would encode it, so any
 * Java string, lone surrogates included, round-trips exactly; for text without surrogates it is
 * plain UTF-8).
 */
final class Wire {
    private Wire() {
    }

    /** A growable byte sink. */
    static final class Out {
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        int size() {
            return len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }

        Out u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        Out u32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
            return this;
        }

        Out u64(long v) {
            u32((int) (v >>> 32));
            return u32((int) v);
        }

        /** Unsigned LEB128. */
        Out varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            return this;
        }

        /** Signed int, zigzag then LEB128 (small negatives stay small). */
        Out zigzag(int v) {
            return varint(Integer.toUnsignedLong((v << 1) ^ (v >> 31)));
        }

        Out bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Out str(String s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            varint(n);
            ensure(n);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buf[len++] = (byte) c;
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return this;
        }
    }

    /** A strict reader: every length is checked before a byte is read. */
    static final class In {
        private final ByteBuffer b;

        In(ByteBuffer b) {
            this.b = b.slice();
        }

        In(byte[] data) {
            this(ByteBuffer.wrap(data));
        }

        int position() {
            return b.position();
        }

        int remaining() {
            return b.remaining();
        }

        private void need(int n, String what) throws MalformedException {
            if (b.remaining() < n)
                throw new MalformedException(what + " needs " + n + " bytes, " + b.remaining() + " left", b.position());
        }

        int u8() throws MalformedException {
            need(1, "u8");
            return b.get() & 0xFF;
        }

        int u32() throws MalformedException {
            need(4, "u32");
            return b.getInt();
        }

        long u64() throws MalformedException {
            need(8, "u64");
            return b.getLong();
        }

        long varint() throws MalformedException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                if (shift == 63 && x > 1) throw new MalformedException("varint overflows 64 bits", b.position() - 1);
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) return v;
            }
            throw new MalformedException("varint longer than 10 bytes", b.position());
        }

        /** A varint that must fit in {@code [0, max]}: counts and lengths. */
        int count(int max, String what) throws MalformedException {
            int at = b.position();
            long v = varint();
            if (v < 0 || v > max) throw new MalformedException(what + " " + Long.toUnsignedString(v) + " exceeds " + max, at);
            return (int) v;
        }

        int zigzag() throws MalformedException {
            int at = b.position();
            long z = varint();
            if ((z >>> 32) != 0) throw new MalformedException("zigzag int out of range", at);
            int v = (int) z;
            return (v >>> 1) ^ -(v & 1);
        }

        String str() throws MalformedException {
            int n = count(b.remaining(), "string length");
            int start = b.position();
            char[] out = new char[n];
            int k = 0;
            try {
                int end = start + n;
                while (b.position() < end) {
                    int x = b.get() & 0xFF;
                    if (x < 0x80) {
                        out[k++] = (char) x;
                    } else if ((x & 0xE0) == 0xC0) {
                        int c = ((x & 0x1F) << 6) | cont(end);
                        if (c < 0x80) throw bad(start, "overlong 2-byte sequence");
                        out[k++] = (char) c;
                    } else if ((x & 0xF0) == 0xE0) {
                        int c = ((x & 0x0F) << 12) | (cont(end) << 6);
                        c |= cont(end);
                        if (c < 0x800) throw bad(start, "overlong 3-byte sequence");
                        out[k++] = (char) c;
                    } else {
                        throw bad(start, "invalid lead byte 0x" + Integer.toHexString(x));
                    }
                }
            } catch (BufferUnderflowException e) {
                throw bad(start, "truncated sequence");
            }
            return new String(out, 0, k);
        }

        private int cont(int end) throws MalformedException {
            if (b.position() >= end) throw bad(b.position(), "truncated sequence");
            int y = b.get() & 0xFF;
            if ((y & 0xC0) != 0x80) throw bad(b.position() - 1, "bad continuation byte");
            return y & 0x3F;
        }

        private static MalformedException bad(int at, String why) {
            return new MalformedException("string: " + why, at);
        }

        void expectEnd(String what) throws MalformedException {
            if (b.hasRemaining()) throw new MalformedException(b.remaining() + " unexpected bytes after " + what, b.position());
        }
    }

    /** Bytes that passed their checksum but do not decode: a format bug or a foreign file. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        MalformedException(String message, int offset) {
            super(message + " (payload offset " + offset + ")");
            this.offset = offset;
        }
    }
}
