package rose.appliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import rose.appliance.lab.Lab;
import rose.appliance.lab.LabNetwork;
import rose.appliance.lab.NetnsLab;
import rose.appliance.lab.Topology;

/**
 * {@code rose lab [TOPOLOGY] [--script FILE]}: a network of routers in this process.
 *
 * <p>Interactively, a prompt for one router at a time: type a router's name (or
 * {@code /lab switch NAME}) to switch to it, {@code NAME: COMMAND} to run one command on another,
 * {@code /lab list} for the names, {@code /lab quit} (or end of input) to leave. With
 * {@code --script FILE} every line is {@code NAME: COMMAND}, printed as {@code [NAME] COMMAND}
 * followed by that console's output; the exit status is 1 if any command failed (an error, or a
 * {@code /ping} that got no reply at all).
 *
 * <p>{@code --backend netns} (root) builds the same topology as namespaces ({@link NetnsLab}):
 * routers are {@code rose run} processes, hosts are Linux namespaces that real programs join.
 */
final class LabCommand {
    static final String USAGE = "Usage: rose lab [TOPOLOGY.yaml] [--backend memory|netns] [--emulate-boards] [--script FILE] [--cores N]\n"
            + "  TOPOLOGY.yaml   routers, hosts and links (default: the Seattle-Boise network)\n"
            + "  --backend       memory: every router in this process on memory wires (default, no root);\n"
            + "                  netns (root): each router a 'rose run' process in a network namespace of its own,\n"
            + "                  ports on veths (AF_PACKET), hosts Linux namespaces where ping, iperf3 ... run;\n"
            + "                  on a host, a line is a shell command ('/ping ADDRESS count=N' becomes the kernel's ping)\n"
            + "  --emulate-boards  (netns) hold each router's ports to its board's port speeds and the ESP it sends to\n"
            + "                  the board's published IPsec throughput (tc shaping), so a lab of hEX routers is no faster\n"
            + "  --script FILE   run lines 'NAME: COMMAND' and exit (1 if any failed)\n"
            + "  --cores N       (memory) dataplane workers per router, default 1: frames are steered over them by flow\n"
            + "                  hash as on a multi-core router, all stepped on one thread (deterministic, not faster);\n"
            + "                  (netns) each 'rose run' gets --cores N (default: its board's CPUs, at most this machine's)\n"
            + "At the prompt: NAME switches router, NAME: COMMAND runs on NAME, /lab list, /lab quit\n";

    private LabCommand() {
    }

    static int run(List<String> args, Io io) {
        Path topoFile = null;
        Path script = null;
        String backend = "memory";
        boolean emulate = false;
        int cores = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                io.out().print(USAGE);
                return 0;
            } else if (a.equals("--script") && i + 1 < args.size()) {
                script = Path.of(args.get(++i));
            } else if (a.startsWith("--script=")) {
                script = Path.of(a.substring("--script=".length()));
            } else if ((a.equals("--cores") && i + 1 < args.size()) || a.startsWith("--cores=")) {
                try {
                    cores = RunCommand.cores(a.startsWith("--cores=") ? a.substring("--cores=".length()) : args.get(++i));
                } catch (IllegalArgumentException e) {
                    io.err().println("rose lab: " + e.getMessage());
                    return 2;
                }
            } else if (a.equals("--emulate-boards")) {
                emulate = true;
            } else if ((a.equals("--backend") && i + 1 < args.size()) || a.startsWith("--backend=")) {
                backend = a.startsWith("--backend=") ? a.substring("--backend=".length()) : args.get(++i);
                if (!backend.equals("memory") && !backend.equals("netns")) {
                    io.err().println("rose lab: --backend is memory or netns, not " + backend);
                    return 2;
                }
            } else if (!a.startsWith("-") && topoFile == null) {
                topoFile = Path.of(a);
            } else {
                io.err().println("rose lab: unknown argument: " + a);
                io.err().print(USAGE);
                return 2;
            }
        }
        Path dataRoot = null;
        try {
            Topology topo = topoFile == null ? Topology.builtIn() : Topology.read(topoFile);
            if (emulate && !backend.equals("netns")) {
                io.err().println("rose lab: --emulate-boards shapes Linux interfaces: it needs --backend netns");
                return 2;
            }
            if (backend.equals("netns") && NetnsLab.unavailable() != null) {
                io.err().println("rose lab: --backend netns: " + NetnsLab.unavailable());
                return 1;
            }
            long t0 = System.nanoTime();
            LabNetwork boot;
            if (backend.equals("netns")) {
                boot = NetnsLab.boot(topo, "x86-minipc", emulate, cores);
            } else {
                dataRoot = Files.createTempDirectory("rose-lab");
                boot = Lab.boot(topo, id -> id == null ? Boards.choose("x86-minipc") : Boards.choose(id), BuildInfo.current(), dataRoot, cores == 0 ? 1 : cores);
            }
            try (LabNetwork lab = boot) {
                for (String e : lab.bootErrors()) io.err().println("rose lab: startup: " + e);
                if (script != null) return script(lab, Files.readAllLines(script, StandardCharsets.UTF_8), io.out());
                io.out().printf("rose lab: %d routers up in %d ms: %s%n", lab.names().size(),
                        (System.nanoTime() - t0) / 1_000_000, String.join(", ", lab.names()));
                for (String n : lab.notes()) io.out().println(n);
                io.out().println("type a router's name to switch to it, NAME: COMMAND to run on another, /lab quit to leave");
                return interactive(lab, io);
            }
        } catch (Exception e) {
            io.err().println("rose lab: " + e.getMessage());
            return 1;
        } finally {
            if (dataRoot != null) delete(dataRoot);
            io.out().flush();
        }
    }

    /** Runs {@code NAME: COMMAND} lines; returns the exit status. */
    static int script(LabNetwork lab, List<String> lines, PrintStream out) {
        boolean failed = false;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (colon < 0 || !lab.names().contains(name)) {
                out.println("rose lab: not 'NAME: COMMAND' with a router of this lab: " + line);
                failed = true;
                continue;
            }
            String cmd = line.substring(colon + 1).trim();
            out.println("[" + name + "] " + cmd);
            StringBuilder o = new StringBuilder();
            boolean ok = lab.run(name, cmd, o);
            out.print(o);
            if (!ok || noReply(cmd, o)) failed = true;
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private static boolean noReply(String cmd, CharSequence output) {
        String c = cmd.startsWith("/") ? cmd.substring(1) : cmd;
        return c.startsWith("ping ") && output.toString().contains(" received=0 ");
    }

    private static int interactive(LabNetwork lab, Io io) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        String current = lab.names().get(0);
        PrintStream out = io.out();
        while (true) {
            out.print(lab.prompt(current));
            out.flush();
            String line = in.readLine();
            if (line == null) return 0;
            String t = line.trim();
            if (t.equals("/lab quit") || t.equals("/lab exit")) return 0;
            if (t.equals("/lab list")) {
                out.println(String.join(" ", lab.names()));
                continue;
            }
            String target = t.startsWith("/lab switch ") ? t.substring("/lab switch ".length()).trim() : t;
            if (lab.names().contains(target)) {
                current = target;
                continue;
            }
            int colon = t.indexOf(':');
            String node = current;
            if (colon > 0 && lab.names().contains(t.substring(0, colon).trim())) {
                node = t.substring(0, colon).trim();
                t = t.substring(colon + 1).trim();
            }
            StringBuilder o = new StringBuilder();
            lab.run(node, t, o);
            out.print(o);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
