package rose.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * AF_PACKET raw sockets (packet(7)) bound to one interface: every Ethernet frame in,
 * any frame out. Frames we send are not read back ({@code PACKET_IGNORE_OUTGOING},
 * Linux 4.20+; on older kernels they would be, which ethernet-input then drops as
 * not-for-us since their destination is not our MAC).
 */
public final class PacketSocket {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 04000;
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_PACKET = 263;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int SOCKADDR_LL_SIZE = 20;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_MREQ_SIZE = 16;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    /**
     * Receive buffer asked for (octets; the kernel doubles it for bookkeeping). The default
     * (net.core.rmem_default, ~208 KiB) holds ~90 full-size frames: a router thread that is
     * descheduled for a few milliseconds on a busy host loses the rest of a TCP burst, and TCP
     * answers every loss by halving its window (measured: 12 % of frames lost in r1 under iperf3).
     * 4 MiB is ~1800 frames, a NIC ring's worth. Override with -Drose.port.rcvbuf=octets.
     */
    static final int RCVBUF = Integer.getInteger("rose.port.rcvbuf", 4 << 20);

    private PacketSocket() {}

    public static FrameChannel open(String iface) throws NativeException {
        return open(iface, false);
    }

    /**
     * @param promiscuous receive frames for any MAC (a membership of this socket, dropped
     *        when it closes): needed when the router uses its own MAC on a NIC the kernel
     *        also owns, so the kernel ignores the router's traffic.
     */
    public static FrameChannel open(String iface, boolean promiscuous) throws NativeException {
        LibC c = Native.libc();
        int index = c.if_nametoindex(iface);
        if (index == 0) throw Native.error("if_nametoindex", iface);
        int protoBe = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL)); // htons on little-endian hosts
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) protoBe = ETH_P_ALL;
        int fd = c.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, protoBe);
        if (fd < 0) throw Native.error("socket AF_PACKET", iface);
        Pointer sll = Memory.allocateDirect(Native.runtime(), SOCKADDR_LL_SIZE);
        sll.setMemory(0, SOCKADDR_LL_SIZE, (byte) 0);
        sll.putShort(0, (short) AF_PACKET);      // sll_family (host order)
        sll.putShort(2, (short) protoBe);        // sll_protocol (network order)
        sll.putInt(4, index);                    // sll_ifindex
        if (c.bind(fd, sll, SOCKADDR_LL_SIZE) < 0) {
            NativeException e = Native.error("bind AF_PACKET", iface);
            c.close(fd);
            throw e;
        }
        Pointer one = Memory.allocateDirect(Native.runtime(), 4);
        one.putInt(0, 1);
        c.setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, one, 4); // best effort, see class comment
        if (RCVBUF > 0) {
            Pointer size = Memory.allocateDirect(Native.runtime(), 4);
            size.putInt(0, RCVBUF);
            // FORCE needs CAP_NET_ADMIN (rose run has it) and ignores net.core.rmem_max; without
            // it the plain option is capped at rmem_max. Best effort either way.
            if (c.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) c.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, 4);
        }
        if (promiscuous) {
            Pointer mreq = Memory.allocateDirect(Native.runtime(), PACKET_MREQ_SIZE);
            mreq.setMemory(0, PACKET_MREQ_SIZE, (byte) 0);
            mreq.putInt(0, index);                          // mr_ifindex
            mreq.putShort(4, (short) PACKET_MR_PROMISC);    // mr_type
            if (c.setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq, PACKET_MREQ_SIZE) < 0) {
                NativeException e = Native.error("setsockopt PACKET_ADD_MEMBERSHIP", iface);
                c.close(fd);
                throw e;
            }
        }
        // Slots of 16 KiB: any Ethernet frame up to jumbo size (offloads are expected off, see TunTest/LinuxPortsTest).
        return MmsgChannel.supported() ? new MmsgChannel(fd, iface, 1 << 14) : new FdChannel(fd, iface, 1 << 14);
    }

    /** The interface's MAC from sysfs, as a 48-bit value. */
    public static long mac(String iface) throws IOException {
        String s = Files.readString(Path.of("/sys/class/net", iface, "address"), StandardCharsets.US_ASCII).trim();
        long v = 0;
        for (String o : s.split(":")) v = (v << 8) | Integer.parseInt(o, 16);
        return v;
    }

    /** The interface's MTU from sysfs. */
    public static int mtu(String iface) throws IOException {
        return Integer.parseInt(Files.readString(Path.of("/sys/class/net", iface, "mtu"), StandardCharsets.US_ASCII).trim());
    }
}
