package rose.appliance.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.Appliance;
import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.service.RunningRouter;
import rose.cli.lang.Session;

/** REST in process, through java.net.http: every verb, the error shapes, login and policy, TLS, live service changes. */
class RestServerTest {
    static final String PW = "rest-admin-pw";
    @TempDir static Path dir;
    static RunningRouter router;
    static HttpClient http;

    record Reply(int status, String body, HttpResponse<String> raw) {
    }

    @BeforeAll
    static void start() throws Exception {
        Appliance app = Appliance.boot(BoardsForTests.genericX86(), dir.resolve("data"), BuildInfo.current());
        router = RunningRouter.start(app, InetAddress.getLoopbackAddress(),
                Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0, "www-ssl", 0), "7.18.2");
        router.authenticator().setPassword("admin", PW);
        console("/user add name=viewer group=read password=viewer-pw");
        console("/user group add name=noweb policy=read,write,api");
        console("/user add name=apionly group=noweb password=apionly-pw");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
    }

    static String console(String text) {
        StringBuilder out = new StringBuilder();
        new Session(router.appliance().router(), "admin").execute(text, out);
        return out.toString();
    }

    static Reply call(String method, String path, String json, String user, String password) throws Exception {
        return call(http, "http://127.0.0.1:" + router.port("www"), method, path, json, user, password);
    }

    static Reply call(HttpClient client, String base, String method, String path, String json, String user,
                      String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static Reply admin(String method, String path, String json) throws Exception {
        return call(method, path, json, "admin", PW);
    }

    static String id(String json) {
        int i = json.indexOf("\".id\":\"");
        return json.substring(i + 7, json.indexOf('"', i + 7));
    }

    @Test
    void addressCreateReadUpdateDelete() throws Exception {
        Reply created = admin("PUT", "/rest/ip/address", "{\"address\":\"10.20.0.1/24\",\"interface\":\"ether2\"}");
        assertEquals(200, created.status(), created.body());
        assertTrue(created.body().contains("\"network\":\"10.20.0.0\""), created.body());
        assertTrue(created.body().contains("\"disabled\":\"false\""), "booleans are strings: " + created.body());
        String id = id(created.body());
        assertTrue(id.matches("\\*[0-9A-F]+"), id);

        Reply one = admin("GET", "/rest/ip/address/" + id, null);
        assertEquals(200, one.status());
        assertTrue(one.body().startsWith("{") && one.body().contains("10.20.0.1/24"), one.body());
        Reply list = admin("GET", "/rest/ip/address?interface=ether2", null);
        assertTrue(list.body().startsWith("[") && list.body().contains(id), list.body());
        Reply none = admin("GET", "/rest/ip/address?interface=ether9", null);
        assertEquals("[]", none.body());
        Reply cut = admin("GET", "/rest/ip/address?.proplist=address", null);
        assertTrue(cut.body().contains("{\".id\":\"" + id + "\",\"address\":\"10.20.0.1/24\"}"), cut.body());

        Reply patched = admin("PATCH", "/rest/ip/address/" + id, "{\"comment\":\"from rest\"}");
        assertEquals(200, patched.status(), patched.body());
        assertTrue(patched.body().contains("\"comment\":\"from rest\""), patched.body());
        assertTrue(console("/ip address print").contains("from rest"));

        Reply deleted = admin("DELETE", "/rest/ip/address/" + id, null);
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals("", deleted.body());
        Reply again = admin("DELETE", "/rest/ip/address/" + id, null);
        assertEquals(404, again.status());
        assertEquals("{\"error\":404,\"message\":\"Not Found\"}", again.body());
    }

    @Test
    void firewallRuleAndCommandsByPost() throws Exception {
        Reply rule = admin("PUT", "/rest/ip/firewall/filter",
                "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":23,\"action\":\"drop\",\"comment\":\"no telnet\"}");
        assertEquals(200, rule.status(), rule.body());
        assertTrue(rule.body().contains("\"dst-port\":\"23\""), "a JSON number comes back as a string: " + rule.body());
        String id = id(rule.body());
        Reply off = admin("PATCH", "/rest/ip/firewall/filter/" + id, "{\"disabled\":\"yes\"}");
        assertTrue(off.body().contains("\"disabled\":\"true\""), off.body());

        Reply printed = admin("POST", "/rest/ip/firewall/filter/print",
                "{\".proplist\":[\".id\",\"chain\"],\".query\":[\"chain=forward\",\"chain=input\",\"#|\"]}");
        assertEquals("[{\".id\":\"" + id + "\",\"chain\":\"input\"}]", printed.body());
        Reply count = admin("POST", "/rest/ip/firewall/filter/print", "{\"count-only\":\"\"}");
        assertEquals("{\"ret\":\"1\"}", count.body());
        Reply added = admin("POST", "/rest/ip/firewall/filter/add", "{\"chain\":\"forward\",\"action\":\"accept\"}");
        assertTrue(added.body().matches("\\{\"ret\":\"\\*[0-9A-F]+\"}"), added.body());
        Reply removed = admin("POST", "/rest/ip/firewall/filter/remove", "{\".id\":\"" + id(added.body().replace("ret", ".id")) + "\"}");
        assertEquals("[]", removed.body());
        assertEquals(204, admin("DELETE", "/rest/ip/firewall/filter/" + id, null).status());
    }

    @Test
    void singletonsAndStatusMenus() throws Exception {
        Reply res = admin("GET", "/rest/system/resource", null);
        assertEquals(200, res.status());
        assertTrue(res.body().startsWith("{") && res.body().contains("\"uptime\""), res.body());
        Reply printed = admin("POST", "/rest/system/resource/print", null);
        assertTrue(printed.body().startsWith("[{") && printed.body().contains("\"cpu-count\""), printed.body());
        Reply named = admin("PATCH", "/rest/system/identity", "{\"name\":\"rest-router\"}");
        assertEquals("{\"name\":\"rest-router\"}", named.body());
        admin("PATCH", "/rest/system/identity", "{\"name\":\"MikroTik\"}");
        Reply byName = admin("GET", "/rest/ip/service/www", null);
        assertTrue(byName.body().contains("\"name\":\"www\""), byName.body());
        Reply peers = admin("GET", "/rest/ip/ipsec/active-peers", null);
        assertEquals(200, peers.status(), peers.body());
        Reply kill = admin("POST", "/rest/ip/ipsec/active-peers/kill-connections", null);
        assertTrue(kill.status() == 200 || kill.status() == 400 && kill.body().contains("\"detail\""), kill.body());
    }

    @Test
    void errorsAsRouterOsShapesThem() throws Exception {
        assertEquals(new Reply(400, "{\"error\":400,\"message\":\"Bad Request\",\"detail\":\"no such command or directory (nonexistent)\"}", null).body(),
                admin("GET", "/rest/nonexistent", null).body());
        Reply unknownParam = admin("PUT", "/rest/ip/address", "{\"address\":\"10.30.0.1/24\",\"interface\":\"ether1\",\"colour\":\"red\"}");
        assertEquals(400, unknownParam.status());
        assertTrue(unknownParam.body().contains("\"detail\":\"unknown parameter colour\""), unknownParam.body());
        Reply commandPath = admin("GET", "/rest/ip/firewall/filter/print", null);
        assertEquals(400, commandPath.status());
        assertTrue(commandPath.body().contains("no such command"), commandPath.body());
        assertEquals(404, admin("GET", "/rest/ip/address/*FFFF", null).status());
        Reply badJson = admin("PUT", "/rest/ip/address", "{\"address\":");
        assertEquals(400, badJson.status());
        assertTrue(badJson.body().contains("malformed JSON"), badJson.body());
        Reply nested = admin("POST", "/rest/ip/address/print", "{\"a\":{\"b\":1}}");
        assertEquals(400, nested.status());
        Reply big = admin("POST", "/rest/execute", "{\"script\":\"" + "x".repeat(RestServer.MAX_BODY + 10) + "\"}");
        assertEquals(413, big.status());
        assertTrue(big.body().contains("\"error\":413"), big.body());
        assertEquals(501, admin("HEAD", "/rest/ip/address", null).status());
        assertEquals(404, admin("GET", "/webfig/", null).status());
        assertEquals(200, admin("GET", "/rest/ip/address", null).status(), "the server still answers");
    }

    @Test
    void readUserIsRefusedEveryChangeWithRouterOsAnswer() throws Exception {
        String id = id(admin("PUT", "/rest/ip/address", "{\"address\":\"10.40.0.1/24\",\"interface\":\"ether3\"}").body());
        assertEquals(200, call("GET", "/rest/ip/address", null, "viewer", "viewer-pw").status());
        String denied = "{\"error\":500,\"message\":\"Internal Server Error\",\"detail\":\"not enough permissions (9)\"}";
        Reply put = call("PUT", "/rest/ip/address", "{\"address\":\"10.41.0.1/24\",\"interface\":\"ether3\"}", "viewer", "viewer-pw");
        assertEquals(500, put.status());
        assertEquals(denied, put.body());
        assertEquals(denied, call("PATCH", "/rest/ip/address/" + id, "{\"comment\":\"x\"}", "viewer", "viewer-pw").body());
        assertEquals(denied, call("DELETE", "/rest/ip/address/" + id, null, "viewer", "viewer-pw").body());
        assertEquals(denied, call("POST", "/rest/ip/address/remove", "{\".id\":\"" + id + "\"}", "viewer", "viewer-pw").body());
        assertEquals(denied, call("POST", "/rest/user/add", "{\"name\":\"evil\",\"group\":\"full\",\"password\":\"x\"}",
                "viewer", "viewer-pw").body());
        String addresses = console("/ip address print");
        assertTrue(addresses.contains("10.40.0.1/24") && !addresses.contains("10.41.0.1"), addresses);
        assertFalse(console("/ip address print detail").contains("comment=x"));
        assertFalse(console("/user print").contains("evil"));
        admin("DELETE", "/rest/ip/address/" + id, null);
    }

    @Test
    void wrongPasswordMissingPolicyAndNoCredentialsAre401AndLogged() throws Exception {
        Reply wrong = call("GET", "/rest/ip/address", null, "admin", "not-the-password");
        assertEquals(401, wrong.status());
        assertEquals("{\"error\":401,\"message\":\"Unauthorized\"}", wrong.body());
        assertTrue(wrong.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, call("GET", "/rest/ip/address", null, "apionly", "apionly-pw").status(), "no rest-api policy");
        assertEquals(401, call("GET", "/rest/ip/address", null, null, null).status());
        String log = router.appliance().router().log().entries().toString();
        assertTrue(log.contains("login failure for user admin from 127.0.0.1 via rest-api"), log);
        assertTrue(log.contains("login failure for user apionly from 127.0.0.1 via rest-api"), log);
        assertFalse(log.contains("not-the-password"));
    }

    @Test
    void httpsServesTheSameApiOverTls12OrLater() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        // the self-signed certificate names no host: trust it as curl -k does (an extended manager
        // is not wrapped with JSSE's host name check)
        trustAll.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        console("/ip service set www-ssl disabled=no");
        int port = waitForPort("www-ssl", true);
        HttpClient tls = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(10)).build();
        Reply r = call(tls, "https://127.0.0.1:" + port, "GET", "/rest/system/identity", null, "admin", PW);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.raw().sslSession().orElseThrow().getProtocol().matches("TLSv1\\.[23]"));
        console("/ip service set www-ssl disabled=yes");
        assertEquals(-1, waitForPort("www-ssl", false));
    }

    @Test
    void wwwFollowsIpServiceLive() throws Exception {
        Reply off = admin("PATCH", "/rest/ip/service/www", "{\"disabled\":\"true\"}");
        assertEquals(200, off.status(), "answered before the service it disabled goes: " + off.body());
        assertEquals(-1, waitForPort("www", false));
        console("/ip service set www disabled=no");
        assertTrue(waitForPort("www", true) > 0);
        assertEquals(200, admin("GET", "/rest/system/identity", null).status());
    }

    static int waitForPort(String service, boolean up) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            int p = router.port(service);
            if (up == p > 0) return p;
            Thread.sleep(50);
        }
        return router.port(service);
    }

    @Test
    void startsInMilliseconds() throws Exception {
        RestServer s = new RestServer(router.appliance().router(), router.authenticator(),
                router.appliance().activeSessions(), null, rose.appliance.service.ServiceGate.open());
        long t0 = System.nanoTime();
        s.start(InetAddress.getLoopbackAddress(), 0);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        s.stop();
        System.out.println("RestServer start: " + ms + " ms");
    }
}
