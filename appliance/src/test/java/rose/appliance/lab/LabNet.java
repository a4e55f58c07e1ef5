package rose.appliance.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;

/**
 * A gateway between a LAN host and a WAN host, booted as whole appliances on memory wires in
 * step mode: configuration typed as console commands goes through the reconciler to the
 * dataplane, and traffic is /ping from the hosts' consoles.
 *
 * <pre>
 *   lan 192.168.1.10 --- ether2 gw ether1 --- wan 10.0.0.10
 * </pre>
 */
final class LabNet implements AutoCloseable {
    static final String TOPOLOGY = String.join("\n",
            "routers:",
            "  gw:",
            "    config: |",
            "      /ip address add address=10.0.0.1/24 interface=ether1",
            "      /ip address add address=192.168.1.1/24 interface=ether2",
            "  lan:",
            "    host: 192.168.1.10/24 via 192.168.1.1",
            "  wan:",
            "    host: 10.0.0.10/24 via 10.0.0.1",
            "links:",
            "  - gw:ether1 wan:ether1",
            "  - gw:ether2 lan:ether1",
            "");

    final Lab lab;
    private final Path dir;

    LabNet() throws Exception {
        this(Topology.parse(TOPOLOGY, null));
    }

    LabNet(Topology topo) throws Exception {
        dir = Files.createTempDirectory("rose-labnet");
        lab = Lab.boot(topo, id -> BoardsForTests.genericX86(), BuildInfo.current(), dir);
        if (!lab.bootErrors().isEmpty()) throw new AssertionError("startup failed: " + lab.bootErrors());
    }

    /** Runs a console line that must succeed; returns its output. */
    String ok(String node, String line) {
        StringBuilder out = new StringBuilder();
        if (!lab.run(node, line, out)) throw new AssertionError(node + ": " + line + " failed:\n" + out);
        return out.toString();
    }

    /** Runs a console line that must fail; returns its output. */
    String fails(String node, String line) {
        StringBuilder out = new StringBuilder();
        if (lab.run(node, line, out)) throw new AssertionError(node + ": " + line + " should have failed:\n" + out);
        return out.toString();
    }

    /** The number of replies a ping got (its summary line). */
    int received(String node, String target, int count) {
        String out = ok(node, "/ping " + target + " count=" + count);
        int at = out.indexOf("received=");
        return Integer.parseInt(out.substring(at + 9, out.indexOf(' ', at)));
    }

    @Override
    public void close() throws Exception {
        lab.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
