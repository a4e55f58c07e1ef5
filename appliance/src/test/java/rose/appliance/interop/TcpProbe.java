package rose.appliance.interop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.zip.CRC32;

/**
 * The "small Java client" for TCP through a router where iperf3 is missing, and a check
 * iperf3 does not make: every byte arrives, in order. Run in a namespace with the test class path:
 * {@code TcpProbe server PORT} answers one connection with the byte count and CRC-32 of what it
 * read; {@code TcpProbe client HOST PORT BYTES [BYTES_PER_SECOND]} sends that many pseudo-random
 * bytes (paced to the rate when one is given) and prints {@code ok BYTES CRC MBITS} when the
 * server saw the same.
 */
public final class TcpProbe {
    private TcpProbe() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            try (ServerSocket ss = new ServerSocket()) {
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(Integer.parseInt(args[1])));
                System.out.println("listening");
                System.out.flush();
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    CRC32 crc = new CRC32();
                    byte[] buf = new byte[65536];
                    long n = 0;
                    for (int r; (r = in.read(buf)) > 0; n += r) crc.update(buf, 0, r);
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.writeLong(n);
                    out.writeLong(crc.getValue());
                    out.flush();
                }
            }
            return;
        }
        long bytes = Long.parseLong(args[3]);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), 5000);
            s.setSoTimeout(30000);
            OutputStream out = s.getOutputStream();
            CRC32 crc = new CRC32();
            byte[] buf = new byte[65536];
            long x = 0x9E3779B97F4A7C15L;
            long t0 = System.nanoTime();
            long rate = args.length > 4 ? Long.parseLong(args[4]) : 0;
            int chunk = rate > 0 ? 16384 : buf.length;
            for (long sent = 0; sent < bytes; ) {
                if (rate > 0) {   // paced: never ahead of rate x elapsed
                    long due = t0 + sent * 1_000_000_000L / rate - System.nanoTime();
                    if (due > 0) Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                }
                int n = (int) Math.min(chunk, bytes - sent);
                for (int i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 7; x ^= x << 17; buf[i] = (byte) x; }
                out.write(buf, 0, n);
                crc.update(buf, 0, n);
                sent += n;
            }
            s.shutdownOutput();
            DataInputStream in = new DataInputStream(s.getInputStream());
            long got = in.readLong(), gotCrc = in.readLong();
            double secs = (System.nanoTime() - t0) / 1e9;
            boolean ok = got == bytes && gotCrc == crc.getValue();
            System.out.printf("%s %d %08x %.1f%n", ok ? "ok" : "MISMATCH", got, gotCrc, bytes * 8 / secs / 1e6);
            System.exit(ok ? 0 : 1);
        }
    }
}
