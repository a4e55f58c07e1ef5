package rose.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.cli.RouterOs;
import rose.cli.db.Item;
import rose.cli.lang.ApiCall;
import rose.cli.lang.CliError;
import rose.cli.lang.Session;

class AuthTest {
    private final RouterOs router = RouterOs.inMemory();
    private final Session admin = new Session(router, "admin");
    private final Authenticator auth = new Authenticator(router, new LoginThrottle());

    private String run(Session s, String text) {
        StringBuilder out = new StringBuilder();
        s.execute(text, out);
        return out.toString();
    }

    private static InetAddress ip(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    private Item user(String name) {
        for (Item u : router.db().state().items("user")) if (name.equals(u.get("name"))) return u;
        return null;
    }

    @Test
    void passwordIsStoredHashedAndNeverShown() {
        assertEquals("", run(admin, "/user add name=ops group=read password=s3cret-Pass"));
        Item ops = user("ops");
        assertNull(ops.get("password"));
        assertTrue(ops.get(StoredForm.PASSWORD_KEY).startsWith("pbkdf2-sha256$"));
        assertFalse(ops.values().toString().contains("s3cret-Pass"));
        for (String cmd : List.of("/user print detail", "/user print detail show-sensitive", "/export show-sensitive",
                "/user export verbose show-sensitive")) {
            String out = run(admin, cmd);
            assertFalse(out.contains("s3cret-Pass"), cmd + ": " + out);
            assertFalse(out.contains("pbkdf2"), cmd + ": " + out);
        }
        assertEquals("", run(admin, "/user set ops password=other"));
        assertTrue(PasswordHash.verify("other", user("ops").get(StoredForm.PASSWORD_KEY)));
    }

    @Test
    void loginChecksPasswordAddressDisabledAndService() throws Exception {
        run(admin, "/user add name=ops group=read password=pw address=10.0.0.0/8");
        assertTrue(auth.password("ops", "pw", Via.SSH, ip("10.1.2.3")).ok());
        assertFalse(auth.password("ops", "wrong", Via.SSH, ip("10.1.2.3")).ok());
        assertFalse(auth.password("ops", "pw", Via.SSH, ip("192.168.1.1")).ok());
        assertFalse(auth.password("nobody", "pw", Via.API, ip("10.1.2.3")).ok());
        run(admin, "/user group add name=noapi policy=ssh,read");
        run(admin, "/user set ops group=noapi");
        assertTrue(auth.password("ops", "pw", Via.SSH, ip("10.1.2.4")).ok());
        assertFalse(auth.password("ops", "pw", Via.API, ip("10.1.2.4")).ok());
        run(admin, "/user disable ops");
        assertFalse(auth.password("ops", "pw", Via.SSH, ip("10.1.2.4")).ok());
        assertEquals(Authenticator.BAD_LOGIN, auth.password("ops", "pw", Via.SSH, ip("10.1.2.4")).failure());
    }

    @Test
    void freshAdminHasNoPasswordAndRemoteLoginIsRefusedUntilSet() throws Exception {
        assertFalse(auth.hasPassword("admin"));
        assertFalse(auth.password("admin", "", Via.SSH, ip("127.0.0.1")).ok());
        assertNotNull(auth.local("admin"));
        auth.setPassword("admin", "first-pw");
        assertTrue(auth.hasPassword("admin"));
        assertTrue(auth.password("admin", "first-pw", Via.API, ip("127.0.0.1")).ok());
    }

    @Test
    void failuresAreLoggedWithoutTheSecret() throws Exception {
        run(admin, "/user add name=ops group=full password=right-one");
        auth.password("ops", "guess-XYZ", Via.SSH, ip("192.0.2.7"));
        var last = router.log().entries().get(router.log().entries().size() - 1);
        assertEquals("system,error,critical", last.topics());
        assertEquals("login failure for user ops from 192.0.2.7 via ssh", last.message());
        for (var e : router.log().entries()) assertFalse(e.message().contains("guess-XYZ") || e.message().contains("right-one"));
    }

    @Test
    void throttleRefusesAFloodFromOneSourceEvenWithTheRightPassword() throws Exception {
        run(admin, "/user add name=ops group=full password=right");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) auth.password("ops", "bad" + i, Via.API, ip("192.0.2.9"));
        assertFalse(auth.password("ops", "right", Via.API, ip("192.0.2.9")).ok());
        assertTrue(auth.password("ops", "right", Via.API, ip("192.0.2.10")).ok());
    }

    @Test
    void throttleDelayGrowsAndExpires() {
        long[] now = {0};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId z) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now[0]); }
        };
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) t.failed("a");
        assertEquals(LoginThrottle.BASE_DELAY_MS, t.waitMillis("a"));
        now[0] += LoginThrottle.BASE_DELAY_MS;
        assertEquals(0, t.waitMillis("a"));
        t.failed("a");
        assertEquals(2 * LoginThrottle.BASE_DELAY_MS, t.waitMillis("a"));
        t.succeeded("a");
        assertEquals(0, t.waitMillis("a"));
    }

    @Test
    void readUserCanPrintButEveryWriteIsRefused() throws Exception {
        Principal reader = new Principal("viewer", "read", Policy.parseList(
                "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,!write,!policy"),
                Via.SSH, "127.0.0.1");
        Session s = new Session(router, reader);
        assertTrue(run(s, "/ip address print").startsWith("Columns") || run(s, "/ip address print").contains("#"));
        for (String cmd : List.of("/ip address add address=10.0.0.1/24 interface=ether1", "/system identity set name=x",
                "/ip service disable telnet", "/user add name=x group=full", "/ip firewall filter add chain=input",
                "/interface ethernet set ether1 mtu=1400")) {
            assertEquals(Access.DENIED + "\n", run(s, cmd), cmd);
        }
        CliError e = org.junit.jupiter.api.Assertions.assertThrows(CliError.class, () -> ApiCall.run(s,
                ApiCall.resolve(s, "/ip/address/add"), Map.of("address", "10.0.0.1/24", "interface", "ether1"),
                new StringBuilder()));
        assertEquals(Access.DENIED, e.getMessage());
        assertTrue(router.db().state().items("ip address").isEmpty());
    }

    @Test
    void writeUserCannotManageUsers() {
        Principal writer = new Principal("w", "write", Policy.parseList("read,write,ssh"), Via.SSH, "127.0.0.1");
        Session s = new Session(router, writer);
        assertEquals(Access.DENIED + "\n", run(s, "/user add name=x group=full password=p"));
        assertEquals("", run(s, "/system identity set name=r2"));
    }

    @Test
    void apiRowsHideSecretsWithoutTheSensitivePolicy() throws Exception {
        run(admin, "/ip ipsec peer add name=p1 address=192.0.2.1/32");
        run(admin, "/ip ipsec identity add peer=p1 secret=topsecret");
        Session full = new Session(router, "admin");
        assertEquals("topsecret", ApiCall.rows(full, "ip ipsec identity").get(0).get("secret"));
        Session nosens = new Session(router, new Principal("x", "g", Policy.parseList("read,api"), Via.API, "127.0.0.1"));
        assertNull(ApiCall.rows(nosens, "ip ipsec identity").get(0).get("secret"));
        String export = run(nosens, "/export show-sensitive");
        assertFalse(export.contains("topsecret"), export);
    }

    @Test
    void sshKeysAreDescribedFromTheKeyLine() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBq0Vh1g1mJt8x2YqVQv0m3VnqP6l0R0Jk4W8kqX8kqX me@host";
        assertEquals("", run(admin, "/user ssh-keys add user=admin key=\"" + key + "\""));
        Item k = router.db().state().items("user ssh-keys").get(0);
        assertEquals("ed25519", k.get("key-type"));
        assertEquals("256", k.get("bits"));
        assertEquals("me@host", k.get("key-owner"));
    }

    @Test
    void addressMatchesPrefixesOfBothFamilies() throws Exception {
        assertTrue(AddressMatch.allowed("", ip("1.2.3.4")));
        assertTrue(AddressMatch.allowed("10.0.0.0/8,192.168.0.0/16", ip("192.168.5.5")));
        assertFalse(AddressMatch.allowed("10.0.0.0/8", ip("11.0.0.1")));
        assertTrue(AddressMatch.allowed("127.0.0.1", ip("127.0.0.1")));
        assertTrue(AddressMatch.allowed("::1/128", ip("::1")));
        assertFalse(AddressMatch.allowed("evil.example.com", ip("1.2.3.4")));
    }
}
