package rose.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Linux tier (root, /dev/net/tun): a worker sleeping on its TUN port wakes for the frame, not the timeout. */
class PollSetTest {
    @Test
    void sleepsWhileIdleAndWakesWhenTheKernelSendsAFrame() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.tun() && LinuxNet.isRoot(), () -> "poll test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        try (FrameChannel tun = Tun.open("rosepoll0", false)) {
            LinuxNet.run("sysctl", "-q", "-w", "net.ipv6.conf.rosepoll0.disable_ipv6=1");   // no router solicitations to wake us
            LinuxNet.run("ip", "addr", "add", "10.78.0.1/24", "dev", "rosepoll0");
            LinuxNet.run("ip", "link", "set", "rosepoll0", "up");
            byte[] buf = new byte[2048];
            while (tun.read(buf, 0, buf.length) > 0) { /* drain what came with link-up */ }
            PollSet set = new PollSet(new int[] {tun.readinessFd()});

            long t0 = System.nanoTime();
            assertEquals(0, set.awaitReadable(100), "nothing to read yet");
            assertTrue(System.nanoTime() - t0 >= 80_000_000L, "slept the timeout");

            Thread sender = new Thread(() -> {
                try (DatagramSocket s = new DatagramSocket()) {
                    Thread.sleep(200);
                    byte[] msg = "wake up".getBytes();
                    s.send(new DatagramPacket(msg, msg.length, InetAddress.getByName("10.78.0.2"), 9999));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            long t1 = System.nanoTime();
            int ready = set.awaitReadable(10_000);
            long waited = System.nanoTime() - t1;
            sender.join();
            assertEquals(1, ready);
            assertTrue(waited < 5_000_000_000L, "woken by the frame, not the 10 s timeout: " + waited / 1_000_000 + " ms");
            int n = tun.read(buf, 0, buf.length);
            assertTrue(n > 28 && "wake up".equals(new String(buf, 28, n - 28)), "the frame that woke us: " + n);
        }
    }

    @Test
    void refusesANegativeDescriptor() {
        assertThrows(IllegalArgumentException.class, () -> new PollSet(new int[] {-1}));
    }
}
