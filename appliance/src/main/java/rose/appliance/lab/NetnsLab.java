package rose.appliance.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rose.appliance.netns.Cmd;
import rose.appliance.netns.NetLab;
import rose.appliance.netns.RoseProcess;

/**
 * A lab whose routers are {@code rose run} processes, each in a network namespace of its own,
 * and whose hosts are plain Linux namespaces, so the kernel's {@code ping}, {@code iperf3} or
 * anything else can join ({@code ip netns exec <namespace> …}).
 *
 * <ol>
 *   <li>a namespace per node, named {@code rl<hex>-<node>} (unique per lab: parallel labs and
 *       leftovers never collide);</li>
 *   <li>a veth pair per link, each end named after its RouterOS port ({@code ether1}) in its
 *       node's namespace, offloads off (AF_PACKET must see wire frames);</li>
 *   <li>a host gets its address on its one port and a default route through the kernel;</li>
 *   <li>with board emulation, each router's veth ends are shaped to its board (tc, {@link BoardEmulation});</li>
 *   <li>a router runs {@code rose run --port ether1=ether1 …} (AF_PACKET with ARP) with its
 *       startup scripts and console lines as one {@code --import} file, all routers started in
 *       parallel; its console is the process's stdin;</li>
 *   <li>{@link #close} (or the JVM's shutdown hook on Ctrl-C) stops the routers and deletes the
 *       namespaces, which deletes the veths.</li>
 * </ol>
 */
public final class NetnsLab implements LabNetwork {
    /**
     * How a console's answer says a command failed, as automation reads RouterOS (Ansible's
     * community.routeros treats {@code bad command name}, {@code no such item},
     * {@code invalid value for} this way): the process's console gives no exit status per command,
     * and wrapping the line in {@code :do … on-error} would swallow the message the user needs.
     */
    private static final Pattern FAILED = Pattern.compile("(?m)^(bad command name|syntax error|expected |failure:|invalid value|no such item"
            + "|input does not match|missing value|ambiguous value|unknown parameter|value of |Script Error|not enough permissions)");
    private static final Pattern PING = Pattern.compile("/?ping\\s+(\\S+)((?:\\s+\\S+=\\S+)*)\\s*");
    private final NetLab net;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<String, RoseProcess> routers = new LinkedHashMap<>();
    private final List<String> bootErrors = new ArrayList<>();
    private final List<String> emulation = new ArrayList<>();

    private NetnsLab(NetLab net) {
        this.net = net;
    }

    /** Why this machine cannot run a netns lab (root, namespaces, TUN, AF_PACKET), or null. */
    public static String unavailable() {
        return NetLab.unavailable("ip");
    }

    /** Builds the lab; routers without a board in the topology boot as {@code defaultBoard}. */
    public static NetnsLab boot(Topology topo, String defaultBoard) throws IOException, InterruptedException {
        return boot(topo, defaultBoard, false);
    }

    /**
     * The same; with {@code emulateBoards} each router's ports are held to its board's port
     * speeds and its ESP to the board's published IPsec throughput ({@link BoardEmulation}).
     */
    public static NetnsLab boot(Topology topo, String defaultBoard, boolean emulateBoards) throws IOException, InterruptedException {
        return boot(topo, defaultBoard, emulateBoards, 0);
    }

    /** The same with {@code cores} dataplane workers per router process (0: each board's default). */
    public static NetnsLab boot(Topology topo, String defaultBoard, boolean emulateBoards, int cores) throws IOException, InterruptedException {
        NetnsLab lab = new NetnsLab(new NetLab("rl"));
        try {
            lab.build(topo, defaultBoard, emulateBoards, cores);
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void build(Topology topo, String defaultBoard, boolean emulateBoards, int cores) throws IOException, InterruptedException {
        Map<String, List<String>> ports = new LinkedHashMap<>();
        for (Topology.Node n : topo.nodes()) {
            namespaces.put(n.name(), net.ns(n.name()));
            ports.put(n.name(), new ArrayList<>());
        }
        for (Topology.Link l : topo.links()) {
            net.veth(ns(l.a()), l.aPort(), ns(l.b()), l.bPort());
            ports.get(l.a()).add(l.aPort());
            ports.get(l.b()).add(l.bPort());
        }
        List<Topology.Node> routerNodes = new ArrayList<>();
        for (Topology.Node n : topo.nodes()) {
            if (n.isHost()) host(n, ports.get(n.name()));
            else {
                net.forwarding(ns(n.name()));   // the kernel never forwards here (ROSE owns the ports); harmless, and ROSE's TUN punt may need it
                routerNodes.add(n);
            }
        }
        if (emulateBoards) emulate(topo, defaultBoard);   // before the routers start: their first packet already sees the board
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, routerNodes.size()));
        try {
            Map<String, Future<RoseProcess>> started = new LinkedHashMap<>();
            for (Topology.Node n : routerNodes) {
                List<String> mapped = new ArrayList<>();
                for (String p : ports.get(n.name())) mapped.add(p + "=" + p);
                String script = startupScript(topo, n);
                String board = n.board() == null ? defaultBoard : n.board();
                started.put(n.name(), pool.submit(() -> RoseProcess.start(net, n.name(), ns(n.name()), board, mapped, script, cores)));
            }
            for (Map.Entry<String, Future<RoseProcess>> e : started.entrySet()) {
                try {
                    RoseProcess r = e.getValue().get();
                    routers.put(e.getKey(), r);
                    if (r.output().contains("(some commands failed)")) bootErrors.add(e.getKey() + ": " + failedLines(r.output()));
                } catch (java.util.concurrent.ExecutionException x) {
                    Throwable c = x.getCause();
                    throw new IOException("router " + e.getKey() + ": " + (c == null ? x : c.getMessage()), c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Shapes every router's ports as its board (tc on the veth ends in its namespace). */
    private void emulate(Topology topo, String defaultBoard) throws IOException, InterruptedException {
        rose.board.BoardProfiles profiles = rose.board.BoardProfiles.load();
        for (Topology.Node n : topo.nodes()) {
            if (n.isHost()) continue;
            String id = n.board() == null ? defaultBoard : n.board();
            rose.board.BoardProfile p = profiles.byId(id).orElseThrow(() -> new IllegalArgumentException(n.name() + ": no board profile " + id));
            List<String> ports = portsOf(topo, n.name());
            BoardEmulation e = BoardEmulation.of(p, ports);
            for (String port : ports) {
                Integer mbps = e.portMbps().get(port);
                if (mbps != null) rose.appliance.netns.PortShaper.apply(ns(n.name()), port, mbps, e.espMbps());
            }
            emulation.add(e.describe(n.name(), ports));
        }
    }

    private static List<String> portsOf(Topology topo, String node) {
        List<String> ports = new ArrayList<>();
        for (Topology.Link l : topo.links()) {
            if (l.a().equals(node)) ports.add(l.aPort());
            if (l.b().equals(node)) ports.add(l.bPort());
        }
        return ports;
    }

    private String ns(String node) {
        String ns = namespaces.get(node);
        if (ns == null) throw new IllegalArgumentException("no router named " + node + " in the lab (links)");
        return ns;
    }

    private void host(Topology.Node n, List<String> ports) throws IOException, InterruptedException {
        if (ports.size() != 1) throw new IllegalArgumentException(n.name() + ": a host has exactly one link, not " + ports.size());
        String[] spec = Topology.hostSpec(n.name(), n.host());
        net.addr(ns(n.name()), ports.get(0), spec[0]);
        Cmd.must("ip", "-n", ns(n.name()), "route", "add", "default", "via", spec[1]);
    }

    private static String startupScript(Topology topo, Topology.Node n) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String rsc : n.rsc()) s.append(topo.script(n, rsc)).append('\n');
        return s.append(n.config()).toString();
    }

    /** The console lines of a startup import that are neither echoed commands nor log lines: the errors. */
    private static String failedLines(String output) {
        StringBuilder b = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.startsWith("[") || line.startsWith("rose: ") || line.matches("^\\d\\d:\\d\\d:\\d\\d \\S.*") || line.isBlank()) continue;
            b.append('\n').append(line);
        }
        return b.length() == 0 ? "some startup commands failed" : b.toString().trim();
    }

    @Override
    public List<String> names() { return List.copyOf(namespaces.keySet()); }

    /** The namespace a node lives in ({@code ip netns exec NAMESPACE …}). */
    public String namespace(String node) { return ns(node); }

    @Override
    public String prompt(String node) {
        return routers.containsKey(node) ? "[admin@" + node + "] > " : node + "$ ";
    }

    /**
     * On a router, a console line; it failed if the console's answer is a RouterOS error. On a
     * host, a shell command in its namespace ({@code ping -c 3 87.16.79.2}), failed if it exits
     * non-zero; RouterOS's {@code /ping ADDRESS [count=N] [size=N]} is translated to the kernel's ping
     * so one script drives both backends.
     */
    @Override
    public boolean run(String node, String line, Appendable out) {
        try {
            RoseProcess r = routers.get(node);
            if (r != null) {
                String o = r.console(line);
                out.append(o);
                return !FAILED.matcher(o).find();
            }
            Cmd.Result res = net.exec(120, ns(node), "sh", "-c", hostCommand(line));
            out.append(res.out());
            return res.ok();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code /ping 1.2.3.4 count=3 size=100} as the kernel's {@code ping -c 3 -s 72 1.2.3.4}; anything else as typed. */
    static String hostCommand(String line) {
        Matcher m = PING.matcher(line.trim());
        if (!line.trim().startsWith("/") || !m.matches()) return line;
        StringBuilder c = new StringBuilder("ping -i 0.2 -W 2");
        int count = 4;
        for (String kv : m.group(2).trim().split("\\s+")) {
            if (kv.isEmpty()) continue;
            String[] p = kv.split("=", 2);
            if (!p[1].matches("\\d{1,5}")) return line;
            if (p[0].equals("count")) count = Integer.parseInt(p[1]);
            else if (p[0].equals("size")) c.append(" -s ").append(Math.max(0, Integer.parseInt(p[1]) - 28));   // RouterOS counts the IP packet
            else return line;   // an option the kernel's ping does not share: let the shell say so
        }
        return c.append(" -c ").append(count).append(' ').append(m.group(1)).toString();
    }

    @Override
    public List<String> bootErrors() { return List.copyOf(bootErrors); }

    @Override
    public List<String> notes() {
        List<String> n = new ArrayList<>();
        n.add("namespaces (join with: ip netns exec NAMESPACE COMMAND):");
        for (Map.Entry<String, String> e : namespaces.entrySet())
            n.add(String.format("  %-12s %-8s %s", e.getKey(), routers.containsKey(e.getKey()) ? "router" : "host", e.getValue()));
        if (!emulation.isEmpty()) {
            n.add("board emulation (tc on each router's ports; what the router sends):");
            n.addAll(emulation);
        }
        n.add("lab files and router logs: " + net.dir);
        return n;
    }

    @Override
    public void close() {
        net.close();
    }
}
