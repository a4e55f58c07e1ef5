package rose.appliance.interop;

import rose.appliance.netns.Cmd;
import rose.appliance.netns.Iperf3;
import rose.appliance.netns.NetLab;

import java.io.IOException;
import java.nio.file.Path;

/** TCP between two lab namespaces: {@link TcpProbe} (integrity) and iperf3 when installed (rate). */
final class Tcp {
    private Tcp() {}

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /** Sends {@code bytes} from {@code clientNs} to {@code serverIp} in {@code serverNs}; returns the client's line. */
    static String probe(NetLab lab, String serverNs, String clientNs, String serverIp, long bytes) throws IOException, InterruptedException {
        return probe(lab, serverNs, clientNs, serverIp, bytes, 0);
    }

    /** The same, paced to {@code bytesPerSecond} (0: as fast as the path takes it). */
    static String probe(NetLab lab, String serverNs, String clientNs, String serverIp, long bytes, long bytesPerSecond) throws IOException, InterruptedException {
        String cp = System.getProperty("java.class.path");
        int port = 15000 + (int) (System.nanoTime() % 1000);
        Process server = lab.start(serverNs, null, java(), "-cp", cp, TcpProbe.class.getName(), "server", String.valueOf(port));
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream())).readLine();
            if (!"listening".equals(first)) throw new IOException("TcpProbe server: " + first);
            Cmd.Result r = lab.exec(60, clientNs, java(), "-cp", cp, TcpProbe.class.getName(), "client", serverIp, String.valueOf(port), String.valueOf(bytes),
                    String.valueOf(bytesPerSecond));
            if (!r.ok()) throw new IOException("TCP through the path failed: " + r.out());
            return r.out().trim();
        } finally {
            server.destroy();
        }
    }

    /** iperf3 TCP for {@code seconds}; returns receiver Mbit/s, or -1 when iperf3 is not installed. */
    static double iperf(NetLab lab, String serverNs, String clientNs, String serverIp, int seconds) throws IOException, InterruptedException {
        return Iperf3.installed() ? Iperf3.tcpMbps(lab, serverNs, clientNs, serverIp, seconds) : -1;
    }
}
