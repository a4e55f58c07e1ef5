package rose.ike.message;

import java.util.Arrays;
import java.util.Random;

/**
 * The mutations the IKE fuzz tests apply to a valid datagram: bit flips, random octets, a random
 * 16-bit length field past the header, truncation and extension, and most of the time an honest
 * header length again so the decoder gets past the first check and into the payloads. One copy
 * for IKEv1 and IKEv2: ISAKMP (RFC 2408 §3.1) and IKEv2 (RFC 7296 §3.1) share the 28-octet
 * header with the message length at offset 24.
 */
public final class HeaderMutations {
    private HeaderMutations() {}

    /** A mutated copy of {@code src}; the sequence depends only on {@code r}, so a seed replays it. */
    public static byte[] mutate(byte[] src, Random r) {
        byte[] b = src.clone();
        int k = 1 + r.nextInt(4);
        for (int j = 0; j < k; j++) {
            if (b.length == 0) break;
            switch (r.nextInt(5)) {
                case 0: b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: b[r.nextInt(b.length)] = (byte) r.nextInt(256); break;
                case 2: { int at = IkeHeader.SIZE + r.nextInt(Math.max(1, b.length - IkeHeader.SIZE - 1));
                          if (at + 1 < b.length) Writer.putU16At(b, at, r.nextInt(b.length + 8)); break; }
                case 3: b = Arrays.copyOf(b, Math.max(0, b.length - r.nextInt(16))); break;
                default: b = Arrays.copyOf(b, b.length + r.nextInt(16)); break;
            }
        }
        if (b.length >= IkeHeader.SIZE && r.nextInt(8) != 0) Writer.putU32At(b, 24, b.length); // keep the header length honest most of the time
        return b;
    }
}
