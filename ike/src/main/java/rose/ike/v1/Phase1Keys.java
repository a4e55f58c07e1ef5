package rose.ike.v1;

import java.nio.ByteBuffer;
import java.util.Arrays;
import rose.ike.crypto.Prf;

/**
 * RFC 2409 §5 key material of an ISAKMP SA.
 * <pre>
 *   SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)                      (pre-shared keys)
 *            = prf(Ni_b | Nr_b, g^xy)                                (signatures)
 *   SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 *   SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 *   SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 *   encryption key: SKEYID_e truncated, or expanded as K1 | K2 | ... with K1 = prf(SKEYID_e, 0),
 *                   Kn = prf(SKEYID_e, Kn-1) when it is too short (Appendix B)
 *   IV of the first encrypted message = hash(g^xi | g^xr), truncated to the block size
 * </pre>
 */
record Phase1Keys(byte[] skeyid, byte[] skeyidD, byte[] skeyidA, byte[] skeyidE, byte[] encKey, byte[] iv) {
    static Phase1Keys derive(Phase1Suite s, byte[] psk, byte[] ni, byte[] nr, byte[] gxy, long ckyI, long ckyR, byte[] gxi, byte[] gxr) {
        Prf prf = s.hash().prf;
        byte[] skeyid = psk != null ? prf.compute(psk, ni, nr) : prf.compute(concat(ni, nr), gxy);
        byte[] cookies = ByteBuffer.allocate(16).putLong(ckyI).putLong(ckyR).array();
        byte[] d = prf.compute(skeyid, gxy, cookies, new byte[] {0});
        byte[] a = prf.compute(skeyid, d, gxy, cookies, new byte[] {1});
        byte[] e = prf.compute(skeyid, a, gxy, cookies, new byte[] {2});
        int need = s.keyBits() / 8;
        byte[] key;
        if (e.length >= need) key = Arrays.copyOf(e, need);
        else {
            byte[] out = new byte[need];
            byte[] k = prf.compute(e, new byte[] {0});
            int off = 0;
            while (true) {
                int c = Math.min(k.length, need - off);
                System.arraycopy(k, 0, out, off, c);
                off += c;
                if (off >= need) break;
                k = prf.compute(e, k);
            }
            key = out;
        }
        byte[] iv = Arrays.copyOf(s.hash().digest(gxi, gxr), s.encryption().blockSize);
        return new Phase1Keys(skeyid, d, a, e, key, iv);
    }

    /** RFC 2409 Appendix B: a quick mode or informational exchange starts from hash(last phase-1 CBC block | M-ID). */
    static byte[] phase2Iv(Phase1Suite s, byte[] lastPhase1Block, int messageId) {
        return Arrays.copyOf(s.hash().digest(lastPhase1Block, ByteBuffer.allocate(4).putInt(messageId).array()), s.encryption().blockSize);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }
}
