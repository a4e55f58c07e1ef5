package rose.appliance.btest;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

import rose.appliance.service.ManagedService;
import rose.cli.RouterOs;
import rose.cli.auth.Authenticator;
import rose.cli.db.Effective;

/**
 * {@code /tool bandwidth-server}: accepts tests on TCP 2000, one thread per connection.
 *
 * <ol>
 *   <li>hello, then the client's command; a malformed one ends the connection, logged;</li>
 *   <li>with {@code authenticate=yes} a 16-octet challenge; the answer is checked against the
 *       user's password like any login (throttled, logged, needing the winbox policy);</li>
 *   <li>more than {@code max-sessions} tests, or TCP with several connections (whose joining
 *       handshake is not known), are refused with a log line saying why;</li>
 *   <li>then the data phase ({@link BtestSession}) until the client closes.</li>
 * </ol>
 * Settings are read per connection, so a change applies to the next test.
 */
public final class BandwidthServer implements ManagedService {
    static final byte[] HELLO = {1, 0, 0, 0}, GO = HELLO, AUTH = {2, 0, 0, 0}, FAILED = {0, 0, 0, 0};
    private static final SecureRandom RND = new SecureRandom();
    private final RouterOs router;
    private final Authenticator auth;
    private final BandwidthSessions sessions;
    private volatile ServerSocket listener;
    private int nextUdp;

    public BandwidthServer(RouterOs router, Authenticator auth, BandwidthSessions sessions) {
        this.router = router;
        this.auth = auth;
        this.sessions = sessions;
    }

    @Override
    public void start(InetAddress bind, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, port));
        listener = s;
        Thread t = new Thread(() -> accept(s), "bandwidth-server");
        t.setDaemon(true);
        t.start();
    }

    @Override public int port() { ServerSocket s = listener; return s == null ? -1 : s.getLocalPort(); }

    @Override
    public void stop() {
        ServerSocket s = listener;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
        // only now: whoever reads port() == -1 must find nothing listening (a client connecting in between got a session)
        listener = null;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket c;
            try {
                c = s.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(c), "bandwidth-server-" + c.getInetAddress().getHostAddress());
            t.setDaemon(true);
            t.start();
        }
    }

    private Map<String, String> settings() {
        var items = router.db().state().items("tool bandwidth-server");
        return items.isEmpty() ? Map.of() : Effective.values(router.schema().require("tool bandwidth-server"), items.get(0));
    }

    void serve(Socket c) {
        InetAddress from = c.getInetAddress();
        String who = from.getHostAddress();
        BtestSession session = null;
        long id = -1;
        try (c) {
            c.setTcpNoDelay(true);
            c.setSoTimeout(10_000);                       // a silent client cannot hold a thread
            OutputStream out = c.getOutputStream();
            DataInputStream in = new DataInputStream(c.getInputStream());
            out.write(HELLO);
            byte[] raw = new byte[BtestCommand.LENGTH];
            in.readFully(raw);
            BtestCommand cmd;
            try {
                cmd = BtestCommand.decode(raw);
            } catch (IllegalArgumentException e) {
                router.log().warning("system", "bandwidth-server: bad request from " + who + ": " + e.getMessage());
                return;
            }
            Map<String, String> set = settings();
            String user = "";
            if (!"no".equals(set.get("authenticate"))) {
                byte[] challenge = new byte[16];
                RND.nextBytes(challenge);
                out.write(AUTH);
                out.write(challenge);
                byte[] answer = new byte[48];
                in.readFully(answer);
                int end = 16;
                while (end < 48 && answer[end] != 0) end++;
                user = new String(answer, 16, end - 16, StandardCharsets.UTF_8);
                byte[] hash = java.util.Arrays.copyOf(answer, 16);
                if (auth.bandwidthTest(user, challenge, hash, from).principal() == null) {
                    out.write(FAILED);
                    return;                               // the authenticator logged the failure
                }
            }
            int max = Integer.parseInt(set.getOrDefault("max-sessions", "100"));
            if (sessions.count() >= max) {
                router.log().warning("system", "bandwidth-server: refused " + who + ", max-sessions " + max + " reached");
                return;
            }
            if (cmd.tcp() && cmd.connectionCount() > 1) {
                router.log().warning("system", "bandwidth-server: refused " + who + ": tcp connection-count "
                        + cmd.connectionCount() + " is not supported, use connection-count=1");
                return;
            }
            out.write(GO);
            out.flush();
            c.setSoTimeout(0);
            boolean serverSends = (cmd.direction() & BtestCommand.SERVER_TRANSMITS) != 0;
            boolean serverReceives = (cmd.direction() & BtestCommand.SERVER_RECEIVES) != 0;
            DatagramSocket udp = null;
            if (!cmd.tcp()) {
                int base = Integer.parseInt(set.getOrDefault("allocate-udp-ports-from", "2000"));
                udp = bindUdp(c.getLocalAddress(), base);
                int port = udp.getLocalPort();
                out.write(new byte[] {(byte) (port >>> 8), (byte) port});
                out.flush();
                udp.connect(new InetSocketAddress(from, port + 256));
            }
            id = sessions.add(who, cmd.tcp() ? "tcp" : "udp", direction(cmd.direction()), user);
            router.log().info("system", "bandwidth-server: " + (cmd.tcp() ? "tcp" : "udp") + " test from " + who
                    + (user.isEmpty() ? "" : " user " + user));
            session = new BtestSession(c, udp, serverSends, serverReceives, cmd.txSize(), cmd.remoteTxSpeed(), cmd.randomData());
            session.start("bandwidth-server-" + who);
            while (!session.finished()) Thread.sleep(200);
        } catch (IOException e) {
            // the client went away: the test is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (session != null) {
                session.close();
                session.join();
            }
            if (id >= 0) sessions.remove(id);
        }
    }

    /** A UDP port from {@code base + 1} upwards on the address the client reached us at. */
    private synchronized DatagramSocket bindUdp(InetAddress local, int base) throws IOException {
        IOException last = null;
        for (int i = 0; i < 1000; i++) {
            int port = base + 1 + (nextUdp++ % 1000);
            try {
                return new DatagramSocket(new InetSocketAddress(local, port));
            } catch (java.net.BindException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The client's view, as {@code session print} shows it: "transmit" when the client sends. */
    private static String direction(int serverSide) {
        return serverSide == 3 ? "both" : serverSide == BtestCommand.SERVER_RECEIVES ? "transmit" : "receive";
    }
}
