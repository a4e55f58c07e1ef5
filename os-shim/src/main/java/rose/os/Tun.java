package rose.os;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Linux TUN/TAP devices (Documentation/networking/tuntap.rst): open {@code /dev/net/tun},
 * then {@code TUNSETIFF} with a {@code struct ifreq} naming the device and its mode.
 * {@code IFF_NO_PI} drops the 4-byte packet-information prefix: a TUN read is then
 * exactly one IP packet, a TAP read exactly one Ethernet frame.
 */
public final class Tun {
    /** Layer 3: IP packets. */
    public static final int IFF_TUN = 0x0001;
    /** Layer 2: Ethernet frames. */
    public static final int IFF_TAP = 0x0002;
    public static final int IFF_NO_PI = 0x1000;
    static final long TUNSETIFF = 0x400454caL;
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 04000;
    static final int IFNAMSIZ = 16;
    static final int IFREQ_SIZE = 40;
    static final long SIOCSIFTXQLEN = 0x8943L;
    static final int AF_INET = 2, SOCK_DGRAM = 2;

    private Tun() {}

    /** Creates (or attaches to) a non-blocking TUN ({@code tap=false}) or TAP device. */
    public static FrameChannel open(String name, boolean tap) throws NativeException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) throw new IllegalArgumentException("interface name length: " + name);
        LibC c = Native.libc();
        int fd = c.open("/dev/net/tun", O_RDWR | O_NONBLOCK);
        if (fd < 0) throw Native.error("open", "/dev/net/tun");
        Pointer ifr = Memory.allocateDirect(Native.runtime(), IFREQ_SIZE);
        ifr.setMemory(0, IFREQ_SIZE, (byte) 0);
        ifr.put(0, n, 0, n.length);
        ifr.putShort(IFNAMSIZ, (short) ((tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI));
        if (c.ioctl(fd, TUNSETIFF, ifr) < 0) {
            NativeException e = Native.error("ioctl TUNSETIFF", name);
            c.close(fd);
            throw e;
        }
        return new FdChannel(fd, name);
    }

    /**
     * Sets the device's {@code txqueuelen}: for a TUN device, the ring in which the kernel holds the
     * packets it sends us until we read them (tun_net_xmit drops and counts "TX dropped" when it is
     * full). The kernel's default of 500 is 5 ms at 100 kpps: less than one scheduling gap of a JVM
     * on a busy host, let alone a GC pause. {@code SIOCSIFTXQLEN} on any socket, as ip-link does.
     */
    public static void setQueueLength(String name, int packets) throws NativeException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) throw new IllegalArgumentException("interface name length: " + name);
        if (packets < 1) throw new IllegalArgumentException("queue length " + packets);
        LibC c = Native.libc();
        int s = c.socket(AF_INET, SOCK_DGRAM, 0);
        if (s < 0) throw Native.error("socket", "AF_INET");
        try {
            Pointer ifr = Memory.allocateDirect(Native.runtime(), IFREQ_SIZE);
            ifr.setMemory(0, IFREQ_SIZE, (byte) 0);
            ifr.put(0, n, 0, n.length);
            ifr.putInt(IFNAMSIZ, packets);                  // ifr_qlen
            if (c.ioctl(s, SIOCSIFTXQLEN, ifr) < 0) throw Native.error("ioctl SIOCSIFTXQLEN", name);
        } finally {
            c.close(s);
        }
    }
}
