package rose.os;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The kernel crypto API through AF_ALG sockets (Documentation/crypto/userspace-if.rst): bind a
 * transform socket to {@code aead}/{@code skcipher}/{@code hash} and an algorithm name, set the
 * key, {@link #accept()} an operation socket, then per request one {@code sendmsg} carrying the
 * ALG_SET_OP, ALG_SET_IV and ALG_SET_AEAD_ASSOCLEN control messages and one {@code read}.
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

    /** One operation socket: requests go through {@link #run}. Not thread-safe. */
    public static final class Op implements AutoCloseable {
        private final LibC c = Native.libc();
        private final String name;
        private final Pointer data = Memory.allocateDirect(Native.runtime(), MAX_REQUEST);
        private final Pointer msg = Memory.allocateDirect(Native.runtime(), 56);
        private final Pointer iov = Memory.allocateDirect(Native.runtime(), 16);
        private final Pointer control = Memory.allocateDirect(Native.runtime(), 128);
        private int fd;

        Op(int fd, String name) { this.fd = fd; this.name = name; }

        /**
         * Sends {@code in[inOff, inOff+inLen)} with the operation, IV and AAD length, and reads the
         * result into {@code out[outOff, …)}; returns the octets read, or {@code -errno}
         * ({@code -EBADMSG}: an AEAD tag did not verify). {@code op} &lt; 0 sends no ALG_SET_OP (hash).
         */
        public int run(int op, byte[] iv, int ivOff, int ivLen, int assocLen, byte[] in, int inOff, int inLen, byte[] out, int outOff, int outMax) {
            if (inLen > MAX_REQUEST || outMax > MAX_REQUEST) return -Errno.EMSGSIZE;
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
            long n = c.sendmsg(fd, msg, 0);
            if (n < 0) return -Native.errno();
            // MSG_DONTWAIT: the whole request went in one sendmsg (no MSG_MORE), so a kernel that
            // still wants more input would wait forever; seen on Debian 6.1 in qemu, where a
            // self-test vector blocked the router's start-up. EAGAIN fails the request instead.
            long r = c.recv(fd, data, outMax, MSG_DONTWAIT);
            if (r < 0) return -Native.errno();
            data.get(0, out, outOff, (int) r);
            return (int) r;
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
