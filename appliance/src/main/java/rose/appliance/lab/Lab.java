package rose.appliance.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.appliance.Appliance;
import rose.appliance.Board;
import rose.appliance.BuildInfo;
import rose.appliance.dataplane.RouterDataplane;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;
import rose.dataplane.ManualClock;
import rose.dataplane.Router;
import rose.dataplane.StepDriver;
import rose.dataplane.port.MemoryWire;

/**
 * Several routers (and hosts, one-port routers) in one JVM, wired by memory ports.
 *
 * <ol>
 *   <li>boot an appliance per node, its dataplane stepped on one shared manual clock;</li>
 *   <li>connect the links' ports with memory wires (a MAC per wire end, unique in the lab);</li>
 *   <li>run each node's startup scripts, then its console lines (errors are collected in
 *       {@link #bootErrors}, as a console would print them);</li>
 *   <li>commands then run on a router's console session ({@link #run}); traffic moves when a
 *       command waits ({@code /ping}) and after every command.</li>
 * </ol>
 */
public final class Lab implements LabNetwork {
    /** How the lab gets a node's board from its profile id (null: the default board). */
    @FunctionalInterface
    public interface Boards {
        Board board(String id) throws Exception;
    }

    private final Map<String, Appliance> nodes = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<String> bootErrors = new ArrayList<>();
    private final StepTime time;

    private Lab(StepTime time) { this.time = time; }

    public static Lab boot(Topology topo, Boards boards, BuildInfo build, Path dataRoot) throws Exception {
        return boot(topo, boards, build, dataRoot, 1);
    }

    /**
     * The same with {@code cores} dataplane workers per router. The lab steps every worker of every
     * router on one thread, so this adds no speed: it runs each router's flow steering and handoffs
     * as a multi-core router would, deterministically.
     */
    public static Lab boot(Topology topo, Boards boards, BuildInfo build, Path dataRoot, int cores) throws Exception {
        StepTime time = new StepTime(new ManualClock(1_000_000_000L));
        Lab lab = new Lab(time);
        try {
            List<Router> routers = new ArrayList<>();
            for (Topology.Node n : topo.nodes()) {
                Appliance app = Appliance.boot(boards.board(n.board()), dataRoot.resolve(n.name()), build,
                        RouterDataplane.Options.stepped(time).withWorkers(cores), topo.nodes().size());
                lab.nodes.put(n.name(), app);
                lab.sessions.put(n.name(), new Session(app.router(), Principal.full("admin")));
                routers.add(app.dataplane().router());
                time.controlPlane(app.ipsec()::step);
            }
            time.driver(new StepDriver(time.clock(), routers));
            long mac = 0x02_00_5e_00_00_00L;
            for (Topology.Link l : topo.links()) {
                Appliance a = lab.node(l.a()), b = lab.node(l.b());
                MemoryWire w = MemoryWire.connect(l.a() + ":" + l.aPort(), ++mac, l.b() + ":" + l.bPort(), ++mac);
                a.dataplane().attachPort(l.aPort(), w.a());
                b.dataplane().attachPort(l.bPort(), w.b());
            }
            for (Topology.Node n : topo.nodes()) {
                for (String rsc : n.rsc()) lab.runScript(n.name(), topo.script(n, rsc));
                lab.runScript(n.name(), n.config());
            }
            lab.settle();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private Appliance node(String name) {
        Appliance a = nodes.get(name);
        if (a == null) throw new IllegalArgumentException("no router named " + name + " in the lab (links)");
        return a;
    }

    private void runScript(String node, String text) {
        StringBuilder logical = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1);
                continue;
            }
            logical.append(line);
            String cmd = logical.toString().trim();
            logical.setLength(0);
            if (cmd.isEmpty() || cmd.startsWith("#")) continue;
            StringBuilder out = new StringBuilder();
            if (!run(node, cmd, out)) bootErrors.add(node + ": " + cmd + "\n" + out.toString().stripTrailing());
        }
    }

    @Override
    public List<String> names() { return List.copyOf(nodes.keySet()); }

    public Appliance appliance(String name) { return nodes.get(name); }

    /** Session of a node's console (its prompt shows the node's identity). */
    public Session session(String name) { return sessions.get(name); }

    @Override
    public String prompt(String node) { return session(node).prompt(); }

    @Override
    public List<String> bootErrors() { return List.copyOf(bootErrors); }

    /** Runs one console line on a node; traffic it caused has moved when this returns. */
    @Override
    public boolean run(String node, String line, Appendable out) {
        Session s = sessions.get(node);
        if (s == null) throw new IllegalArgumentException("no router named " + node);
        boolean ok = s.execute(line, out);
        settle();
        return ok;
    }

    /** Moves every queued packet and does the routers' housekeeping (log lines, expiries). */
    public void settle() {
        time.settle();
        for (Appliance a : nodes.values()) a.dataplane().tick();
    }

    /** Lets {@code nanos} of lab time pass (timeouts, address-list expiry). */
    public void advance(long nanos) {
        time.awaitUntil(time.nanos() + nanos, () -> false);
        settle();
    }

    @Override
    public void close() {
        for (Appliance a : nodes.values()) {
            try {
                a.close();
            } catch (IOException | RuntimeException e) {
                // closing the rest matters more
            }
        }
        nodes.clear();
    }
}
