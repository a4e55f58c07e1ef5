package rose.ipsec.crypto;

/**
 * A truncated HMAC keyed for one SA (RFC 2104 with ESP truncation: RFC 2403, 2404, 4868).
 * Input is {@code b[off, off+len)} followed, with ESN, by the 4 high sequence octets (RFC 4303 §2.2.1).
 */
interface IcvPart {
    /** Writes the truncated ICV at {@code icvOff}. */
    void sign(byte[] b, int off, int len, boolean esn, int seqHi, int icvOff);

    /** Whether the truncated ICV at {@code icvOff} matches, compared in constant time. */
    boolean verify(byte[] b, int off, int len, boolean esn, int seqHi, int icvOff);

    void wipe();

    /** Constant-time comparison of {@code n} octets (timing must not reveal where an ICV differs). */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int n) {
        int d = 0;
        for (int i = 0; i < n; i++) d |= a[aOff + i] ^ b[bOff + i];
        return d == 0;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24); b[off + 1] = (byte) (v >>> 16); b[off + 2] = (byte) (v >>> 8); b[off + 3] = (byte) v;
    }
}
