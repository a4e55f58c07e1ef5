package rose.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import rose.appliance.dataplane.RouterDataplane;
import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.cli.db.Item;
import rose.dataplane.buffer.PacketPool;
import rose.os.FrameChannel;
import rose.os.NativeException;
import rose.os.Tun;

/**
 * {@code rose run --host-stack DEV}: the router's own TCP services (SSH, API, REST) reached on
 * the router's addresses, through the Linux stack, as VPP's linux-cp does.
 *
 * <ol>
 *   <li>a TUN device {@code DEV} carries, on the kernel's side, every {@code /ip address} of
 *       the router (kept in step with the configuration) and a default route, so the kernel
 *       answers for those addresses and sends its replies back into the TUN;</li>
 *   <li>in: packets for the router that the dataplane does not answer itself (not ICMP echo,
 *       not IKE) leave {@code punt-host} here, after the input firewall has passed them, and are
 *       written into the TUN;</li>
 *   <li>out: what the kernel writes into the TUN is sent by the router ({@code Router.send}),
 *       routed, firewalled (output chain) and put on the wire like anything it originates.</li>
 * </ol>
 * Services then listen on the kernel's addresses ({@code --listen 0.0.0.0}). The kernel does
 * not forward ({@code ip_forward} stays 0): the router's dataplane does, except the packets of
 * SAs handed to the kernel's XFRM ({@code offload=kernel}), which it forwards from the TUN back
 * into the TUN through its policies (rose.appliance.ipsec.KernelEsp).
 */
final class HostStack implements AutoCloseable {
    private static final int MTU = 1500;
    private final String device;
    private final RouterDataplane dataplane;
    private final RouterOs ros;
    private final FrameChannel tun;
    private final Set<String> applied = new LinkedHashSet<>();
    private final Consumer<ConfigState> listener = this::sync;
    private final Thread reader;
    private volatile boolean closed;

    private HostStack(String device, RouterDataplane dataplane, RouterOs ros, FrameChannel tun) {
        this.device = device;
        this.dataplane = dataplane;
        this.ros = ros;
        this.tun = tun;
        this.reader = new Thread(this::readLoop, "rose-host-stack");
        this.reader.setDaemon(true);
    }

    /** Creates the TUN device, brings it up, and starts carrying packets both ways. */
    static HostStack start(String device, RouterDataplane dataplane, RouterOs ros) throws IOException {
        FrameChannel tun;
        try {
            tun = Tun.open(device, false);
        } catch (NativeException e) {
            throw new IOException("--host-stack " + device + ": " + e.getMessage(), e);
        }
        HostStack h = new HostStack(device, dataplane, ros, tun);
        try {
            h.ip("link", "set", "dev", device, "mtu", String.valueOf(MTU), "up");
            // replies to any source go back through the router; the kernel's reverse-path check
            // would otherwise drop what arrives from addresses it has no route to yet
            sysctl("net/ipv4/conf/" + device + "/rp_filter", "0");
            h.ip("route", "replace", "default", "dev", device);
        } catch (IOException e) {
            tun.close();
            throw e;
        }
        dataplane.local().fallback(h::deliver);
        ros.db().addListener(h.listener);
        h.sync(ros.db().state());
        h.reader.start();
        return h;
    }

    /** punt-host: a packet for the router that nothing in the dataplane answers. */
    private void deliver(PacketPool pool, int h) {
        write(pool, h);
    }

    /**
     * Writes a packet into the TUN as it is: also the dataplane's hand-off of packets of SAs the
     * kernel's XFRM holds (which encrypts or decrypts them and writes the result back here).
     */
    void write(PacketPool pool, int h) {
        int l3 = pool.meta().l3(h);
        int len = pool.meta().length(h);
        synchronized (tun) {
            tun.write(pool.arena(), l3, len);          // a full TUN queue drops, as a NIC would
        }
    }

    private void readLoop() {
        byte[] buf = new byte[65536];
        int idleMillis = 1;
        while (!closed) {
            int n = tun.read(buf, 0, buf.length);
            if (n > 0) {
                idleMillis = 1;
                if ((buf[0] & 0xf0) == 0x40) dataplane.router().send(java.util.Arrays.copyOf(buf, n)); // IPv4 only
                continue;
            }
            // non-blocking TUN: back off to 20 ms while idle (management traffic, not the fast path)
            try {
                Thread.sleep(idleMillis);
            } catch (InterruptedException e) {
                return;
            }
            idleMillis = Math.min(20, idleMillis * 2);
        }
    }

    /** Keeps the kernel's addresses on the TUN equal to the enabled {@code /ip address} entries. */
    private synchronized void sync(ConfigState st) {
        if (closed) return;
        Set<String> want = new LinkedHashSet<>();
        for (Item i : st.items("ip address")) {
            String a = i.get("address");
            if (a == null || "yes".equals(i.get("disabled")) || a.indexOf(':') >= 0) continue;
            want.add(a.indexOf('/') < 0 ? a + "/32" : a);
        }
        List<String> gone = new ArrayList<>(applied);
        gone.removeAll(want);
        for (String a : gone) {
            try {
                ip("-4", "addr", "del", a, "dev", device);
            } catch (IOException e) {
                ros.log().warning("system", "host stack: " + e.getMessage());
            }
            applied.remove(a);
        }
        for (String a : want) {
            if (applied.contains(a)) continue;
            try {
                ip("-4", "addr", "replace", a, "dev", device);
                applied.add(a);
            } catch (IOException e) {
                ros.log().warning("system", "host stack: " + e.getMessage());
            }
        }
    }

    private void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted");
        }
    }

    private static void sysctl(String key, String value) throws IOException {
        Path p = Path.of("/proc/sys", key);
        if (Files.exists(p)) Files.writeString(p, value);
    }

    @Override
    public void close() {
        closed = true;
        ros.db().removeListener(listener);
        dataplane.local().fallback(null);
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tun.close();
    }
}
