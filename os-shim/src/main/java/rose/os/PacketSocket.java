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
     * 4 MiB is ~1800 frames, a NIC ring's worth. Override with -Drose.port.rcvbuf=octets. Only for sockets without
     * a receive ring (-Drose.port.rx-ring=false, or a kernel that refuses one).
     */
    static final int RCVBUF = Integer.getInteger("rose.port.rcvbuf", 4 << 20);
    /**
     * Receive through a PACKET_RX_RING ({@link RxRingChannel}): no system call per
     * look or per batch. {@code -Drose.port.rx-ring=false} falls back to recvmmsg (to measure the two
     * side by side); a kernel that refuses the ring falls back by itself.
     */
    static final boolean RING = !"false".equals(System.getProperty("rose.port.rx-ring"));
    /**
     * Frames the receive ring holds: a NIC ring's 1,024, 10 ms at 100 kpps. It is kernel memory held
     * while the port is open, and in the router's RSS once touched: 2 MiB per port at MTU 1500 (2 KiB
     * slots), 16 MiB at MTU 9000 (16 KiB slots). {@code -Drose.port.rx-ring-frames=N} to change it.
     */
    static final int RING_FRAMES = Math.max(64, Integer.getInteger("rose.port.rx-ring-frames", 1024));
    /**
     * Slots of the PACKET_TX_RING a port sends through ({@link TxRing}: frames written into memory shared
     * with the kernel, one send(2) per batch, no copy of each frame from user space), 0 for sendmmsg.
     *
     * <p>Off unless {@code -Drose.port.tx-ring=true}: on a veth (the labs, bench --compare) the ring
     * costs more CPU per frame than sendmmsg, measured 3-5 % more for the send and the delivery to the
     * peer (bench AfPacketSendCpuAB), because a veth must copy the ring's pages before it hands the frame
     * on (skb_orphan_frags: a page allocated and filled per frame) where sendmmsg's copy was into a
     * plain skb. A NIC sends from the ring's pages by DMA, where the ring should win; measure on the
     * board before turning it on. A kernel that refuses the ring falls back to sendmmsg by itself.
     * 256 slots unless {@code -Drose.port.tx-ring-frames=N}: a slot stays the kernel's until its skb is
     * freed, and 256 frames outlast the socket's send buffer (~100 frames of 1500 octets) that bounds
     * what is in flight anyway; 512 KiB per port at MTU 1500. Read at each open, so a test can open both.
     */
    static int txRingFrames() {
        if (!"true".equals(System.getProperty("rose.port.tx-ring"))) return 0;
        return Math.max(2 * FdChannel.BATCH, Integer.getInteger("rose.port.tx-ring-frames", 256));
    }
    /** Send slots: any Ethernet frame up to jumbo size (offloads are expected off, see TunTest/LinuxPortsTest). */
    static final int TX_SLOT = 1 << 14;

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
        return open(iface, promiscuous, RING ? RING_FRAMES * PacketRings.slotSize(mtuOr1500(iface)) : 0, txRingFrames());
    }

    /** {@code ringBytes}: the receive ring's size, 0 for none (recvmmsg). */
    static FrameChannel open(String iface, boolean promiscuous, int ringBytes) throws NativeException {
        return open(iface, promiscuous, ringBytes, txRingFrames());
    }

    /**
     * {@code ringBytes}: the receive ring's size, 0 for none (recvmmsg); {@code txRingFrames}: the
     * transmit ring's slots, 0 for none (sendmmsg).
     */
    static FrameChannel open(String iface, boolean promiscuous, int ringBytes, int txRingFrames) throws NativeException {
        LibC c = Native.libc();
        int index = c.if_nametoindex(iface);
        if (index == 0) throw Native.error("if_nametoindex", iface);
        int protoBe = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL)); // htons on little-endian hosts
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) protoBe = ETH_P_ALL;
        // protocol 0: the socket hears nothing until bind names ETH_P_ALL and the interface, so no
        // frame of another interface is queued meanwhile (nor lands in the ring set up before bind)
        int fd = c.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, 0);
        if (fd < 0) throw Native.error("socket AF_PACKET", iface);
        PacketRings rings = null;
        if ((ringBytes > 0 || txRingFrames > 0) && MmsgChannel.supported()) {
            try {
                rings = PacketRings.attach(fd, iface, mtuOr1500(iface), ringBytes, txRingFrames, FdChannel.BATCH);
            } catch (NativeException e) {
                c.close(fd);   // a socket with half a ring set is not worth untangling: start again without
                fd = c.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, 0);
                if (fd < 0) throw Native.error("socket AF_PACKET", iface);
            }
        }
        Pointer sll = Memory.allocateDirect(Native.runtime(), SOCKADDR_LL_SIZE);
        sll.setMemory(0, SOCKADDR_LL_SIZE, (byte) 0);
        sll.putShort(0, (short) AF_PACKET);      // sll_family (host order)
        sll.putShort(2, (short) protoBe);        // sll_protocol (network order)
        sll.putInt(4, index);                    // sll_ifindex
        if (c.bind(fd, sll, SOCKADDR_LL_SIZE) < 0) {
            NativeException e = Native.error("bind AF_PACKET", iface);
            if (rings != null) rings.unmap();
            c.close(fd);
            throw e;
        }
        Pointer one = Memory.allocateDirect(Native.runtime(), 4);
        one.putInt(0, 1);
        c.setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, one, 4); // best effort, see class comment
        if ((rings == null || rings.rxFrames == 0) && RCVBUF > 0) {   // a ring is the socket's receive buffer: it does not queue skbs
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
                if (rings != null) rings.unmap();
                c.close(fd);
                throw e;
            }
        }
        // with both rings the channel's own slots carry nothing: keep them small
        if (rings != null && rings.rxFrames > 0) return new RxRingChannel(fd, iface, rings.tx != null ? 64 : TX_SLOT, rings);
        return MmsgChannel.supported() ? new MmsgChannel(fd, iface, TX_SLOT, rings) : new FdChannel(fd, iface, TX_SLOT);
    }

    /** Whether a socket's frames come in through a PACKET_RX_RING ({@link RxRingChannel}). */
    public static boolean hasRxRing(FrameChannel ch) {
        return ch instanceof RxRingChannel;
    }

    /** Whether a socket's frames go out through a PACKET_TX_RING ({@link TxRing}). */
    public static boolean hasTxRing(FrameChannel ch) {
        return ch instanceof MmsgChannel && ((MmsgChannel) ch).txRing() != null;
    }

    private static int mtuOr1500(String iface) {
        try {
            return mtu(iface);
        } catch (IOException | NumberFormatException e) {
            return 1500;   // no sysfs: the ring's slots still hold any standard frame
        }
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
