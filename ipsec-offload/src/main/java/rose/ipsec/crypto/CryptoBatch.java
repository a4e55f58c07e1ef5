package rose.ipsec.crypto;

import java.util.Arrays;

/**
 * A vector of ESP crypto operations over byte ranges in caller-owned buffers, struct-of-arrays
 * so that filling and running it allocates nothing. Reused: {@link #reset()} per vector.
 *
 * <p>Layout of one slot inside {@code buf} (ESP, RFC 4303 §2; IKEv2 SK is the same shape):
 * <pre>
 *   headOff          ivOff            dataOff              dataOff+dataLen
 *   | head (SPI,seq) | explicit IV    | data (payload+pad) | ICV (transform.icvBytes()) |
 * </pre>
 * <ul>
 * <li>AEAD (RFC 4106 §5, RFC 7634 §2.1): AAD is the head; with ESN it is SPI ‖ seq-hi ‖ seq-lo,
 *     the engine inserting {@link #esnHigh} after the head's first 4 octets.</li>
 * <li>Cipher + HMAC: the ICV covers {@code buf[headOff, dataOff+dataLen)} — head, IV and
 *     ciphertext, so they must be contiguous — followed by seq-hi when ESN is on (RFC 4303
 *     §2.2.1: the high bits are authenticated but not sent).</li>
 * <li>The caller writes the explicit IV before sealing: unpredictable for CBC (RFC 3602 §2.3),
 *     unique per key for CTR/GCM/ChaCha20 (the sequence number will do, RFC 4106 §3.1).</li>
 * </ul>
 */
public final class CryptoBatch {
    public static final int DEFAULT_CAPACITY = 256;

    private final SaCipher[] sa;
    private final byte[][] buf;
    private final int[] headOff, headLen, ivOff, dataOff, dataLen, seqHi;
    private final boolean[] esn;
    private final CryptoStatus[] status;
    private int size;

    public CryptoBatch() { this(DEFAULT_CAPACITY); }

    public CryptoBatch(int capacity) {
        sa = new SaCipher[capacity];
        buf = new byte[capacity][];
        headOff = new int[capacity]; headLen = new int[capacity]; ivOff = new int[capacity];
        dataOff = new int[capacity]; dataLen = new int[capacity]; seqHi = new int[capacity];
        esn = new boolean[capacity];
        status = new CryptoStatus[capacity];
    }

    /** Empties the batch (drops buffer references so pooled slabs are not pinned). */
    public CryptoBatch reset() {
        Arrays.fill(sa, 0, size, null);
        Arrays.fill(buf, 0, size, null);
        size = 0;
        return this;
    }

    public int capacity() { return sa.length; }
    public int size() { return size; }

    /**
     * Adds one operation; returns its slot (0, 1, 2 … in call order).
     *
     * @throws IllegalStateException when full — the caller sizes the batch to its vector
     */
    public int add(SaCipher cipher, byte[] buffer, int headOffset, int headLength,
                   int ivOffset, int dataOffset, int dataLength) {
        if (size == sa.length) throw new IllegalStateException("batch full at " + size);
        int k = size++;
        sa[k] = cipher; buf[k] = buffer;
        headOff[k] = headOffset; headLen[k] = headLength; ivOff[k] = ivOffset;
        dataOff[k] = dataOffset; dataLen[k] = dataLength;
        esn[k] = false; seqHi[k] = 0;
        status[k] = CryptoStatus.PENDING;
        return k;
    }

    /** Turns on extended sequence numbers for a slot: the high 32 bits (RFC 4303 §2.2.1). */
    public void esnHigh(int slot, int high32) {
        check(slot);
        esn[slot] = true;
        seqHi[slot] = high32;
    }

    public CryptoStatus status(int slot) { check(slot); return status[slot]; }
    public boolean ok(int slot) { return status(slot) == CryptoStatus.OK; }

    /** First slot whose status is not OK, or {@code size()} if none. */
    public int firstFailure() { return nextFailure(-1); }

    /** Next slot after {@code k} whose status is not OK, or {@code size()} if none. */
    public int nextFailure(int k) {
        for (int i = k + 1; i < size; i++) if (status[i] != CryptoStatus.OK) return i;
        return size;
    }

    public int failureCount() {
        int n = 0;
        for (int i = 0; i < size; i++) if (status[i] != CryptoStatus.OK) n++;
        return n;
    }

    // --- engine side -------------------------------------------------------------------------

    public SaCipher sa(int k) { return sa[k]; }
    public byte[] buf(int k) { return buf[k]; }
    public int headOff(int k) { return headOff[k]; }
    public int headLen(int k) { return headLen[k]; }
    public int ivOff(int k) { return ivOff[k]; }
    public int dataOff(int k) { return dataOff[k]; }
    public int dataLen(int k) { return dataLen[k]; }
    public boolean esn(int k) { return esn[k]; }
    public int seqHi(int k) { return seqHi[k]; }

    /** Engines record a slot's outcome here. */
    public void complete(int k, CryptoStatus s) { status[k] = s; }

    /**
     * Whether the slot's ranges lie inside its buffer for this transform (head and IV too);
     * engines call it before touching a byte.
     */
    public boolean rangesValid(int k, Transform t) {
        byte[] b = buf[k];
        if (b == null) return false;
        long end = (long) dataOff[k] + dataLen[k] + t.icvBytes();
        return headOff[k] >= 0 && headLen[k] >= 0 && (long) headOff[k] + headLen[k] <= b.length
                && ivOff[k] >= 0 && (long) ivOff[k] + t.ivBytes() <= b.length
                && dataOff[k] >= 0 && dataLen[k] >= 0 && end <= b.length
                && (!esn[k] || headLen[k] >= 4);
    }

    private void check(int slot) {
        if (slot < 0 || slot >= size) throw new IndexOutOfBoundsException("slot " + slot + " of " + size);
    }
}
