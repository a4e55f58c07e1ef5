package rose.ike.core;

import java.io.ByteArrayOutputStream;
import rose.ike.message.IkeException;

/**
 * Reassembly of one message from SKF fragments (RFC 7383 §2.6), one buffer per direction.
 * Fragments are authenticated one by one before they get here. A fragment for a newer
 * message ID, or with a larger total for the same ID (the sender re-fragmented smaller),
 * restarts the buffer; older or smaller-total ones are dropped. Bounded: at most
 * {@link #MAX_FRAGMENTS} fragments and {@link #MAX_BYTES} bytes.
 */
final class FragmentBuffer {
    static final int MAX_FRAGMENTS = 64, MAX_BYTES = 64 * 1024;

    private long messageId = -1;
    private int total, received, bytes, firstInner;
    private byte[][] parts;

    /** Adds a verified fragment; returns the whole inner chain when it is complete, else null. */
    byte[] add(long mid, int number, int of, int firstInnerPayload, byte[] plain) throws IkeException {
        if (of > MAX_FRAGMENTS) throw IkeException.syntax("SKF: " + of + " fragments (limit " + MAX_FRAGMENTS + ")");
        if (mid < messageId || (mid == messageId && of < total)) return null;
        if (mid > messageId || of > total) {
            messageId = mid; total = of; received = 0; bytes = 0; parts = new byte[of][];
        }
        if (parts[number - 1] != null) return null;
        if (bytes + plain.length > MAX_BYTES) throw IkeException.syntax("SKF: reassembled message over " + MAX_BYTES + " bytes");
        parts[number - 1] = plain;
        bytes += plain.length;
        if (number == 1) firstInner = firstInnerPayload;
        if (++received < total) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        for (byte[] p : parts) out.write(p, 0, p.length);
        parts = null;
        total = Integer.MAX_VALUE; // completed: later copies of its fragments are dropped
        return out.toByteArray();
    }

    int firstInner() { return firstInner; }
}
