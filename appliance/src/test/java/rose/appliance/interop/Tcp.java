package rose.appliance.interop;

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
        if (!Cmd.has("iperf3")) return -1;
        Process server = lab.start(serverNs, null, "iperf3", "-s", "-1", "-B", serverIp);
        try {
            Cmd.Result r = null;
            // iperf3 -J exits 0 even when it could not connect (the error is in the JSON), and a
            // busy 2-core CI machine may take seconds to start the server: retry on the message.
            for (int i = 0; i < 50; i++) {
                r = lab.exec(seconds + 30L, clientNs, "iperf3", "-c", serverIp, "-t", String.valueOf(seconds), "-J");
                if (!r.out().contains("Connection refused")) break;
                Thread.sleep(200);
            }
            if (!r.ok()) throw new IOException("iperf3: " + r.out());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*\"bits_per_second\"\\s*:\\s*([0-9.e+]+)").matcher(r.out());
            if (!m.find()) throw new IOException("iperf3 output without sum_received: " + r.out());
            return Double.parseDouble(m.group(1)) / 1e6;
        } finally {
            server.destroy();
        }
    }
}
