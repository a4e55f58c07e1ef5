package rose.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Linux tier: needs root and /dev/net/tun; skipped with the probe's reason otherwise. */
class TunTest {
    @Test
    void probeExplainsItself() {
        Capabilities c = Capabilities.probe();
        assertTrue(c.tun() && c.afPacket() || !c.reason().isEmpty(), "a missing capability must say why");
    }

    @Test
    void kernelRoutesADatagramIntoTheTunDevice() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.tun() && LinuxNet.isRoot(), () -> "TUN test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        try (FrameChannel tun = Tun.open("rosetst0", false)) {
            LinuxNet.run("ip", "addr", "add", "10.79.0.1/24", "dev", "rosetst0");
            LinuxNet.run("ip", "link", "set", "rosetst0", "up");
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] msg = "hello rose".getBytes();
                s.send(new DatagramPacket(msg, msg.length, InetAddress.getByName("10.79.0.2"), 9999));
            }
            byte[] buf = new byte[2048];
            long deadline = System.nanoTime() + 5_000_000_000L;
            int n;
            // the kernel may first send IPv6 router solicitations etc.; wait for our IPv4 UDP datagram
            while (true) {
                n = tun.read(buf, 0, buf.length);
                if (n > 0 && (buf[0] >> 4) == 4 && buf[9] == 17) break;
                if (n < 0 && n != -Errno.EAGAIN) throw new AssertionError("read: " + Errno.name(-n));
                if (System.nanoTime() > deadline) throw new AssertionError("no datagram from the kernel");
                Thread.sleep(5);
            }
            assertEquals(10, buf[16]);
            assertEquals(79, buf[17]);
            assertEquals(2, buf[19]);
            assertEquals("hello rose", new String(buf, 28, n - 28));
        }
    }

    @Test
    void queueLengthIsWhatTheKernelReports() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.tun() && LinuxNet.isRoot(), () -> "TUN test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        try (FrameChannel tun = Tun.open("rosetst1", false)) {
            java.nio.file.Path q = java.nio.file.Path.of("/sys/class/net/rosetst1/tx_queue_len");
            assertEquals("500", java.nio.file.Files.readString(q).trim(), "the kernel's default, before");
            Tun.setQueueLength("rosetst1", 4321);
            assertEquals("4321", java.nio.file.Files.readString(q).trim());
        }
        NativeException e = assertThrows(NativeException.class, () -> Tun.setQueueLength("no-such-if0", 100));
        assertEquals("ioctl SIOCSIFTXQLEN", e.call());
    }

    @Test
    void badNameFailsWithTheCallAndErrno() {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.afPacket(), () -> "AF_PACKET test skipped: " + c.reason());
        NativeException e = assertThrows(NativeException.class, () -> PacketSocket.open("no-such-if0"));
        assertEquals("if_nametoindex", e.call());
        assertTrue(e.getMessage().contains("ENODEV") || e.getMessage().contains("ENXIO") || e.getMessage().contains("errno"), e.getMessage());
    }
}
