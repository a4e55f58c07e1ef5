package rose.appliance.btest;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/** ROSE's bandwidth-test client against ROSE's bandwidth server on loopback, over the btest wire format. */
class BandwidthTestTest {
    @TempDir static Path dir;
    static RunningRouter router;

    /** Where the server listens now: re-enabling it picks a new ephemeral port. */
    static int port() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            int p = router.port("bandwidth-server");
            if (p > 0) return p;
            Thread.sleep(100);
        }
        throw new AssertionError("bandwidth server not listening");
    }

    @BeforeAll static void boot() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(), Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0,
                "www-ssl", 0, "bandwidth-server", 0), "7.18.2");
        router.authenticator().setPassword("admin", "btest-pw");
        assertTrue(router.port("bandwidth-server") > 0, "the server listens by default, as on RouterOS");
    }

    @AfterAll static void close() throws Exception { router.close(); }

    static String console(String line) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(line, out);
        return out.toString();
    }

    static String run(String... kv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("address", "127.0.0.1");
        args.put("user", "admin");
        args.put("password", "btest-pw");
        for (int i = 0; i < kv.length; i += 2) args.put(kv[i], kv[i + 1]);
        StringBuilder out = new StringBuilder();
        new BandwidthTestCommand(port()).run(args, out);
        return out.toString();
    }

    /** The value of {@code key} in the last block. */
    static String last(String out, String key) {
        String v = null;
        for (String l : out.split("\n")) if (l.trim().startsWith(key + ": ")) v = l.trim().substring(key.length() + 2);
        assertNotNull(v, key + " missing in\n" + out);
        return v;
    }

    static double mbps(String rate) {
        if (rate.endsWith("Gbps")) return Double.parseDouble(rate.replace("Gbps", "")) * 1000;
        if (rate.endsWith("Mbps")) return Double.parseDouble(rate.replace("Mbps", ""));
        if (rate.endsWith("kbps")) return Double.parseDouble(rate.replace("kbps", "")) / 1000;
        return Double.parseDouble(rate.replace("bps", "")) / 1e6;
    }

    @Test void tcpReceiveStreamsFromTheServer() throws Exception {
        String out = run("protocol", "tcp", "direction", "receive", "duration", "2s", "remote-tx-speed", "20M");
        assertEquals("done testing", last(out, "status"), out);
        double rx = mbps(last(out, "rx-total-average"));
        assertTrue(rx > 10 && rx < 25, "the server paced itself to remote-tx-speed=20M: " + out);
        assertEquals("0bps", last(out, "tx-total-average"), out);
        assertEquals("1", last(out, "connection-count"));
        assertTrue(out.contains("                status: running"), "RouterOS's right-aligned block\n" + out);
        for (int i = 0; i < 50 && router.appliance().bandwidthSessions().count() > 0; i++) Thread.sleep(100);
        assertEquals(0, router.appliance().bandwidthSessions().count(), "the session ended with the test");
    }

    @Test void udpBothWaysAtTheRatesAsked() throws Exception {
        String out = run("protocol", "udp", "direction", "both", "duration", "3s", "remote-tx-speed", "8M", "local-tx-speed", "4M",
                "remote-udp-tx-size", "1000");
        assertEquals("done testing", last(out, "status"), out);
        double rx = mbps(last(out, "rx-total-average")), tx = mbps(last(out, "tx-total-average"));
        assertTrue(rx > 5 && rx < 10, "server to us near 8 Mbit/s: " + out);
        assertTrue(tx > 2.5 && tx < 5, "us to the server near 4 Mbit/s: " + out);
        assertEquals("1000", last(out, "rx-size"));
        assertEquals("0", last(out, "lost-packets"), "nothing lost on loopback at these rates\n" + out);
    }

    @Test void aWrongPasswordIsRefusedAndLogged() throws Exception {
        String out = run("protocol", "tcp", "duration", "1s", "password", "wrong");
        assertEquals("authentication failed", last(out, "status"), out);
        assertTrue(router.appliance().router().log().entries().stream()
                .anyMatch(e -> e.message().equals("login failure for user admin from 127.0.0.1 via bandwidth-test")), console("/log print"));
    }

    @Test void withoutAuthenticationNoPasswordIsAsked() throws Exception {
        console("/tool bandwidth-server set authenticate=no");
        try {
            String out = run("protocol", "tcp", "duration", "1s", "password", "anything", "direction", "transmit", "local-tx-speed", "5M");
            assertEquals("done testing", last(out, "status"), out);
            assertTrue(mbps(last(out, "tx-total-average")) > 2, out);
        } finally {
            console("/tool bandwidth-server set authenticate=yes");
        }
    }

    @Test void consoleArgumentsAreCheckedInRouterOsWords() {
        String many = console("/tool bandwidth-test 127.0.0.1 protocol=tcp connection-count=2 duration=1s");
        assertTrue(many.contains("connection-count above 1 is not supported"), many);
        String proto = console("/tool bandwidth-test 127.0.0.1 protocol=sctp");
        assertTrue(proto.contains("input does not match any value of protocol"), proto);
        String speed = console("/tool bandwidth-test 127.0.0.1 local-tx-speed=fast");
        assertTrue(speed.contains("invalid value for argument local-tx-speed"), speed);
        String print = console("/tool bandwidth-server print");
        assertTrue(print.contains("enabled: yes"), print);
    }

    @Test void garbageFromAClientNeverStopsTheServer() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
                s.setSoTimeout(3000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] hello = new byte[4];
                in.readFully(hello);
                assertArrayEquals(BandwidthServer.HELLO, hello);
                byte[] junk = new byte[r.nextInt(80)];
                r.nextBytes(junk);
                OutputStream o = s.getOutputStream();
                o.write(junk);
                o.flush();
                s.shutdownOutput();
                while (in.read() >= 0) { /* whatever the server answers, it must end the connection */ }
            }
        }
        String out = run("protocol", "tcp", "duration", "1s");
        assertEquals("done testing", last(out, "status"), "still serving after 200 malformed clients\n" + out);
    }

    @Test void commandsDecodeOnlyWhatTheyCanRun() {
        Random r = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[16];
            r.nextBytes(b);
            try {
                byte[] again = BtestCommand.decode(b).encode();
                for (int k : new int[] {0, 1, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15}) assertEquals(b[k], again[k], "octet " + k);
            } catch (IllegalArgumentException e) {
                // refused in words: fine
            }
        }
        // the captured "receive, UDP, remote-udp-tx-size 2000" request
        BtestCommand c = BtestCommand.decode(java.util.HexFormat.of().parseHex("00020100d0070000" + "0000000000000000"));
        assertFalse(c.tcp());
        assertEquals(BtestCommand.SERVER_TRANSMITS, c.direction());
        assertEquals(2000, c.txSize());
        assertFalse(c.randomData());
        // a status message as captured: seq 1 (big-endian), 224,822 octets (little-endian)
        byte[] captured = java.util.HexFormat.of().parseHex("07000000010000003" + "66e0300");
        assertEquals(new BtestStatus(1, 0x36e36), BtestStatus.decode(captured));
        assertArrayEquals(captured, new BtestStatus(1, 0x36e36).encode());
    }

    @Test void disablingTheServerStopsIt() throws Exception {
        int was = port();
        console("/tool bandwidth-server set enabled=no");
        try {
            for (int i = 0; i < 50 && router.port("bandwidth-server") > 0; i++) Thread.sleep(100);
            assertEquals(-1, router.port("bandwidth-server"));
            StringBuilder out = new StringBuilder();
            new BandwidthTestCommand(was).run(Map.of("address", "127.0.0.1", "protocol", "tcp", "duration", "1s"), out);
            assertEquals("can not connect", last(out.toString(), "status"), out.toString());
        } finally {
            console("/tool bandwidth-server set enabled=yes");
        }
    }
}
