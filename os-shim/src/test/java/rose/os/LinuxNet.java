package rose.os;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} commands for Linux-tier tests; the output is returned for failure messages. */
public final class LinuxNet {
    private LinuxNet() {}

    public static String run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IOException("timeout: " + c); }
        if (p.exitValue() != 0) throw new IOException(c + " exited " + p.exitValue() + ": " + out);
        return out;
    }

    /** A veth pair {@code a}–{@code b}, both up, IPv6 off before they come up so the kernel sends nothing of its own. */
    public static void quietVeth(String a, String b) throws IOException, InterruptedException {
        run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        for (String i : new String[] {a, b}) {
            run("sysctl", "-q", "-w", "net.ipv6.conf." + i + ".disable_ipv6=1");
            run("ip", "link", "set", i, "up");
        }
    }

    /** Deletes link {@code name} (and a veth's peer with it) if it is there. */
    public static void deleteLink(String name) {
        try {
            run("ip", "link", "del", name);
        } catch (Exception ignored) {
            // not there
        }
    }

    /**
     * A broadcast frame of {@code len} octets (the receiving socket need not be promiscuous) from a
     * locally administered source, EtherType 0x88b5 (IEEE 802 local experimental), its payload
     * random from seed {@code n}.
     */
    public static byte[] testFrame(int len, int n) {
        byte[] f = new byte[len];
        new java.util.SplittableRandom(n).nextBytes(f);
        java.util.Arrays.fill(f, 0, 6, (byte) 0xff);
        f[6] = 0x02;
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        return f;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
