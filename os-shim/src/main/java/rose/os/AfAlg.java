package rose.os;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The kernel crypto API through AF_ALG sockets (Documentation/crypto/userspace-if.rst): bind a
 * transform socket to {@code aead}/{@code skcipher}/{@code hash} and an algorithm name, set the
 * key, {@link #accept()} an operation socket, then per request one {@code sendmsg} carrying the
 * ALG_SET_OP, ALG_SET_IV and ALG_SET_AEAD_ASSOCLEN control messages, a poll(2) with a timeout,
 * and one {@code recv} of exactly the result's length (see {@link Op}).
 * Native buffers are allocated once per operation socket, so a request allocates nothing.
 *
 * <p>Errors name the call and errno: ENOENT from bind means the kernel has no such algorithm (or,
 * on Linux 7.3+, that {@code crypto.af_alg_restrict} forbids it); EAFNOSUPPORT means no AF_ALG.
 */
public final class AfAlg implements AutoCloseable {
    static final int AF_ALG = 38, SOCK_SEQPACKET = 5, SOL_ALG = 279;
    static final int ALG_SET_KEY = 1, ALG_SET_IV = 2, ALG_SET_OP = 3, ALG_SET_AEAD_ASSOCLEN = 4, ALG_SET_AEAD_AUTHSIZE = 5;
    public static final int OP_DECRYPT = 0, OP_ENCRYPT = 1;
    static final int SOCKADDR_ALG = 88;
    static final int MSG_DONTWAIT = 0x40;
    /** Largest request: an IPv4 datagram plus AAD and tag. */
    public static final int MAX_REQUEST = 65536 + 256;

    private final LibC c = Native.libc();
    private final String name;
    private int fd;

    private AfAlg(int fd, String name) { this.fd = fd; this.name = name; }

    /** Opens a transform socket bound to {@code type} ({@code aead}, {@code skcipher}, {@code hash}) and algorithm. */
    public static AfAlg bind(String type, String algorithm) throws NativeException {
        LibC c = Native.libc();
        String name = type + ":" + algorithm;
        int fd = c.socket(AF_ALG, SOCK_SEQPACKET | NetlinkSocket.SOCK_CLOEXEC, 0);
        if (fd < 0) throw Native.error("socket AF_ALG", name);
        Pointer sa = Memory.allocateDirect(Native.runtime(), SOCKADDR_ALG);
        sa.setMemory(0, SOCKADDR_ALG, (byte) 0);
        sa.putShort(0, (short) AF_ALG);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII), n = algorithm.getBytes(StandardCharsets.US_ASCII);
        if (t.length > 13 || n.length > 63) { c.close(fd); throw new NativeException("bind AF_ALG", name, Errno.EINVAL, "name too long"); }
        sa.put(2, t, 0, t.length);
        sa.put(24, n, 0, n.length);
        if (c.bind(fd, sa, SOCKADDR_ALG) < 0) {
            NativeException e = Native.error("bind AF_ALG", name);
            c.close(fd);
            throw e;
        }
        return new AfAlg(fd, name);
    }

    public void setKey(byte[] key) throws NativeException {
        Pointer k = Memory.allocateDirect(Native.runtime(), Math.max(1, key.length));
        k.put(0, key, 0, key.length);
        int r = c.setsockopt(fd, SOL_ALG, ALG_SET_KEY, k, key.length);
        k.setMemory(0, key.length, (byte) 0);
        if (r < 0) throw Native.error("setsockopt ALG_SET_KEY", name);
    }

    /** The AEAD tag length in octets (ALG_SET_AEAD_AUTHSIZE takes it as the option length). */
    public void setAuthSize(int octets) throws NativeException {
        if (c.setsockopt(fd, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, null, octets) < 0) throw Native.error("setsockopt ALG_SET_AEAD_AUTHSIZE", name);
    }

    /** A new operation socket with the transform's key; each holds its own native buffers. */
    public Op accept() throws NativeException {
        int op = c.accept(fd, null, null);
        if (op < 0) throw Native.error("accept AF_ALG", name);
        return new Op(op, name);
    }

    public String name() { return name; }

    @Override public void close() {
        if (fd >= 0) { c.close(fd); fd = -1; }
    }

    /**
     * One operation socket: requests go through {@link #aead}, {@link #cipher} or {@link #hash}.
     * Not thread-safe.
     *
     * <p>Why each request reads exactly its result's length: aead_recvmsg and skcipher_recvmsg
     * loop {@code while (msg_data_left(msg))}. Once the first pass has produced the result,
     * af_alg_pull_tsgl has reset {@code ctx->init} (the request carried no MSG_MORE), so a second
     * pass, taken whenever the read buffer is longer than the result, sleeps in
     * af_alg_wait_for_data for a sendmsg that never comes. An AEAD decrypt returns AAD ‖ plaintext,
     * a tag shorter than what went in: reading with the input's length blocked ROSE for good on
     * Debian's 6.1 kernel. Lengths are therefore checked before anything is sent, the result is
     * awaited with poll(2) and a timeout, and the read asks for exactly the result.
     */
    public static final class Op implements AutoCloseable {
        /** How long a request may wait to become readable; a complete request is readable at once. */
        static final int READY_TIMEOUT_MILLIS = 5000;
        static final short POLLIN = 1;
        private final LibC c = Native.libc();
        private final String name;
        private final Pointer data = Memory.allocateDirect(Native.runtime(), MAX_REQUEST);
        private final Pointer msg = Memory.allocateDirect(Native.runtime(), 56);
        private final Pointer iov = Memory.allocateDirect(Native.runtime(), 16);
        private final Pointer control = Memory.allocateDirect(Native.runtime(), 128);
        private final Pointer pollfd = Memory.allocateDirect(Native.runtime(), 8);
        private int fd;

        Op(int fd, String name) { this.fd = fd; this.name = name; }

        /**
         * One AEAD request: {@code in} is AAD ‖ text (‖ tag when decrypting), {@code assocLen} the
         * AAD's length, {@code authSize} the tag length set on the transform. The result, AAD ‖
         * ciphertext ‖ tag or AAD ‖ plaintext, goes to {@code out[outOff, …)}; returns its length or
         * {@code -errno}: {@code -EBADMSG} when the tag did not verify, {@code -EINVAL} (nothing
         * sent) when the input is shorter than the AAD (and the tag), which the kernel would
         * otherwise refuse or wait on.
         */
        public int aead(int op, byte[] iv, int ivOff, int ivLen, int assocLen, int authSize, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
            if (op != OP_ENCRYPT && op != OP_DECRYPT) return -Errno.EINVAL;
            if (assocLen < 0 || authSize < 0 || inLen < assocLen + (op == OP_DECRYPT ? authSize : 0)) return -Errno.EINVAL;
            int result = op == OP_ENCRYPT ? inLen + authSize : inLen - authSize;
            return request(op, iv, ivOff, ivLen, assocLen, in, inOff, inLen, out, outOff, result, true);
        }

        /** One skcipher request: the result is as long as the input. */
        public int cipher(int op, byte[] iv, int ivOff, int ivLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
            if (op != OP_ENCRYPT && op != OP_DECRYPT) return -Errno.EINVAL;
            return request(op, iv, ivOff, ivLen, -1, in, inOff, inLen, out, outOff, inLen, true);
        }

        /**
         * One whole hash (HMAC): the input is sent without MSG_MORE, so the kernel finalises; up to
         * {@code outMax} octets of the digest are read (hash_recvmsg copies at most the digest and
         * never waits for input, and a hash socket has no poll).
         */
        public int hash(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outMax) {
            return request(-1, null, 0, 0, -1, in, inOff, inLen, out, outOff, outMax, false);
        }

        private int request(int op, byte[] iv, int ivOff, int ivLen, int assocLen, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen, boolean awaitReadable) {
            if (inLen < 0 || outLen < 0 || ivLen < 0 || ivLen > 64) return -Errno.EINVAL;
            if (inLen > MAX_REQUEST || outLen > MAX_REQUEST) return -Errno.EMSGSIZE;
            if (inOff < 0 || inOff + inLen > in.length || outOff < 0 || outOff + outLen > out.length) return -Errno.EINVAL;
            if (fd < 0) return -Errno.EBADF;
            data.put(0, in, inOff, inLen);
            int cl = 0;
            if (op >= 0) {
                cmsg(cl, ALG_SET_OP, 4).putInt(0, op);
                cl += 24;
            }
            if (ivLen > 0) {
                Pointer p = cmsg(cl, ALG_SET_IV, 4 + ivLen);
                p.putInt(0, ivLen);
                p.put(4, iv, ivOff, ivLen);
                cl += 16 + ((4 + ivLen + 7) & ~7);
            }
            if (assocLen >= 0 && op >= 0) {
                cmsg(cl, ALG_SET_AEAD_ASSOCLEN, 4).putInt(0, assocLen);
                cl += 24;
            }
            iov.putAddress(0, data.address());
            iov.putLong(8, inLen);
            msg.setMemory(0, 56, (byte) 0);
            msg.putAddress(16, iov.address());
            msg.putLong(24, 1);
            if (cl > 0) {
                msg.putAddress(32, control.address());
                msg.putLong(40, cl);
            }
            // No MSG_MORE: this sendmsg is the whole request. MSG_DONTWAIT: a request never exceeds
            // MAX_REQUEST, far below the socket's send buffer, so a full buffer means a stuck socket.
            long n = c.sendmsg(fd, msg, MSG_DONTWAIT);
            if (n < 0) return -Native.errno();
            if (n != inLen) return -Errno.EIO;
            if (awaitReadable) {
                int ready = awaitReadable();
                if (ready < 0) return ready;
            }
            // Readable means the request is complete; the kernel then runs the cipher and waits for
            // an async driver (cryptd) itself, which MSG_DONTWAIT does not cut short. It only stops
            // a wait for more input, which after an exact-length read cannot be owed.
            // An empty result (an AEAD decrypt of AAD and tag alone) still needs a one-octet read:
            // recvmsg with an empty buffer returns 0 without running the request, so a forged tag
            // would pass and the request would stay queued. The first pass produces nothing and
            // returns 0 (or -EBADMSG), which ends the kernel's loop.
            long r = c.recv(fd, data, Math.max(outLen, 1), MSG_DONTWAIT);
            if (r < 0) return -Native.errno();
            if (r > outLen) return -Errno.EIO;
            data.get(0, out, outOff, (int) r);
            return (int) r;
        }

        /** poll(2) for POLLIN with {@link #READY_TIMEOUT_MILLIS}; 0, or -ETIMEDOUT / -errno. */
        private int awaitReadable() {
            long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000L;
            while (true) {
                pollfd.putInt(0, fd);
                pollfd.putShort(4, POLLIN);
                pollfd.putShort(6, (short) 0);
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                int k = c.poll(pollfd, 1, left);
                if (k > 0 && (pollfd.getShort(6) & POLLIN) != 0) return 0;
                if (k > 0) return -Errno.EIO; // POLLERR/POLLHUP/POLLNVAL without data
                if (k < 0) {
                    int e = Native.errno();
                    if (e != Errno.EINTR) return -e;
                }
                if (k == 0 && left == 0) return -Errno.ETIMEDOUT;
            }
        }

        private Pointer cmsg(int at, int type, int len) {
            control.setMemory(at, 16 + ((len + 7) & ~7), (byte) 0);
            control.putLong(at, 16 + len);
            control.putInt(at + 8, SOL_ALG);
            control.putInt(at + 12, type);
            return control.slice(at + 16);
        }

        public String name() { return name; }

        @Override public void close() {
            if (fd >= 0) { c.close(fd); fd = -1; }
        }
    }
}
