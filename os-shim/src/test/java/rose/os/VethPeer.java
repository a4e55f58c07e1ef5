package rose.os;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The ingress-drop tests' wire: {@code iface} {@code net.1/24} here, its veth peer
 * {@code net.2/24} in namespace {@code ns}; the peer pings this side, so the kernel's answer
 * (or its silence) says whether its own stack saw the frames.
 */
final class VethPeer {
    final String iface, peer, ns, net;

    VethPeer(String iface, String peer, String ns, String net) {
        this.iface = iface;
        this.peer = peer;
        this.ns = ns;
        this.net = net;
    }

    void create() throws Exception {
        remove();
        LinuxNet.run("ip", "netns", "add", ns);
        LinuxNet.run("ip", "link", "add", iface, "type", "veth", "peer", "name", peer, "netns", ns);
        LinuxNet.run("sysctl", "-q", "-w", "net.ipv6.conf." + iface + ".disable_ipv6=1");
        LinuxNet.run("ip", "addr", "add", net + ".1/24", "dev", iface);
        LinuxNet.run("ip", "link", "set", iface, "up");
        LinuxNet.run("ip", "-n", ns, "addr", "add", net + ".2/24", "dev", peer);
        LinuxNet.run("ip", "-n", ns, "link", "set", peer, "up");
    }

    void remove() {
        for (String[] cmd : new String[][] {{"ip", "link", "del", iface}, {"ip", "netns", "del", ns}}) {
            try {
                LinuxNet.run(cmd);
            } catch (Exception ignored) {
                // not there
            }
        }
    }

    boolean pingAnswered() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", net + ".1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    /** Frames the socket got within 1.5 s, any kind: the peer's ARP requests and pings. */
    static int framesSeen(FrameChannel rx) throws InterruptedException {
        int got = 0;
        long end = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < end) {
            int n = rx.readBatch(32);
            if (n > 0) {
                got += n;
                rx.releaseBatch();
            } else {
                Thread.sleep(5);
            }
        }
        return got;
    }
}
