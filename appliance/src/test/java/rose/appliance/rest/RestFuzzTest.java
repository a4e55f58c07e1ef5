package rose.appliance.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequestDecoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;
import rose.cli.auth.StoredForm;
import rose.cli.db.Item;

/**
 * Random and mutated JSON into {@link RestJson}, and random and mutated HTTP requests into a
 * REST connection: the decoder only ever returns a body or refuses with {@code BadJson}; no
 * exception reaches the connection's catch-all (which would log {@code rest: internal error});
 * every request that is answered gets a JSON body; retained memory stays bounded. Bounded in
 * time; the seed is printed so a failure can be replayed with {@code -Drose.fuzz.seed=}.
 */
class RestFuzzTest {
    private static final long SEED = Long.getLong("rose.fuzz.seed", System.nanoTime());
    private static final long BUDGET_MS = 4_000;
    private static final List<String> JSON = List.of(
            "{\"address\":\"10.0.0.1/24\",\"interface\":\"ether1\"}",
            "{\".proplist\":[\".id\",\"address\"],\".query\":[\"interface=ether1\",\"dynamic=true\",\"#|!\"]}",
            "{\"chain\":\"input\",\"dst-port\":22,\"disabled\":false,\"comment\":\"a\\u00e9\\n\\\"b\\\"\"}",
            "{\"count-only\":\"\"}", "{}", "[]", "{\"a\":[1,2,\"3\",true]}");

    @Test
    void decoderRefusesDeepHugeAndBrokenInputCleanly() throws Exception {
        assertEquals(RestJson.Body.EMPTY, RestJson.decode(new byte[0]));
        assertEquals(Map.of("a", "10", "b", "true"), RestJson.decode("{\"a\":10,\"b\":true}".getBytes(StandardCharsets.UTF_8)).values());
        for (String bad : List.of("[" .repeat(200_000), "{\"a\":" + "[".repeat(100_000), "{\"a\":null}",
                "{\"a\":1}{", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[[1]]}", "\"x\"", "{\"a\":1.5}", "{\"a\":010}",
                "{\"a\":\"\u0000", "{\"a\":1" + "0".repeat(100) + "}")) {
            refused(bad.getBytes(StandardCharsets.UTF_8));
        }
        refused(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});   // invalid UTF-8
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= RestJson.MAX_KEYS; i++) many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        refused(many.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(byte[] in) {
        try {
            RestJson.decode(in);
            fail("accepted " + new String(in, 0, Math.min(in.length, 60), StandardCharsets.UTF_8));
        } catch (RestJson.BadJson expected) {
            // refused with a message for the client
        }
    }

    @Test
    @Timeout(30)
    void randomAndMutatedJsonNeverEscapes() {
        System.out.println("RestFuzzTest JSON seed " + SEED);
        Random rnd = new Random(SEED);
        long end = System.currentTimeMillis() + BUDGET_MS / 2;
        int cases = 0;
        while (System.currentTimeMillis() < end) {
            byte[] in = rnd.nextInt(4) == 0 ? random(rnd, 64) : mutate(rnd, JSON.get(rnd.nextInt(JSON.size()))
                    .getBytes(StandardCharsets.UTF_8));
            try {
                RestJson.decode(in);
            } catch (RestJson.BadJson e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            } catch (Throwable t) {
                throw new AssertionError("seed " + SEED + ": " + t + " on " + Base64.getEncoder().encodeToString(in), t);
            }
            cases++;
        }
        assertTrue(cases > 100, "only " + cases + " cases ran");
    }

    @Test
    @Timeout(60)
    void randomAndMutatedHttpNeverEscapesAndStaysBounded() throws Exception {
        System.out.println("RestFuzzTest HTTP seed " + SEED);
        Random rnd = new Random(SEED ^ 0x5DEECE66DL);
        RouterOs router = RouterOs.inMemory();
        // a throttle whose clock races ahead, so fuzzed logins never lock the admin out, and a
        // one-round password hash, so a login costs microseconds rather than a PBKDF2 of 210,000
        AtomicLong now = new AtomicLong();
        Clock racing = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId z) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now.addAndGet(3_600_000)); }
        };
        Authenticator auth = new Authenticator(router, new LoginThrottle(racing));
        auth.setPassword("admin", "pw");
        cheapHash(router, "pw");
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Executor direct = task -> {
            try {
                task.run();
            } catch (Throwable t) {
                escaped.compareAndSet(null, t);
            }
        };
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
        List<byte[]> corpus = new ArrayList<>();
        for (String[] r : new String[][] {
                {"GET", "/rest/ip/address?interface=ether1&.proplist=address", null},
                {"PUT", "/rest/ip/address", JSON.get(0)},
                {"POST", "/rest/ip/address/print", JSON.get(1)},
                {"PUT", "/rest/ip/firewall/filter", JSON.get(2)},
                {"PATCH", "/rest/ip/address/*1", "{\"comment\":\"x\"}"},
                {"DELETE", "/rest/ip/firewall/filter/*2", null},
                {"GET", "/rest/system/resource", null},
                {"POST", "/rest/system/identity/set", "{\"name\":\"fz\"}"}}) {
            corpus.add(request(r[0], r[1], r[2], basic));
        }
        System.gc();
        long before = usedHeap();
        long end = System.currentTimeMillis() + BUDGET_MS;
        int cases = 0;
        int answered = 0;
        while (System.currentTimeMillis() < end) {
            EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestDecoder(4096, 16 << 10, 16 << 10),   // no encoder: answers stay objects
                    new RestServer.BoundedBody(),   // the server's own aggregator: its refusals are JSON too
                    new RestConnection(router, auth, new ActiveSessions(), direct));
            for (int k = 0; k < 4 && ch.isOpen(); k++) {
                byte[] in;
                int pick = rnd.nextInt(10);
                if (pick == 0) in = random(rnd, 512);
                else if (pick < 4) in = corpus.get(rnd.nextInt(corpus.size()));
                else if (pick < 7) in = mutate(rnd, corpus.get(rnd.nextInt(corpus.size())));
                else in = request("POST", "/rest/ip/address/print",
                        new String(mutate(rnd, JSON.get(rnd.nextInt(JSON.size())).getBytes(StandardCharsets.UTF_8)),
                                StandardCharsets.ISO_8859_1), basic);
                ByteBuf buf = Unpooled.wrappedBuffer(in);
                while (buf.isReadable() && ch.isOpen()) {
                    ch.writeInbound(buf.readRetainedSlice(Math.min(buf.readableBytes(), 1 + rnd.nextInt(700))));
                    ch.runPendingTasks();
                }
                buf.release();
                for (Object o; (o = ch.readOutbound()) != null; ) {
                    if (o instanceof FullHttpResponse r) {
                        answered++;
                        int len = r.content().readableBytes();
                        if (r.status().code() != 204) {
                            String body = r.content().toString(StandardCharsets.UTF_8);
                            assertTrue(len > 0 && (body.startsWith("{") || body.startsWith("[")), r.status() + " " + body);
                        }
                    }
                    io.netty.util.ReferenceCountUtil.release(o);
                }
            }
            ch.finishAndReleaseAll();
            cases++;
            if (escaped.get() != null) throw new AssertionError("seed " + SEED + ": escaped", escaped.get());
        }
        String log = router.log().entries().toString();
        assertTrue(!log.contains("rest: internal error"), "seed " + SEED + ": " + log);
        assertTrue(cases > 50 && answered > 50, cases + " connections, " + answered + " answers");
        System.gc();
        long grown = usedHeap() - before;
        assertTrue(grown < 64L << 20, "seed " + SEED + ": heap grew by " + (grown >> 20) + " MiB over " + cases + " connections");
        System.out.println("RestFuzzTest: " + cases + " connections, " + answered + " answers");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void cheapHash(RouterOs router, String password) throws Exception {
        byte[] salt = new byte[16];
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String stored = "pbkdf2-sha256$1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        router.db().write((rose.cli.db.Tx tx) -> {
            for (Item u : tx.items("user")) {
                if (u.get(StoredForm.PASSWORD_KEY) != null) tx.replace("user", u.with(Map.of(StoredForm.PASSWORD_KEY, stored)));
            }
            return null;
        });
    }

    private static byte[] request(String method, String path, String body, String auth) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
        String head = method + " " + path + " HTTP/1.1\r\nHost: r\r\nAuthorization: " + auth + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    private static byte[] random(Random rnd, int max) {
        byte[] b = new byte[rnd.nextInt(max + 1)];
        rnd.nextBytes(b);
        return b;
    }

    /** Flip, insert, delete, duplicate or truncate a few bytes. */
    private static byte[] mutate(Random rnd, byte[] in) {
        byte[] b = in.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0: b[at] = (byte) rnd.nextInt(256); break;
                case 1: b[at] = (byte) "{}[]\",:\\0x-e.\r\n".charAt(rnd.nextInt(15)); break;
                case 2: {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                    break;
                }
                case 3: {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                    byte[] c = new byte[b.length + len * 3];
                    System.arraycopy(b, 0, c, 0, at + len);
                    for (int k = 1; k <= 3; k++) System.arraycopy(b, at, c, at + len * k, len);
                    System.arraycopy(b, at + len, c, at + len * 4, b.length - at - len);
                    b = c;
                    break;
                }
                default: b = java.util.Arrays.copyOf(b, at); break;
            }
        }
        return b;
    }
}
