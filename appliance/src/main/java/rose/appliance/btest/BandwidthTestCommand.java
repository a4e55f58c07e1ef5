package rose.appliance.btest;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import rose.appliance.status.Rates;
import rose.cli.RootCommand;
import rose.cli.auth.BandwidthTestHash;
import rose.cli.schema.Durations;

/**
 * {@code /tool bandwidth-test ADDRESS [protocol=udp|tcp] [direction=receive|transmit|both]
 * [duration=] [interval=] [local-tx-speed=] [remote-tx-speed=] [local-udp-tx-size=]
 * [remote-udp-tx-size=] [connection-count=1] [random-data=] [user=] [password=]}: a test against
 * a bandwidth server (RouterOS or ROSE), printing RouterOS's block every interval and a last one
 * with {@code status: done testing}. Without {@code duration} it runs until Ctrl-C at a terminal,
 * and 10 s where nobody can stop it (scripts, the API).
 *
 * <p>TCP tests use one connection: the handshake by which RouterOS joins further connections to
 * a test is not known, so {@code connection-count} above 1 is refused rather than faked.
 */
public final class BandwidthTestCommand implements RootCommand {
    private static final long UNWATCHED_NANOS = 10_000_000_000L;
    private final int port;

    /** The client of TCP port {@code port} (2000, RouterOS's; tests give their server's). */
    public BandwidthTestCommand(int port) { this.port = port; }

    @Override public String name() { return "tool bandwidth-test"; }

    @Override public List<String> arguments() {
        return List.of("address", "protocol", "direction", "duration", "interval", "local-tx-speed", "remote-tx-speed",
                "local-udp-tx-size", "remote-udp-tx-size", "connection-count", "random-data", "user", "password");
    }

    @Override
    public void run(Map<String, String> args, Appendable out) throws IOException, Failure {
        InetAddress address = address(args.get("address"));
        boolean tcp = choice(args.getOrDefault("protocol", "udp"), "protocol", "udp", "tcp").equals("tcp");
        String direction = choice(args.getOrDefault("direction", "receive"), "direction", "receive", "transmit", "both");
        int serverSide = direction.equals("receive") ? BtestCommand.SERVER_TRANSMITS
                : direction.equals("transmit") ? BtestCommand.SERVER_RECEIVES : 3;
        long interval = time(args.getOrDefault("interval", "1s"), "interval");
        if (interval < 20_000_000L || interval > 5_000_000_000L) throw new Failure("value of interval out of range (20ms..5s)");
        Long duration = args.containsKey("duration") ? time(args.get("duration"), "duration") : null;
        if (duration == null && !(out instanceof rose.cli.Watched)) duration = UNWATCHED_NANOS;
        long localSpeed = speed(args.getOrDefault("local-tx-speed", "0"), "local-tx-speed");
        long remoteSpeed = speed(args.getOrDefault("remote-tx-speed", "0"), "remote-tx-speed");
        int localSize = number(args.getOrDefault("local-udp-tx-size", "1500"), "local-udp-tx-size", 28, 64000);
        int remoteSize = number(args.getOrDefault("remote-udp-tx-size", "1500"), "remote-udp-tx-size", 28, 64000);
        int connections = number(args.getOrDefault("connection-count", "1"), "connection-count", 1, 255);
        if (tcp && connections > 1) throw new Failure("connection-count above 1 is not supported by this router");
        boolean random = choice(args.getOrDefault("random-data", "no"), "random-data", "yes", "no").equals("yes");
        String user = args.getOrDefault("user", "");
        String password = args.getOrDefault("password", "");

        Block block = new Block(direction, random, tcp, tcp ? 0x8000 : localSize, tcp ? 0x8000 : remoteSize, connections);
        Socket c = new Socket();
        BtestSession session = null;
        try {
            try {
                c.connect(new InetSocketAddress(address, port), 5000);
                c.setTcpNoDelay(true);
                c.setSoTimeout(10_000);
            } catch (IOException e) {
                out.append(block.status("can not connect").text(0, 0, 0, 0));
                return;
            }
            OutputStream o = c.getOutputStream();
            DataInputStream in = new DataInputStream(c.getInputStream());
            String refused = handshake(in, o, new BtestCommand(tcp, serverSide, random, tcp ? 0 : 0,
                    tcp ? 0x8000 : remoteSize, remoteSpeed, localSpeed), user, password);
            if (refused != null) {
                out.append(block.status(refused).text(0, 0, 0, 0));
                return;
            }
            DatagramSocket udp = null;
            if (!tcp) {
                int serverPort = in.readUnsignedShort();
                udp = new DatagramSocket(new InetSocketAddress(c.getLocalAddress(), serverPort + 256));
                udp.connect(new InetSocketAddress(address, serverPort));
            }
            c.setSoTimeout(0);
            session = new BtestSession(c, udp, serverSide != BtestCommand.SERVER_TRANSMITS, serverSide != BtestCommand.SERVER_RECEIVES,
                    tcp ? 0x8000 : localSize, localSpeed, random);
            session.start("bandwidth-test");
            long start = System.nanoTime();
            block.status("running");
            for (int n = 0; ; n++) {
                long next = start + (n + 1) * interval;
                while (System.nanoTime() < next && !session.finished() && !Thread.currentThread().isInterrupted())
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(20_000_000L, next - System.nanoTime()));
                long now = System.nanoTime();
                boolean over = (duration != null && now - start >= duration) || Thread.currentThread().isInterrupted()
                        || session.finished();
                if (over) block.status(session.finished() && (duration == null || now - start < duration) ? "disconnected" : "done testing");
                if (n > 0) out.append('\n');
                out.append(block.text(now - start, session.txBytes(), session.rxBytes(), session.lostPackets()));
                if (over) return;
            }
        } finally {
            if (session != null) {
                session.close();
                session.join();
            }
            c.close();
        }
    }

    /** Hello, command, login if asked; null when the test may start, else the status to show. */
    static String handshake(DataInputStream in, OutputStream o, BtestCommand cmd, String user, String password) throws IOException {
        byte[] four = new byte[4];
        try {
            in.readFully(four);
            if (four[0] != 1) return "can not connect";
            o.write(cmd.encode());
            o.flush();
            in.readFully(four);
            if (four[0] == 2) {
                byte[] challenge = new byte[16];
                in.readFully(challenge);
                byte[] answer = new byte[48];
                System.arraycopy(BandwidthTestHash.answer(password, challenge), 0, answer, 0, 16);
                byte[] name = user.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, answer, 16, Math.min(name.length, 31));
                o.write(answer);
                o.flush();
                in.readFully(four);
                if (four[0] != 1) return "authentication failed";
            } else if (four[0] == 3) {
                return "authentication failed";        // EC-SRP5 (RouterOS 6.43+ server): not spoken here
            } else if (four[0] != 1) {
                return "authentication failed";
            }
            return null;
        } catch (java.io.EOFException e) {
            return "can not start test";              // the server hung up: busy, or a test it does not run
        }
    }

    /** The monitor block, with 10-second averages from one sample per print. */
    private static final class Block {
        private final String direction, randomData;
        private final boolean tcp;
        private final int txSize, rxSize, connections;
        private String status = "connecting";
        private final ArrayDeque<long[]> history = new ArrayDeque<>();   // {at, tx, rx}
        private long lastAt, lastTx, lastRx;

        Block(String direction, boolean random, boolean tcp, int txSize, int rxSize, int connections) {
            this.direction = direction;
            this.randomData = random ? "yes" : "no";
            this.tcp = tcp;
            this.txSize = txSize;
            this.rxSize = rxSize;
            this.connections = connections;
        }

        Block status(String s) { status = s; return this; }

        String text(long elapsed, long tx, long rx, long lost) {
            history.addLast(new long[] {elapsed, tx, rx});
            while (history.size() > 1 && elapsed - history.peekFirst()[0] > 10_000_000_000L) history.removeFirst();
            long[] first = history.peekFirst();
            StringBuilder b = new StringBuilder();
            line(b, "status", status);
            line(b, "duration", (elapsed / 1_000_000_000L) + "s");
            boolean tx0 = direction.equals("receive"), rx0 = direction.equals("transmit");
            line(b, "tx-current", Rates.bits(tx0 ? 0 : Rates.bitsPerSecond(tx - lastTx, elapsed - lastAt)));
            line(b, "tx-10-second-average", Rates.bits(tx0 ? 0 : Rates.bitsPerSecond(tx - first[1], elapsed - first[0])));
            line(b, "tx-total-average", Rates.bits(tx0 ? 0 : Rates.bitsPerSecond(tx, elapsed)));
            line(b, "rx-current", Rates.bits(rx0 ? 0 : Rates.bitsPerSecond(rx - lastRx, elapsed - lastAt)));
            line(b, "rx-10-second-average", Rates.bits(rx0 ? 0 : Rates.bitsPerSecond(rx - first[2], elapsed - first[0])));
            line(b, "rx-total-average", Rates.bits(rx0 ? 0 : Rates.bitsPerSecond(rx, elapsed)));
            if (!tcp) line(b, "lost-packets", Long.toString(lost));
            line(b, "random-data", randomData);
            line(b, "direction", direction);
            if (tcp) line(b, "connection-count", Integer.toString(connections));
            else {
                if (!direction.equals("receive")) line(b, "tx-size", Integer.toString(txSize));
                if (!direction.equals("transmit")) line(b, "rx-size", Integer.toString(rxSize));
            }
            lastAt = elapsed;
            lastTx = tx;
            lastRx = rx;
            return b.toString();
        }

        private static void line(StringBuilder b, String key, String value) {
            b.append(String.format(Locale.ROOT, "%22s: %s%n", key, value));
        }
    }

    private static InetAddress address(String text) throws Failure {
        if (text == null || text.isEmpty()) throw new Failure("missing value(s) of argument(s) address");
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:]+")) throw new Failure("invalid value for argument address");
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new Failure("invalid value for argument address");
        }
    }

    private static String choice(String v, String arg, String... allowed) throws Failure {
        for (String a : allowed) if (a.equals(v)) return a;
        throw new Failure("input does not match any value of " + arg);
    }

    private static long time(String t, String arg) throws Failure {
        long us;
        try {
            us = Durations.parseMicros(t);
        } catch (RuntimeException e) {
            throw new Failure("invalid value for argument " + arg);
        }
        if (us <= 0) throw new Failure("invalid value for argument " + arg);
        return us * 1000;
    }

    private static int number(String v, String arg, int min, int max) throws Failure {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new Failure("value of " + arg + " out of range (" + min + ".." + max + ")");
            return n;
        } catch (NumberFormatException e) {
            throw new Failure("invalid value for argument " + arg);
        }
    }

    /** bit/s with RouterOS's k/M/G suffixes; 0 or unlimited = no limit. */
    static long speed(String v, String arg) throws Failure {
        if (v.equals("unlimited")) return 0;
        try {
            char last = Character.toLowerCase(v.charAt(v.length() - 1));
            long mult = last == 'k' ? 1_000L : last == 'm' ? 1_000_000L : last == 'g' ? 1_000_000_000L : 1;
            String num = mult == 1 ? v : v.substring(0, v.length() - 1);
            long n = Long.parseLong(num) * mult;
            if (n < 0 || n > 0xffff_ffffL) throw new Failure("value of " + arg + " out of range (0..4294967295)");
            return n;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new Failure("invalid value for argument " + arg);
        }
    }
}
