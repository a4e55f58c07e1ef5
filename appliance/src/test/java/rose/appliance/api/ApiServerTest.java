package rose.appliance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.cli.auth.ChallengeResponse;

class ApiServerTest {
    @TempDir Path dir;
    RouterFixture r;

    @BeforeEach
    void start() throws Exception {
        r = new RouterFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        r.close();
    }

    private ApiClient connect() throws Exception {
        return new ApiClient(new Socket(InetAddress.getLoopbackAddress(), r.router.port("api")));
    }

    private ApiClient login(String user, String password) throws Exception {
        ApiClient c = connect();
        assertEquals(List.of(List.of("!done")), c.call("/login", "=name=" + user, "=password=" + password));
        return c;
    }

    @Test
    void plainLoginSucceedsAndWrongPasswordTrapsAndIsLogged() throws Exception {
        try (ApiClient c = connect()) {
            assertEquals(List.of(List.of("!trap", "=message=invalid user name or password (6)"), List.of("!done")),
                    c.call("/login", "=name=admin", "=password=nope"));
            assertEquals(List.of(List.of("!done")), c.call("/login", "=name=admin", "=password=" + RouterFixture.ADMIN_PASSWORD));
        }
        String log = r.router.appliance().router().log().entries().toString();
        assertTrue(log.contains("login failure for user admin from 127.0.0.1 via api"), log);
        assertTrue(!r.console("/log print").contains("nope"));
    }

    @Test
    void legacyChallengeLogsInWithTheRightResponseAndRefusesAWrongOne() throws Exception {
        try (ApiClient c = connect()) {
            List<List<String>> ch = c.call("/login");
            assertEquals("!done", ch.get(0).get(0));
            assertTrue(ch.get(0).get(1).matches("=ret=[0-9a-f]{32}"), ch.toString());
            assertEquals(List.of(List.of("!trap", "=message=cannot log in"), List.of("!done")),
                    c.call("/login", "=name=admin", "=response=00" + "0".repeat(32)));
            // the challenge was spent on the wrong answer: even the right one needs a new challenge
            String spent = ch.get(0).get(1).substring(5);
            assertEquals(List.of(List.of("!trap", "=message=cannot log in"), List.of("!done")), c.call("/login",
                    "=name=admin", "=response=" + ChallengeResponse.expected(RouterFixture.ADMIN_PASSWORD, HexFormat.of().parseHex(spent))));
        }
        assertTrue(r.router.appliance().router().log().entries().toString()
                .contains("login failure for user admin from 127.0.0.1 via api"));
        try (ApiClient c = connect()) {
            String ret = c.call("/login").get(0).get(1).substring(5);
            String response = ChallengeResponse.expected(RouterFixture.ADMIN_PASSWORD, HexFormat.of().parseHex(ret));
            assertEquals(List.of(List.of("!done")), c.call("/login", "=name=admin", "=response=" + response));
            assertEquals("!re", c.call("/system/identity/print").get(0).get(0));
        }
    }

    @Test
    void commandsBeforeLoginAreFatal() throws Exception {
        try (ApiClient c = connect()) {
            assertEquals(List.of(List.of("!fatal", "not logged in")), c.call("/ip/address/print"));
        }
    }

    @Test
    void addPrintQueryProplistEmptyCountAndErrors() throws Exception {
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            List<List<String>> add = c.call("/ip/address/add", "=address=192.168.88.1/24", "=interface=ether1", ".tag=7");
            assertEquals("!done", add.get(0).get(0));
            assertTrue(add.get(0).contains(".tag=7"));
            assertTrue(add.get(0).get(2).matches("=ret=\\*[0-9A-F]+"), add.toString());
            c.call("/ip/address/add", "=address=10.0.0.1/8", "=interface=ether2", "=disabled=yes");
            List<List<String>> all = c.call("/ip/address/print");
            assertEquals(3, all.size(), all.toString());
            assertTrue(all.get(0).contains("=address=192.168.88.1/24"), all.toString());
            assertTrue(all.get(0).contains("=disabled=false"), all.toString());
            assertTrue(all.get(0).get(1).startsWith("=.id=*"), all.toString());
            assertTrue(all.get(1).contains("=disabled=true"), all.toString());
            List<List<String>> q = c.call("/ip/address/print", "=.proplist=address", "?interface=ether2");
            assertEquals(List.of(List.of("!re", "=address=10.0.0.1/8"), List.of("!done")), q);
            List<List<String>> or = c.call("/ip/address/print", "=.proplist=interface", "?interface=ether1",
                    "?interface=ether2", "?#|");
            assertEquals(3, or.size());
            List<List<String>> not = c.call("/ip/address/print", "=.proplist=interface", "?interface=ether1", "?#!");
            assertEquals(List.of(List.of("!re", "=interface=ether2"), List.of("!done")), not);
            assertEquals(List.of(List.of("!empty"), List.of("!done")), c.call("/ip/address/print", "?interface=nothere"));
            assertEquals(List.of(List.of("!done", "=ret=1")), c.call("/ip/address/print", "=count-only=", "?disabled=true"));
            List<List<String>> bad = c.call("/ip/address/add", "=address=300.1.1.1/24", "=interface=ether1");
            assertEquals(List.of("!trap", "=category=1"), bad.get(0).subList(0, 2), bad.toString());
            assertEquals(List.of("!done"), bad.get(1));
            assertEquals(List.of(List.of("!trap", "=category=1", "=message=unknown parameter bogus"), List.of("!done")),
                    c.call("/ip/address/add", "=address=192.168.1.1", "=interface=ether1", "=bogus=1"));
            assertEquals(List.of(List.of("!trap", "=category=0", "=message=no such command prefix"), List.of("!done")),
                    c.call("/ip/nothing/print"));
            String id = all.get(1).get(1).substring("=.id=".length());
            assertEquals(List.of(List.of("!done")), c.call("/ip/address/set", "=.id=" + id, "=comment=hello"));
            assertTrue(r.console("/ip address print").contains(";;; hello"));
            assertEquals(List.of(List.of("!done")), c.call("/ip/address/remove", "=.id=" + id));
            assertEquals(2, c.call("/ip/address/print").size());
        }
    }

    @Test
    void everyMenuIsAtItsApiPath() throws Exception {
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            List<List<String>> res = c.call("/system/resource/print");
            assertEquals("!re", res.get(0).get(0));
            assertTrue(res.get(0).stream().anyMatch(w -> w.startsWith("=version=7.18.2")), res.toString());
            assertEquals("!done", c.call("/ip/ipsec/peer/add", "=name=p1", "=address=192.0.2.1/32").get(0).get(0));
            assertTrue(c.call("/ip/ipsec/peer/print").get(0).contains("=name=p1"));
            assertEquals("!done", c.call("/ip/firewall/filter/add", "=chain=input", "=action=accept").get(0).get(0));
            assertTrue(c.call("/ip/firewall/filter/print").get(0).contains("=chain=input"));
            List<List<String>> active = c.call("/user/active/print");
            assertTrue(active.get(0).contains("=via=api"), active.toString());
            assertTrue(c.call("/interface/print").get(0).contains("=name=ether1"));
        }
    }

    @Test
    void readUserIsRefusedEveryWrite() throws Exception {
        r.console("/user add name=viewer group=read password=view-pw");
        try (ApiClient c = login("viewer", "view-pw")) {
            assertEquals("!re", c.call("/ip/service/print").get(0).get(0));
            assertEquals(List.of(List.of("!trap", "=message=not enough permissions (9)"), List.of("!done")),
                    c.call("/ip/address/add", "=address=10.9.9.9/24", "=interface=ether1"));
            assertEquals(List.of(List.of("!trap", "=message=not enough permissions (9)"), List.of("!done")),
                    c.call("/system/identity/set", "=name=hacked"));
        }
        assertTrue(r.console("/ip address print").contains("Columns") || !r.console("/ip address print").contains("10.9.9.9"));
    }

    @Test
    void freshAdminWithoutPasswordCannotLogInRemotely() throws Exception {
        Path other = dir.resolve("fresh");
        rose.appliance.Appliance app = rose.appliance.Appliance.boot(rose.appliance.BoardsForTests.genericX86(), other,
                rose.appliance.BuildInfo.current());
        try (var rr = rose.appliance.service.RunningRouter.start(app, InetAddress.getLoopbackAddress(),
                java.util.Map.of("ssh", 0, "api", 0, "api-ssl", 0, "www", 0, "www-ssl", 0), "7.18.2");
             ApiClient c = new ApiClient(new Socket(InetAddress.getLoopbackAddress(), rr.port("api")))) {
            assertEquals("!trap", c.call("/login", "=name=admin", "=password=").get(0).get(0));
        }
    }

    @Test
    void listenStreamsChangesUntilCancelled() throws Exception {
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            c.send("/ip/address/listen", ".tag=L");
            Thread.sleep(200);
            r.console("/ip address add address=172.16.0.1/24 interface=ether3");
            List<String> re = c.read();
            assertEquals("!re", re.get(0));
            assertTrue(re.contains(".tag=L") && re.contains("=address=172.16.0.1/24"), re.toString());
            r.console("/ip address remove [find]");
            List<String> dead = c.read();
            assertTrue(dead.contains("=.dead=true"), dead.toString());
            c.send("/cancel", "=tag=L", ".tag=C");
            assertEquals(List.of("!trap", ".tag=L", "=category=2", "=message=interrupted"), c.read());
            assertEquals(List.of("!done", ".tag=C"), c.read());
            assertEquals(List.of("!done", ".tag=L"), c.read());
        }
    }

    @Test
    void quitIsFatalWithReason() throws Exception {
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            assertEquals(List.of(List.of("!fatal", "session terminated on request")), c.call("/quit"));
            assertNull(c.read());
        }
    }

    @Test
    void serviceAddressAndDisableApplyLive() throws Exception {
        r.console("/ip service set api address=10.0.0.0/8");
        Thread.sleep(200);
        try (ApiClient c = connect()) {
            assertNull(c.read());                  // closed before a word
        }
        r.console("/ip service set api address=\"\"");
        int before = r.router.port("api");
        r.console("/ip service disable api");
        Thread.sleep(200);
        assertEquals(-1, r.router.port("api"));
        r.console("/ip service enable api");
        Thread.sleep(200);
        assertTrue(r.router.port("api") > 0 && before > 0);
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            assertEquals("!re", c.call("/ip/service/print").get(0).get(0));
        }
    }

    @Test
    void apiSslSpeaksTls12AndUp() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), r.router.port("api-ssl"));
        s.startHandshake();
        assertTrue(s.getSession().getProtocol().equals("TLSv1.3") || s.getSession().getProtocol().equals("TLSv1.2"));
        try (ApiClient c = new ApiClient(s)) {
            assertEquals(List.of(List.of("!done")), c.call("/login", "=name=admin", "=password=" + RouterFixture.ADMIN_PASSWORD));
            assertEquals("!re", c.call("/system/identity/print").get(0).get(0));
        }
        assertTrue(dir.resolve("tls/self-signed.crt").toFile().isFile());
    }

    /** The subject of the certificate a TLS client is offered on {@code port} (null if the connection is refused). */
    static String served(int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void tlsServicesServeTheAssignedCertificateLive() throws Exception {
        assertEquals("CN=ROSE", served(r.router.port("api-ssl")));
        r.console("/certificate add name=api-cert common-name=api.lab.test key-size=prime256v1 days-valid=30");
        r.console("/certificate sign api-cert");
        assertEquals("", r.console("/ip service set api-ssl certificate=api-cert"));
        Thread.sleep(200);
        assertEquals("CN=api.lab.test", served(r.router.port("api-ssl")));
        try (ApiClient c = new ApiClient(tlsSocket())) {
            assertEquals(List.of(List.of("!done")), c.call("/login", "=name=admin", "=password=" + RouterFixture.ADMIN_PASSWORD));
        }
        // www-ssl follows its own entry, not api-ssl's
        r.console("/ip service set www-ssl disabled=no");
        Thread.sleep(300);
        assertEquals("CN=ROSE", served(r.router.port("www-ssl")));
        r.console("/certificate add name=web-cert common-name=web.lab.test key-size=prime256v1");
        r.console("/certificate sign web-cert");
        r.console("/ip service set www-ssl certificate=web-cert");
        Thread.sleep(200);
        assertEquals("CN=web.lab.test", served(r.router.port("www-ssl")));
        assertEquals("CN=api.lab.test", served(r.router.port("api-ssl")));
        // a template never signed cannot serve: refused and logged, never silently replaced
        r.console("/certificate add name=unsigned common-name=nope.lab.test");
        r.console("/ip service set api-ssl certificate=unsigned");
        Thread.sleep(200);
        assertNull(served(r.router.port("api-ssl")));
        assertTrue(r.router.appliance().router().log().entries().toString()
                .contains("api-ssl: certificate unsigned cannot be used: it is not signed or imported yet"));
        r.console("/ip service set api-ssl certificate=none");
        Thread.sleep(200);
        assertEquals("CN=ROSE", served(r.router.port("api-ssl")));
    }

    private SSLSocket tlsSocket() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), r.router.port("api-ssl"));
    }

    @Test
    void tlsVersionOnly12OffersTls12Alone() throws Exception {
        r.console("/ip service set api-ssl tls-version=only-1.2");
        Thread.sleep(200);
        try (SSLSocket s = tlsSocket()) {
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
        }
        r.console("/ip service set api-ssl tls-version=any");
        Thread.sleep(200);
        try (SSLSocket s = tlsSocket()) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    @Test
    void historyAndUndoOverTheApi() throws Exception {
        try (ApiClient c = login("admin", RouterFixture.ADMIN_PASSWORD)) {
            assertEquals("!done", c.call("/ip/address/add", "=address=10.77.0.1/24", "=interface=ether1").get(0).get(0));
            List<List<String>> h = c.call("/system/history/print");
            assertTrue(h.toString().contains("=action=address 10.77.0.1/24 added") && h.toString().contains("=by=admin"), h.toString());
            assertEquals(List.of(List.of("!done")), c.call("/undo"));
            assertTrue(!r.console("/ip address print").contains("10.77.0.1"));
            assertEquals(List.of(List.of("!done")), c.call("/redo"));
            assertTrue(r.console("/ip address print").contains("10.77.0.1"));
        }
    }
}
