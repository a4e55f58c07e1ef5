package rose.appliance.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A lab network, read from a small YAML file:
 *
 * <pre>
 * routers:
 *   seattle:
 *     board: hex-rb750gr3                          # optional; default x86-minipc
 *     rsc: [../shared/examples/site-seattle.rsc]  # startup scripts, imported in order
 *     replace: {my_great_secret: my_secret}       # text replaced in those scripts
 *     config: |                                   # then these console lines
 *       /ip address add address=165.95.23.2/24 interface=ether1
 *   seattle-pc:
 *     host: 192.168.90.10/24 via 192.168.90.1     # a one-port router (ether1) with a default route
 * links:
 *   - seattle:ether2 seattle-pc:ether1
 * </pre>
 *
 * Relative script paths are read from the topology file's directory, else from the current
 * directory or one of its parents (so the built-in topology finds {@code ../shared} from
 * the repository and from a module directory).
 */
public record Topology(List<Node> nodes, List<Link> links, Path baseDir) {
    /**
     * One router or host: its board, startup scripts with replacements, and console lines.
     * {@code host} is the {@code host:} line ({@code 192.168.90.10/24 via 192.168.90.1}) or null
     * for a router; in memory labs a host is a one-port router whose config carries it, in netns
     * labs a Linux namespace.
     */
    public record Node(String name, String board, List<String> rsc, Map<String, String> replace, String config, String host) {
        public boolean isHost() { return host != null; }
    }

    /** A memory wire between two ports. */
    public record Link(String a, String aPort, String b, String bPort) {}

    public static final String DEFAULT_RESOURCE = "seattle-boise.yaml";

    public static Topology builtIn() throws IOException {
        try (InputStream in = Topology.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IOException("built-in topology missing: " + DEFAULT_RESOURCE);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        }
    }

    public static Topology read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
    }

    @SuppressWarnings("unchecked")
    public static Topology parse(String yamlText, Path baseDir) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        if (!(root instanceof Map)) throw new IllegalArgumentException("a topology is a map with routers: and links:");
        Map<String, Object> top = (Map<String, Object>) root;
        List<Node> nodes = new ArrayList<>();
        Object routers = top.get("routers");
        if (!(routers instanceof Map)) throw new IllegalArgumentException("routers: must map names to routers");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) routers).entrySet()) {
            Map<String, Object> r = e.getValue() instanceof Map ? (Map<String, Object>) e.getValue() : Map.of();
            nodes.add(node(String.valueOf(e.getKey()), r));
        }
        List<Link> links = new ArrayList<>();
        Object ls = top.getOrDefault("links", List.of());
        if (!(ls instanceof List)) throw new IllegalArgumentException("links: must be a list");
        for (Object l : (List<Object>) ls) links.add(link(String.valueOf(l)));
        return new Topology(nodes, links, baseDir);
    }

    @SuppressWarnings("unchecked")
    private static Node node(String name, Map<String, Object> r) {
        String board = r.get("board") == null ? null : String.valueOf(r.get("board"));
        List<String> rsc = new ArrayList<>();
        Object s = r.get("rsc");
        if (s instanceof List) for (Object o : (List<Object>) s) rsc.add(String.valueOf(o));
        else if (s != null) rsc.add(String.valueOf(s));
        Map<String, String> replace = new LinkedHashMap<>();
        if (r.get("replace") instanceof Map) ((Map<Object, Object>) r.get("replace")).forEach((k, v) -> replace.put(String.valueOf(k), String.valueOf(v)));
        StringBuilder config = new StringBuilder();
        String host = r.get("host") == null ? null : String.valueOf(r.get("host"));
        if (host != null) config.append(hostConfig(name, host));
        if (r.get("config") != null) config.append(r.get("config")).append('\n');
        return new Node(name, board, rsc, replace, config.toString(), host);
    }

    /** {@code 192.168.90.10/24 via 192.168.90.1}: the host's address on ether1 and its default route. */
    static String hostConfig(String name, String spec) {
        String[] w = hostSpec(name, spec);
        return "/ip address add address=" + w[0] + " interface=ether1\n/ip route add gateway=" + w[1] + "\n";
    }

    /** {@code ADDRESS/LEN via GATEWAY} as {@code [ADDRESS/LEN, GATEWAY]}. */
    static String[] hostSpec(String name, String spec) {
        String[] w = spec.trim().split("\\s+");
        if (w.length != 3 || !w[1].equals("via")) throw new IllegalArgumentException(name + ": host: expected ADDRESS/LEN via GATEWAY");
        return new String[] {w[0], w[2]};
    }

    private static Link link(String text) {
        String[] ends = text.trim().split("\\s+");
        if (ends.length != 2) throw new IllegalArgumentException("link: expected 'ROUTER:PORT ROUTER:PORT': " + text);
        String[] a = ends[0].split(":"), b = ends[1].split(":");
        if (a.length != 2 || b.length != 2) throw new IllegalArgumentException("link: expected 'ROUTER:PORT ROUTER:PORT': " + text);
        return new Link(a[0], a[1], b[0], b[1]);
    }

    /** A script's text with the node's replacements applied. */
    String script(Node n, String path) throws IOException {
        Path p = resolve(path);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : n.replace().entrySet()) text = text.replace(e.getKey(), e.getValue());
        return text;
    }

    private Path resolve(String path) throws IOException {
        Path p = Path.of(path);
        if (p.isAbsolute()) return p;
        if (baseDir != null && Files.exists(baseDir.resolve(p))) return baseDir.resolve(p);
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.exists(dir.resolve(p))) return dir.resolve(p);
        }
        throw new IOException("cannot find " + path + (baseDir != null ? " (from " + baseDir + ")" : "") + " nor from the current directory");
    }
}
