package rose.ipsec.crypto;

import java.security.GeneralSecurityException;

/**
 * Two keyings of the same AEAD, the packet's length choosing which one runs: the answer to "which
 * implementation is faster" that changes with the size. Both compute the same function (the
 * contract tests hold each to the RFC vectors and to Bouncy Castle), so a packet sealed by one
 * opens with the other.
 *
 * <p>Used for AES-GCM when {@link JdkGhash} is out of reach: {@link AesGcmPart} with the Java
 * {@link TableGhash} costs a third of JCE's {@code Cipher.init} per packet and allocates nothing,
 * but hashes about 14× slower per octet, so JCE's GCM wins from about 150 octets of payload
 * (thread CPU time per seal+open on JDK 17: 746 vs 1346 ns at 64 B, 2799 vs 932 ns at 512 B).
 */
final class SizeSplitAeadPart implements AeadPart {
    private final AeadPart small, large;
    private final int largeFrom;

    /** {@code small} runs payloads shorter than {@code largeFrom} octets, {@code large} the rest. */
    SizeSplitAeadPart(AeadPart small, AeadPart large, int largeFrom) {
        this.small = small;
        this.large = large;
        this.largeFrom = largeFrom;
    }

    @Override public void seal(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        (len < largeFrom ? small : large).seal(b, aad, aadOff, aadLen, ivOff, off, len);
    }

    @Override public boolean open(byte[] b, byte[] aad, int aadOff, int aadLen, int ivOff, int off, int len)
            throws GeneralSecurityException {
        return (len < largeFrom ? small : large).open(b, aad, aadOff, aadLen, ivOff, off, len);
    }

    @Override public void wipe() {
        small.wipe();
        large.wipe();
    }
}
