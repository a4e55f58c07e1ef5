package rose.appliance.netns;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3 between two lab namespaces: TCP for a rate, UDP with a fixed datagram size for packets
 * per second as MikroTik counts them (the IP packet size, header included).
 *
 * <ol>
 *   <li>the server ({@code -s -1}: one test, then exit) starts in the server's namespace, bound to
 *       the address the client aims at;</li>
 *   <li>the client runs with {@code -J}; iperf3 exits 0 even when it could not connect (the error
 *       is in the JSON) and a busy 2-core machine may take a while to start the server, so the
 *       client is retried while the JSON says "Connection refused";</li>
 *   <li>the figure is the receiver's ({@code sum_received}): what came through the path, not what
 *       the client managed to write.</li>
 * </ol>
 */
public final class Iperf3 {
    /** IPv4 (20) and UDP (8) headers: an IP packet of {@code size} bytes carries {@code size - 28} of payload. */
    public static final int IP_UDP_HEADERS = 28;
    private static final Pattern RECEIVED = Pattern.compile("\"sum_received\"\\s*:\\s*\\{([^}]*)\\}");

    /**
     * UDP socket buffers, both ends ({@code -w}; iperf3 hands it to the server): the receiving host's
     * default (net.core.rmem_default, 208 KiB, ~150 datagrams of 1400 B) overflows whenever the
     * iperf3 server waits a millisecond or two for a CPU, and the datagrams the host itself dropped
     * were counted as the path's loss. Measured through two ROSE routers at 100 Mbit/s on a busy
     * 2-CPU machine: 9-18 % lost, all of it the receiver's RcvbufErrors; with 4 MiB, 0 %. The kernel
     * caps it at net.core.rmem_max/wmem_max.
     */
    static final String SOCKET_BUFFER = "4M";

    private Iperf3() {}

    /** What the receiver counted; for UDP, {@code lostPercent} of what the sender wrote never arrived. */
    public record Received(long bytes, double seconds, int payloadBytes, double lostPercent) {
        public double bitsPerSecond() { return seconds <= 0 ? 0 : bytes * 8 / seconds; }
        /** UDP datagrams received per second (TCP: 0). */
        public double packetsPerSecond() { return payloadBytes <= 0 || seconds <= 0 ? 0 : (double) bytes / payloadBytes / seconds; }
    }

    public static boolean installed() { return Cmd.has("iperf3"); }

    /** TCP for {@code seconds}; returns receiver Mbit/s. */
    public static double tcpMbps(NetLab lab, String serverNs, String clientNs, String serverIp, int seconds) throws IOException, InterruptedException {
        return run(lab, serverNs, clientNs, serverIp, seconds, "-c", serverIp, "-t", String.valueOf(seconds)).bitsPerSecond() / 1e6;
    }

    /**
     * UDP as fast as the client can send ({@code -b 0}) with IP packets of {@code ipSize} bytes for
     * {@code seconds}; returns what the receiver got. Loss is expected: the path's rate is what arrives.
     */
    public static Received udp(NetLab lab, String serverNs, String clientNs, String serverIp, int ipSize, int seconds)
            throws IOException, InterruptedException {
        return udp(lab, serverNs, clientNs, serverIp, ipSize, seconds, 0);
    }

    /** The same, the sender paced to {@code payloadBitsPerSecond} ({@code -b}; 0: as fast as it can write). */
    public static Received udp(NetLab lab, String serverNs, String clientNs, String serverIp, int ipSize, int seconds, long payloadBitsPerSecond)
            throws IOException, InterruptedException {
        return udp(lab, serverNs, clientNs, serverIp, ipSize, seconds, payloadBitsPerSecond, 1);
    }

    /**
     * The same, paced in bursts of {@code burst} datagrams ({@code -b RATE/burst}): the sender then
     * waits and checks its clock once per burst instead of once per datagram.
     */
    public static Received udp(NetLab lab, String serverNs, String clientNs, String serverIp, int ipSize, int seconds, long payloadBitsPerSecond,
                               int burst) throws IOException, InterruptedException {
        if (burst < 1) throw new IllegalArgumentException("burst " + burst);
        int payload = ipSize - IP_UDP_HEADERS;
        if (payload < 16) throw new IllegalArgumentException("iperf3 UDP needs IP packets of at least " + (16 + IP_UDP_HEADERS) + " bytes: " + ipSize);
        Received r = run(lab, serverNs, clientNs, serverIp, seconds, "-c", serverIp, "-u", "-b", payloadBitsPerSecond + (burst > 1 ? "/" + burst : ""),
                "-l", String.valueOf(payload), "-t", String.valueOf(seconds), "-w", SOCKET_BUFFER);
        return new Received(r.bytes(), r.seconds(), payload, r.lostPercent());
    }

    private static Received run(NetLab lab, String serverNs, String clientNs, String serverIp, int seconds, String... client)
            throws IOException, InterruptedException {
        int port = 5201 + (int) (System.nanoTime() % 500);
        Process server = lab.start(serverNs, null, "iperf3", "-s", "-1", "-B", serverIp, "-p", String.valueOf(port));
        try {
            String[] cmd = new String[client.length + 4];
            cmd[0] = "iperf3";
            System.arraycopy(client, 0, cmd, 1, client.length);
            cmd[client.length + 1] = "-p";
            cmd[client.length + 2] = String.valueOf(port);
            cmd[client.length + 3] = "-J";
            Cmd.Result r = null;
            for (int i = 0; i < 50; i++) {
                r = lab.exec(seconds + 30L, clientNs, cmd);
                if (!r.out().contains("Connection refused")) break;
                Thread.sleep(200);
            }
            if (!r.ok() || r.out().contains("\"error\"")) throw new IOException("iperf3: " + r.out());
            return parse(r.out());
        } finally {
            server.destroy();
        }
    }

    /** The receiver's bytes and seconds from iperf3's JSON. */
    static Received parse(String json) throws IOException {
        Matcher m = RECEIVED.matcher(json);
        if (!m.find()) throw new IOException("iperf3 output without sum_received: " + json);
        double lost = m.group(1).contains("\"lost_percent\"") ? number(m.group(1), "lost_percent") : 0;
        return new Received((long) number(m.group(1), "bytes"), number(m.group(1), "seconds"), 0, lost);
    }

    private static double number(String object, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(object);
        if (!m.find()) throw new IOException("iperf3 sum_received without " + key + ": " + object);
        return Double.parseDouble(m.group(1));
    }
}
