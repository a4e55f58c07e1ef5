package rose.appliance.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Network namespaces, veth pairs and processes for the Linux and interop tiers, torn down
 * together by {@link #close} (and by a shutdown hook if the JVM dies first).
 *
 * <ol>
 *   <li>{@link #unavailable} says why this machine cannot run the tier (root, namespaces, TUN,
 *       AF_PACKET, commands), or null; tests skip with that reason, never pass silently;</li>
 *   <li>every namespace is named {@code <prefix>-<name>}, the prefix unique to this lab
 *       ({@code ri} + 4 hex digits), so parallel runs and leftovers never collide;</li>
 *   <li>{@link #veth} links two namespaces directly ({@code ip link add … netns …}); deleting a
 *       namespace deletes its veth ends, so cleanup is deleting namespaces and killing
 *       processes.</li>
 * </ol>
 * The kernel has no dummy interfaces here: LAN hosts are extra namespaces on veths.
 */
public final class NetLab implements AutoCloseable {
    public final String prefix;
    public final Path dir;
    /** {@code taskset -c} CPU list every process of the lab is pinned to, or null (no pinning). */
    private volatile String cpus;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Thread hook = new Thread(this::teardown, "netlab-cleanup");
    private boolean closed;

    /** A lab whose namespaces are named {@code ri<hex>-NAME} (the tests' prefix). */
    public NetLab() throws IOException {
        this("ri");
    }

    /** A lab whose namespaces are named {@code <kind><4 hex digits>-NAME}. */
    public NetLab(String kind) throws IOException {
        prefix = kind + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xefff));
        dir = Files.createTempDirectory("rose-" + prefix + "-");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Why the tier cannot run here, or null. */
    public static String unavailable(String... tools) {
        if (!"root".equals(System.getProperty("user.name"))) return "needs root (network namespaces, veth, AF_PACKET, TUN)";
        for (String t : tools) if (!Cmd.has(t)) return "needs the '" + t + "' command (" + debianPackage(t) + ")";
        rose.os.Capabilities c = rose.os.Capabilities.probe();
        if (!c.tun() || !c.afPacket()) return "kernel: " + c.reason();
        String probe = "riprobe" + ProcessHandle.current().pid();
        try {
            Cmd.Result r = Cmd.run("ip", "netns", "add", probe);
            if (!r.ok()) return "cannot create network namespaces: " + r.out().trim();
        } catch (IOException | InterruptedException e) {
            return "cannot run ip: " + e;
        } finally {
            Cmd.quiet("ip", "netns", "del", probe);
        }
        return null;
    }

    public static String debianPackage(String tool) {
        switch (tool) {
            case "ip": return "Debian: iproute2";
            case "ping": return "Debian: iputils-ping";
            case "charon-systemd": return "Debian: charon-systemd";
            case "swanctl": return "Debian: strongswan-swanctl";
            case "nft": return "Debian: nftables";
            default: return "Debian: " + tool;
        }
    }

    /** strongSwan with kernel-libipsec, as reference 09 sets it up; null when installed. */
    public static String strongswanMissing() {
        if (!Cmd.has("charon-systemd")) return "needs charon-systemd (apt-get install strongswan strongswan-swanctl charon-systemd libcharon-extra-plugins libstrongswan-extra-plugins)";
        if (!Cmd.has("swanctl")) return "needs swanctl (Debian: strongswan-swanctl)";
        if (!Files.exists(Path.of("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so"))) return "needs the kernel-libipsec plugin (Debian: libcharon-extra-plugins)";
        if (!Cmd.has("unshare")) return "needs unshare (Debian: util-linux)";
        return null;
    }

    /** Creates namespace {@code <prefix>-name} with loopback up; returns its full name. */
    public String ns(String name) throws IOException, InterruptedException {
        String ns = prefix + "-" + name;
        Cmd.must("ip", "netns", "add", ns);
        synchronized (this) { namespaces.add(ns); }
        Cmd.must("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /**
     * A veth pair {@code ifA} in {@code nsA} and {@code ifB} in {@code nsB}, both up, offloads
     * off (AF_PACKET must see wire frames, not GRO super-frames with unfilled checksums).
     */
    public void veth(String nsA, String ifA, String nsB, String ifB) throws IOException, InterruptedException {
        Cmd.must("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        for (String[] end : new String[][] {{nsA, ifA}, {nsB, ifB}}) {
            Cmd.must("ip", "-n", end[0], "link", "set", end[1], "up");
            if (Cmd.has("ethtool")) Cmd.quiet("ip", "netns", "exec", end[0], "ethtool", "-K", end[1], "rx", "off", "tx", "off", "tso", "off", "gso", "off", "gro", "off");
        }
    }

    public void addr(String ns, String iface, String cidr) throws IOException, InterruptedException {
        Cmd.must("ip", "-n", ns, "addr", "add", cidr, "dev", iface);
    }

    public void route(String ns, String dst, String via) throws IOException, InterruptedException {
        Cmd.must("ip", "-n", ns, "route", "add", dst, "via", via);
    }

    public void forwarding(String ns) throws IOException, InterruptedException {
        Cmd.must("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    /** A LAN host: namespace {@code name} on a veth to {@code routerNs}/{@code routerIf}, default route via {@code gw}. */
    public String host(String name, String routerNs, String routerIf, String cidr, String gw) throws IOException, InterruptedException {
        String ns = ns(name);
        veth(ns, "eth0", routerNs, routerIf);
        addr(ns, "eth0", cidr);
        Cmd.must("ip", "-n", ns, "route", "add", "default", "via", gw);
        return ns;
    }

    /** A NAPT box: namespace {@code name} forwarding and masquerading what leaves {@code outIf} (nftables). */
    public void masquerade(String ns, String outIf) throws IOException, InterruptedException {
        forwarding(ns);
        Path rules = dir.resolve(ns + ".nft");
        Files.writeString(rules, "table ip napt {\n chain post {\n  type nat hook postrouting priority srcnat; policy accept;\n"
                + "  oifname \"" + outIf + "\" masquerade\n }\n}\n");
        Cmd.must("ip", "netns", "exec", ns, "nft", "-f", rules.toString());
    }

    /**
     * Pins every process started from now on ({@link #start}, {@link #exec}, routers, charon) to
     * the CPUs in {@code list} ({@code taskset -c}, e.g. {@code 0} or {@code 0-1}); null unpins.
     */
    public void pin(String list) {
        cpus = list;
    }

    /** {@code ip netns exec NS [taskset -c CPUS] CMD…}: how every lab process is started. */
    public List<String> command(String ns, List<String> cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        String c = cpus;
        if (c != null) all.addAll(List.of("taskset", "-c", c));
        all.addAll(cmd);
        return all;
    }

    public Cmd.Result exec(String ns, String... cmd) throws IOException, InterruptedException {
        return exec(60, ns, cmd);
    }

    public Cmd.Result exec(long timeoutSeconds, String ns, String... cmd) throws IOException, InterruptedException {
        return Cmd.run(command(ns, List.of(cmd)), timeoutSeconds);
    }

    /** Starts a process in {@code ns}; it is killed at {@link #close}. */
    public Process start(String ns, Path log, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(ns, List.of(cmd))).redirectErrorStream(true);
        if (log != null) pb.redirectOutput(log.toFile());
        Process p = pb.start();
        synchronized (this) { processes.add(p); }
        return p;
    }

    public synchronized <T extends AutoCloseable> T own(T c) {
        closeables.add(c);
        return c;
    }

    @Override
    public void close() {
        teardown();
        try { Runtime.getRuntime().removeShutdownHook(hook); } catch (IllegalStateException e) { /* shutting down */ }
    }

    private synchronized void teardown() {
        if (closed) return;
        closed = true;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try { closeables.get(i).close(); } catch (Exception e) { /* best effort */ }
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            // processes that outlived their parent (charon under unshare) still hold the namespace
            try {
                Cmd.Result pids = Cmd.run("ip", "netns", "pids", ns);
                for (String pid : pids.out().split("\\s+")) if (pid.matches("\\d+")) Cmd.quiet("kill", "-9", pid);
            } catch (IOException | InterruptedException e) { /* best effort */ }
            Cmd.quiet("ip", "netns", "del", ns);
        }
        if (!Boolean.getBoolean("rose.interop.keep")) deleteTree(dir);
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) { /* best effort */ }
    }
}
