package rose.appliance.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code curl} against {@code rose run} in its own JVM, as a user would drive it:
 * address and firewall rule created, read, updated and deleted over HTTP and HTTPS
 * ({@code -k}: the self-signed certificate), a {@code read} user refused, a wrong password
 * answered 401 and logged on the router's stdout. Skips, saying so, where curl is missing
 * ({@code .ci/run} installs it).
 */
@Timeout(120)
class RestCurlTest {
    static final String PW = "curl-admin-pw";
    @TempDir static Path dir;
    static Process rose;
    static final StringBuffer out = new StringBuffer();
    static int www;

    @BeforeAll
    static void start() throws Exception {
        if (!onPath("curl")) return;
        Path pw = dir.resolve("admin.pw");
        Files.writeString(pw, PW + "\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "rose.appliance.Main", "run", "--data",
                dir.resolve("data").toString(), "--admin-password-file", pw.toString()));
        for (String s : List.of("ssh", "api", "api-ssl", "www", "www-ssl")) cmd.addAll(List.of("--service-port", s + "=0"));
        rose = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(rose.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
            } catch (java.io.IOException e) {
                // process gone
            }
        }, "rose-run-stdout");
        reader.setDaemon(true);
        reader.start();
        Matcher m = waitFor(Pattern.compile("rose: running \\(.* www (\\d+),"));
        www = Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (rose == null) return;
        rose.destroy();                                  // SIGTERM: rose run stops cleanly
        assertTrue(rose.waitFor(30, TimeUnit.SECONDS), "rose run did not stop on SIGTERM");
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    static void needCurl() {
        boolean found = onPath("curl");
        if (!found) System.err.println("SKIPPED: curl is not installed (REST integration test; .ci/run installs it)");
        assumeTrue(found, "curl is not installed (REST integration test; .ci/run installs it)");
    }

    static Matcher waitFor(Pattern p) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher m = p.matcher(out);
            if (m.find()) return m;
            if (!rose.isAlive()) throw new AssertionError("rose run exited:\n" + out);
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + p + " in:\n" + out);
    }

    record Curl(int status, String body) {
    }

    /** curl with basic auth; the last line of its output is the HTTP status ({@code -w}). */
    static Curl curl(String user, String method, String url, String json) throws Exception {
        List<String> c = new ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "30", "-u", user, "-X", method,
                "-w", "\n%{http_code}"));
        if (json != null) c.addAll(List.of("-H", "content-type: application/json", "-d", json));
        c.add(url);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "curl failed: " + text);
        int nl = text.lastIndexOf('\n');
        return new Curl(Integer.parseInt(text.substring(nl + 1).trim()), text.substring(0, nl));
    }

    static Curl admin(String method, String path, String json) throws Exception {
        return curl("admin:" + PW, method, "http://127.0.0.1:" + www + path, json);
    }

    static String id(String json) {
        Matcher m = Pattern.compile("\"\\.id\":\"(\\*[0-9A-F]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    @Test
    void addressCrudOverHttp() throws Exception {
        needCurl();
        Curl put = admin("PUT", "/rest/ip/address", "{\"address\":\"192.0.2.1/24\",\"interface\":\"ether1\"}");
        assertEquals(200, put.status(), put.body());
        String id = id(put.body());
        Curl get = admin("GET", "/rest/ip/address/" + id, null);
        assertTrue(get.body().contains("\"address\":\"192.0.2.1/24\"") && get.body().contains("\"network\":\"192.0.2.0\""),
                get.body());
        Curl patch = admin("PATCH", "/rest/ip/address/" + id, "{\"comment\":\"via curl\",\"disabled\":\"yes\"}");
        assertTrue(patch.body().contains("\"comment\":\"via curl\"") && patch.body().contains("\"disabled\":\"true\""),
                patch.body());
        Curl print = admin("POST", "/rest/ip/address/print", "{\".proplist\":[\"address\",\"comment\"],\".query\":[\"comment=via curl\"]}");
        assertEquals("[{\"address\":\"192.0.2.1/24\",\"comment\":\"via curl\"}]", print.body());
        assertEquals(204, admin("DELETE", "/rest/ip/address/" + id, null).status());
        Curl gone = admin("GET", "/rest/ip/address/" + id, null);
        assertEquals(404, gone.status());
        assertEquals("{\"error\":404,\"message\":\"Not Found\"}", gone.body());
    }

    @Test
    void firewallRuleCrudOverHttps() throws Exception {
        needCurl();
        admin("PATCH", "/rest/ip/service/www-ssl", "{\"disabled\":\"no\"}");
        int port = Integer.parseInt(waitFor(Pattern.compile("www-ssl service listening on 127\\.0\\.0\\.1:(\\d+)")).group(1));
        String base = "https://127.0.0.1:" + port;
        Curl put = curl("admin:" + PW, "PUT", base + "/rest/ip/firewall/filter",
                "{\"chain\":\"forward\",\"src-address\":\"198.51.100.0/24\",\"action\":\"drop\"}");
        assertEquals(200, put.status(), put.body());
        String id = id(put.body());
        Curl patch = curl("admin:" + PW, "PATCH", base + "/rest/ip/firewall/filter/" + id, "{\"action\":\"reject\"}");
        assertTrue(patch.body().contains("\"action\":\"reject\""), patch.body());
        Curl list = curl("admin:" + PW, "GET", base + "/rest/ip/firewall/filter?chain=forward", null);
        assertTrue(list.body().startsWith("[") && list.body().contains(id), list.body());
        Curl bad = curl("admin:" + PW, "PATCH", base + "/rest/ip/firewall/filter/" + id, "{\"action\":\"explode\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("\"error\":400,\"message\":\"Bad Request\",\"detail\":"), bad.body());
        assertEquals(204, curl("admin:" + PW, "DELETE", base + "/rest/ip/firewall/filter/" + id, null).status());
        admin("PATCH", "/rest/ip/service/www-ssl", "{\"disabled\":\"yes\"}");
    }

    @Test
    void readUserIsRefusedAndWrongPasswordIs401AndLogged() throws Exception {
        needCurl();
        Curl user = admin("PUT", "/rest/user", "{\"name\":\"auditor\",\"group\":\"read\",\"password\":\"auditor-pw\"}");
        assertEquals(200, user.status(), user.body());
        assertFalse(user.body().contains("auditor-pw"), "passwords never come back: " + user.body());
        String url = "http://127.0.0.1:" + www + "/rest/ip/address";
        assertEquals(200, curl("auditor:auditor-pw", "GET", url, null).status());
        Curl refused = curl("auditor:auditor-pw", "PUT", url, "{\"address\":\"203.0.113.1/24\",\"interface\":\"ether1\"}");
        assertEquals(500, refused.status());
        assertEquals("{\"error\":500,\"message\":\"Internal Server Error\",\"detail\":\"not enough permissions (9)\"}",
                refused.body());
        assertFalse(admin("GET", "/rest/ip/address", null).body().contains("203.0.113.1"));
        Curl wrong = curl("admin:guess", "GET", url, null);
        assertEquals(401, wrong.status());
        assertEquals("{\"error\":401,\"message\":\"Unauthorized\"}", wrong.body());
        waitFor(Pattern.compile("login failure for user admin from 127\\.0\\.0\\.1 via rest-api"));
        assertFalse(out.toString().contains("guess"), "secrets never reach the log");
    }
}
