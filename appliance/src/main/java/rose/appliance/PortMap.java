package rose.appliance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import rose.cli.status.Hardware;
import rose.cli.status.SystemLog;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.EthernetChannelPort;
import rose.dataplane.port.Port;
import rose.dataplane.port.TunPort;

/**
 * {@code rose run --port NAME=SPEC}: which Linux interface carries which RouterOS port.
 *
 * <ol>
 *   <li>{@code ether1=eth0}: the NIC (or veth) {@code eth0} through AF_PACKET, with the
 *       interface's own MAC, taken from the host's stack while ROSE runs: what arrives on it is
 *       the router's alone (EthernetChannelPort#afPacket, a tcx ingress drop). Its link is set up and its offloads (GRO/GSO/TSO, rx/tx checksum)
 *       are turned off with {@code ethtool}, because AF_PACKET otherwise hands the router 64 KiB
 *       super-frames and unfilled checksums; where {@code ethtool} is missing the log says the
 *       user must do it;</li>
 *   <li>{@code ether2=tun:rose0}: a TUN device {@code rose0} (created if absent) that the host
 *       kernel, or whatever namespace it is moved to, sees as a point-to-point link;</li>
 *   <li>{@code auto}: the machine's physical NICs ({@code /sys/class/net/X/device}), in name
 *       order, onto the board's ports in order. Only when asked: ROSE never takes the host's NIC
 *       silently, since AF_PACKET on it would route beside the host's own stack.</li>
 * </ol>
 * A mapping overrides whatever the board profile maps; a port name the board does not have is
 * refused with the names it has.
 */
final class PortMap {
    /** One mapping: RouterOS board port name, Linux interface, and whether it is a TUN device. */
    record Mapping(String port, String iface, boolean tun) {
        @Override public String toString() { return port + "=" + (tun ? "tun:" : "") + iface; }
    }

    private final List<String> specs = new ArrayList<>();

    /** Adds a {@code --port} value; checked for form now, against the board at {@link #resolve}. */
    void add(String spec) {
        if (!spec.equals("auto")) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) throw new IllegalArgumentException("--port needs NAME=IFACE, NAME=tun:DEV or auto, not " + spec);
            String iface = spec.substring(eq + 1);
            if (iface.startsWith("tun:")) iface = iface.substring(4);
            if (!iface.matches("[A-Za-z0-9_.@-]{1,15}")) throw new IllegalArgumentException("--port " + spec + ": not a Linux interface name");
        }
        specs.add(spec);
    }

    boolean isEmpty() { return specs.isEmpty(); }

    /** The mappings for {@code hw}'s ports; explicit mappings win over {@code auto}. */
    List<Mapping> resolve(Hardware hw) {
        List<String> names = new ArrayList<>();
        for (Hardware.Port p : hw.ports()) names.add(p.name());
        Map<String, Mapping> out = new LinkedHashMap<>();
        Map<String, String> usedIfaces = new LinkedHashMap<>();
        for (String s : specs) {
            if (s.equals("auto")) continue;
            int eq = s.indexOf('=');
            String port = s.substring(0, eq), iface = s.substring(eq + 1);
            boolean tun = iface.startsWith("tun:");
            if (tun) iface = iface.substring(4);
            if (!names.contains(port)) throw new IllegalArgumentException("--port " + s + ": board has no port " + port + " (it has " + String.join(", ", names) + ")");
            if (out.containsKey(port)) throw new IllegalArgumentException("--port " + s + ": " + port + " is mapped twice");
            String other = usedIfaces.put(iface, port);
            if (other != null) throw new IllegalArgumentException("--port " + s + ": " + iface + " already carries " + other);
            out.put(port, new Mapping(port, iface, tun));
        }
        if (specs.contains("auto")) {
            int next = 0;
            for (String nic : physicalNics()) {
                if (usedIfaces.containsKey(nic)) continue;
                while (next < names.size() && out.containsKey(names.get(next))) next++;
                if (next >= names.size()) break;
                out.put(names.get(next), new Mapping(names.get(next), nic, false));
                usedIfaces.put(nic, names.get(next));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Physical NICs of this machine (they have a {@code device} link in sysfs), by name. */
    static List<String> physicalNics() {
        Path sys = Path.of("/sys/class/net");
        if (!Files.isDirectory(sys)) return List.of();
        try (Stream<Path> s = Files.list(sys)) {
            return s.filter(p -> Files.exists(p.resolve("device"))).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Opens the port of {@code m}, preparing the interface first (link up, offloads off). */
    static Port open(Mapping m, int index, SystemLog log) throws IOException {
        if (m.tun()) {
            TunPort tun = TunPort.open(m.iface(), Ethernet.local(0x7500 + index));
            log.info("interface", m.port() + " on TUN device " + m.iface());
            return tun;
        }
        if (!Files.exists(Path.of("/sys/class/net", m.iface()))) throw new IOException("--port " + m + ": no interface " + m.iface());
        String prep = prepare(m.iface());
        EthernetChannelPort port = EthernetChannelPort.afPacket(m.iface());
        log.info("interface", m.port() + " on " + m.iface() + " (af-packet, mtu " + port.mtu() + "; " + port.ingressNote() + ")" + prep);
        return port;
    }

    /** Link up and offloads off, best effort; returns what the log should add. */
    private static String prepare(String iface) {
        String note = "";
        if (!run("ip", "link", "set", "dev", iface, "up")) note += "; could not set the link up (ip link set " + iface + " up)";
        if (!has("ethtool")) {
            return note + "; WARNING ethtool missing: turn offloads off yourself (ethtool -K " + iface
                    + " rx off tx off tso off gso off gro off), else TCP through the router stalls";
        }
        if (!run("ethtool", "-K", iface, "rx", "off", "tx", "off", "tso", "off", "gso", "off", "gro", "off")) {
            note += "; WARNING ethtool -K " + iface + " failed: offloads may still be on";
        }
        return note;
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) if (new File(dir, tool).canExecute()) return true;
        return new File("/usr/sbin/" + tool).canExecute() || new File("/sbin/" + tool).canExecute();
    }
}
