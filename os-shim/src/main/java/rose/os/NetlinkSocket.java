package rose.os;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An AF_NETLINK socket (netlink(7)) of one protocol, optionally joined to multicast groups.
 * Moves whole datagrams between Java byte arrays and one native buffer allocated at open;
 * message framing is the caller's ({@link NetlinkMessages}). Not thread-safe: one owner.
 */
public final class NetlinkSocket implements AutoCloseable {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3, SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20, SO_RCVBUF = 8;
    static final int MSG_TRUNC = 0x20;
    public static final int NETLINK_ROUTE = 0, NETLINK_XFRM = 6;
    private static final int SOCKADDR_NL_SIZE = 12;
    private static final int BUFFER = 1 << 16;

    private final LibC c = Native.libc();
    private final String name;
    private final Pointer buf = Memory.allocateDirect(Native.runtime(), BUFFER);
    private final Pointer kernel = Memory.allocateDirect(Native.runtime(), SOCKADDR_NL_SIZE);
    private volatile int fd;

    private NetlinkSocket(int fd, String name) {
        this.fd = fd;
        this.name = name;
        kernel.setMemory(0, SOCKADDR_NL_SIZE, (byte) 0);
        kernel.putShort(0, (short) AF_NETLINK);   // nl_pid 0: the kernel
    }

    /**
     * Opens and binds a netlink socket.
     *
     * @param groups  multicast group bitmask ({@code 1 << (group - 1)}), 0 for requests only
     * @param timeoutMillis receive timeout, so a reader thread can notice {@link #close()}; 0 blocks
     */
    public static NetlinkSocket open(int protocol, int groups, int timeoutMillis) throws NativeException {
        String name = "netlink proto " + protocol + (groups != 0 ? " groups 0x" + Integer.toHexString(groups) : "");
        LibC c = Native.libc();
        int fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) throw Native.error("socket AF_NETLINK", name);
        Pointer sa = Memory.allocateDirect(Native.runtime(), SOCKADDR_NL_SIZE);
        sa.setMemory(0, SOCKADDR_NL_SIZE, (byte) 0);
        sa.putShort(0, (short) AF_NETLINK);
        sa.putInt(8, groups);
        if (c.bind(fd, sa, SOCKADDR_NL_SIZE) < 0) {
            NativeException e = Native.error("bind AF_NETLINK", name);
            c.close(fd);
            throw e;
        }
        if (timeoutMillis > 0) {
            Pointer tv = Memory.allocateDirect(Native.runtime(), 16);
            tv.putLong(0, timeoutMillis / 1000);
            tv.putLong(8, (timeoutMillis % 1000) * 1000L);
            if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16) < 0) {
                NativeException e = Native.error("setsockopt SO_RCVTIMEO", name);
                c.close(fd);
                throw e;
            }
        }
        return new NetlinkSocket(fd, name);
    }

    /** Sends one datagram (one or more netlink messages) to the kernel. */
    public void send(byte[] msg, int len) throws NativeException {
        if (len > BUFFER) throw new NativeException("sendto", name, Errno.EMSGSIZE, "message of " + len + " octets");
        buf.put(0, msg, 0, len);
        long n = c.sendto(fd, buf, len, 0, kernel, SOCKADDR_NL_SIZE);
        if (n < 0) throw Native.error("sendto", name);
        if (n != len) throw new NativeException("sendto", name, Errno.EIO, "short send " + n + " of " + len);
    }

    /**
     * Receives one datagram into {@code dst}; returns its length, or -1 when the receive timeout
     * passed (EAGAIN) or the socket was closed. A datagram larger than {@code dst} is an error
     * (netlink would silently truncate it: MSG_TRUNC tells).
     */
    public int receive(byte[] dst) throws NativeException {
        int f = fd;
        if (f < 0) return -1;
        long n = c.recv(f, buf, Math.min(dst.length, BUFFER), MSG_TRUNC);
        if (n < 0) {
            int e = Native.errno();
            if (e == Errno.EAGAIN || e == Errno.EINTR || fd < 0) return -1;
            throw new NativeException("recv", name, e, c.strerror(e));
        }
        if (n > Math.min(dst.length, BUFFER)) throw new NativeException("recv", name, Errno.EMSGSIZE, "datagram of " + n + " octets truncated");
        buf.get(0, dst, 0, (int) n);
        return (int) n;
    }

    public String name() { return name; }

    @Override public void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            c.close(f);
        }
    }
}
