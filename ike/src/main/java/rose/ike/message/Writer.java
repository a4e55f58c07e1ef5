package rose.ike.message;

import java.io.ByteArrayOutputStream;

/** Big-endian writer used by every encode(); lengths are patched with {@link #putU16At}. */
public final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public Writer u8(int v) { out.write(v & 0xff); return this; }
    public Writer u16(int v) { out.write((v >>> 8) & 0xff); out.write(v & 0xff); return this; }
    public Writer u32(long v) { u16((int) (v >>> 16)); return u16((int) v); }
    public Writer u64(long v) { u32(v >>> 32); return u32(v); }
    public Writer bytes(byte[] b) { out.write(b, 0, b.length); return this; }
    public int size() { return out.size(); }

    public byte[] toByteArray() { return out.toByteArray(); }

    public static void putU16At(byte[] b, int off, int v) { b[off] = (byte) (v >>> 8); b[off + 1] = (byte) v; }
    public static void putU32At(byte[] b, int off, long v) { putU16At(b, off, (int) (v >>> 16)); putU16At(b, off + 2, (int) v); }
}
