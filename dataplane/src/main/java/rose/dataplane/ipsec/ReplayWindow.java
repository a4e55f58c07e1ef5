package rose.dataplane.ipsec;

import java.util.Arrays;

/**
 * Anti-replay window of one inbound SA, with extended sequence numbers (RFC 4303 §3.4.3 and
 * Appendix A). Owned by one worker: plain fields, no locks.
 *
 * <p>Two steps, as the RFC orders them: {@link #check} before the ICV is verified (cheap
 * rejection of replays, and for ESN the inference of the high 32 bits the ICV covers), and
 * {@link #update} only after the ICV verified, so a forged packet can never move the window.
 * {@link #update} re-checks, so two copies of one sequence number in the same vector (both
 * checked before either was verified) deliver once.
 *
 * <p>The bitmap is a ring of 64-bit words, bit {@code seq mod bits} for sequence {@code seq},
 * valid for {@code (top - size, top]}.
 */
public final class ReplayWindow {
    private final int size;       // W, packets; 0 = no replay check
    private final boolean esn;
    private final long[] bits;
    private final int mask;       // bits.length * 64 - 1
    private long top;             // highest sequence number verified so far (64-bit with ESN)

    public ReplayWindow(int size, boolean esn) {
        this.size = size;
        this.esn = esn;
        int words = 1;
        while (words * 64L < size + 64L) words <<= 1;   // a spare word so sliding never clears live bits
        this.bits = new long[words];
        this.mask = words * 64 - 1;
    }

    public int size() { return size; }
    public long top() { return top; }

    /**
     * The full sequence number of a packet carrying {@code seqLow}, or -1 if it is a replay or
     * left of the window. With ESN the high half is inferred (RFC 4303 A2.2).
     */
    public long check(int seqLow) {
        long lo = seqLow & 0xffff_ffffL;
        long seq;
        if (!esn) {
            seq = lo;
            if (seq == 0) return -1;          // RFC 4303 §3.3.3: the first packet is 1
        } else {
            long tl = top & 0xffff_ffffL, th = top >>> 32;
            long w = Math.max(size, 1);
            long hi;
            if (tl >= w - 1) hi = lo >= tl - w + 1 ? th : th + 1;                       // A2.2 case A
            else hi = lo >= ((tl - w + 1) & 0xffff_ffffL) ? th - 1 : th;              // A2.2 case B
            if (hi < 0) return -1;
            seq = (hi << 32) | lo;
            if (seq == 0) return -1;
        }
        if (size == 0 || seq > top) return seq;
        if (top - seq >= size) return -1;
        return (bits[(int) (seq & mask) >>> 6] & (1L << (seq & 63))) != 0 ? -1 : seq;
    }

    /** Marks {@code seq} received (after its ICV verified); false if it was a replay after all. */
    public boolean update(long seq) {
        if (size == 0) { if (seq > top) top = seq; return true; }
        if (seq > top) {
            long diff = seq - top;
            if (diff > mask) Arrays.fill(bits, 0);
            else for (long s = top + 1; s <= seq; s++) bits[(int) (s & mask) >>> 6] &= ~(1L << (s & 63));
            top = seq;
        } else {
            if (top - seq >= size) return false;
            long bit = 1L << (seq & 63);
            int word = (int) (seq & mask) >>> 6;
            if ((bits[word] & bit) != 0) return false;
        }
        bits[(int) (seq & mask) >>> 6] |= 1L << (seq & 63);
        return true;
    }
}
