package rose.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What an operation socket refuses before anything reaches the kernel. A request the kernel would
 * wait on (input shorter than AAD plus tag) must come back at once; the op here has no socket, so
 * a request that got past the checks would answer EBADF instead of EINVAL.
 */
class AfAlgOpTest {
    private final AfAlg.Op op = new AfAlg.Op(-1, "aead:rfc4106(gcm(aes))");
    private final byte[] iv = new byte[8], out = new byte[256];

    @Test
    void aDecryptShorterThanAadAndTagIsRefusedUnsent() {
        // AAD 16 + tag 16 needs 32 octets; 31 would leave the kernel short of its tag.
        assertEquals(-Errno.EINVAL, op.aead(AfAlg.OP_DECRYPT, iv, 0, 8, 16, 16, new byte[31], 0, 31, out, 0));
        assertEquals(-Errno.EBADF, op.aead(AfAlg.OP_DECRYPT, iv, 0, 8, 16, 16, new byte[32], 0, 32, out, 0));
    }

    @Test
    void anEncryptShorterThanItsAadIsRefusedUnsent() {
        assertEquals(-Errno.EINVAL, op.aead(AfAlg.OP_ENCRYPT, iv, 0, 8, 16, 16, new byte[15], 0, 15, out, 0));
        assertEquals(-Errno.EBADF, op.aead(AfAlg.OP_ENCRYPT, iv, 0, 8, 16, 16, new byte[16], 0, 16, out, 0));
    }

    @Test
    void aResultThatWouldNotFitTheCallersBufferIsRefusedUnsent() {
        // Encrypting 240 octets yields 256 + tag 16 = 272 > 256.
        assertEquals(-Errno.EINVAL, op.aead(AfAlg.OP_ENCRYPT, iv, 0, 8, 16, 16, new byte[256], 0, 256, out, 0));
        assertEquals(-Errno.EINVAL, op.cipher(AfAlg.OP_ENCRYPT, iv, 0, 16, new byte[300], 0, 300, out, 0));
    }

    @Test
    void anUnknownDirectionOrOversizedRequestIsRefused() {
        assertEquals(-Errno.EINVAL, op.aead(2, iv, 0, 8, 16, 16, new byte[64], 0, 64, out, 0));
        byte[] big = new byte[AfAlg.MAX_REQUEST + 1];
        assertEquals(-Errno.EMSGSIZE, op.cipher(AfAlg.OP_ENCRYPT, iv, 0, 16, big, 0, big.length, big, 0));
    }
}
