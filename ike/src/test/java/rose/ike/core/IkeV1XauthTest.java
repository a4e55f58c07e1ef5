package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;

/**
 * XAuth (auth-method=pre-shared-key-xauth) back to back with a manual clock: A is the road
 * warrior (initiator, XAuth client with username/password), B the responder checking
 * {@code /ip ipsec user}. The tunnel comes up only after XAuth succeeds.
 */
class IkeV1XauthTest {
    static Identity xauth(String secret, XauthCredentials c) {
        return new Identity(Identity.AuthMethod.PRE_SHARED_KEY_XAUTH, RouterOsAlgorithms.secretBytes(secret), IdSpec.AUTO, IdSpec.AUTO).withXauth(c);
    }

    static PeerConfig v1(String name, java.net.InetAddress remote, String lan, String remoteLan, PeerConfig.ExchangeMode mode, Identity id) {
        return BackToBack.peer(name, remote, lan, remoteLan, mode, IkeProfile.defaults(), IkeV1BackToBackTest.prop("sha1", "aes-128-cbc", "PT30M", "none"), id);
    }

    static BackToBack run(Identity client, Identity server, PeerConfig.ExchangeMode mode) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(v1("server", B, "10.1.101.0/24", "10.1.202.0/24", mode, client)));
        w.b.daemon.setPeers(List.of(v1("client", A, "10.1.202.0/24", "10.1.101.0/24", mode, server)));
        w.b.daemon.v1().setXauthUsers(Map.of("alice", "wonderland"));
        w.a.daemon.initiate("server");
        w.run();
        return w;
    }

    @Test void mainModeXauthBringsTheTunnelUpAfterTheUserIsChecked() {
        BackToBack w = run(xauth("k3y", new XauthCredentials("alice", "wonderland")), xauth("k3y", null), PeerConfig.ExchangeMode.MAIN);
        IkeV1BackToBackTest.assertTunnelUp(w);
        assertTrue(w.b.logged("xauth user alice authenticated"), w.b.dump());
        assertTrue(w.a.logged("xauth authentication of alice succeeded"), w.a.dump());
    }

    @Test void aggressiveModeXauthToo() {
        BackToBack w = run(xauth("k3y", new XauthCredentials("alice", "wonderland")), xauth("k3y", null), PeerConfig.ExchangeMode.AGGRESSIVE);
        IkeV1BackToBackTest.assertTunnelUp(w);
    }

    @Test void aWrongPasswordLeavesNoTunnelAndSaysWhy() {
        BackToBack w = run(xauth("k3y", new XauthCredentials("alice", "looking-glass")), xauth("k3y", null), PeerConfig.ExchangeMode.MAIN);
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty(), w.a.dump() + "\n--\n" + w.b.dump());
        assertTrue(w.b.daemon.lastFailure("client").orElse("").contains("xauth user alice gave a wrong password"), w.b.dump());
        assertTrue(w.a.daemon.lastFailure("server").orElse("").contains("refused user alice"), w.a.dump());
        assertTrue(w.a.daemon.activePeers().isEmpty() && w.b.daemon.activePeers().isEmpty(), "both ISAKMP SAs are gone");
    }

    @Test void anUnknownUserIsRefused() {
        BackToBack w = run(xauth("k3y", new XauthCredentials("mallory", "x")), xauth("k3y", null), PeerConfig.ExchangeMode.MAIN);
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.b.daemon.lastFailure("client").orElse("").contains("xauth user mallory not found in /ip ipsec user"), w.b.dump());
    }

    @Test void aPlainPskInitiatorGetsNoProposalFromAnXauthResponder() {
        BackToBack w = run(Identity.psk("k3y"), xauth("k3y", null), PeerConfig.ExchangeMode.MAIN);
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.b.logged("no suitable proposal found"), w.b.dump());
    }

    @Test void aServerWithoutUsernameDoesNotInitiate() {
        BackToBack w = run(xauth("k3y", null), xauth("k3y", null), PeerConfig.ExchangeMode.MAIN);
        assertTrue(w.delivered.isEmpty(), "nothing sent");
        assertTrue(w.a.daemon.lastFailure("server").orElse("").contains("set passive=yes"), w.a.dump());
    }

    @Test void aClientThatNeverAnswersIsDroppedAtTimeUp() {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(v1("server", B, "10.1.101.0/24", "10.1.202.0/24", PeerConfig.ExchangeMode.MAIN, xauth("k3y", new XauthCredentials("alice", "wonderland")))));
        w.b.daemon.setPeers(List.of(v1("client", A, "10.1.202.0/24", "10.1.101.0/24", PeerConfig.ExchangeMode.MAIN, xauth("k3y", null))));
        w.b.daemon.v1().setXauthUsers(Map.of("alice", "wonderland"));
        // drop every transaction (exchange type 6, octet 18 of the ISAKMP header) going to the client
        w.drop = d -> d.destination().getAddress().equals(A) && d.data().length > 18 && d.data()[18] == 6;
        w.a.daemon.initiate("server");
        w.run();
        w.runFor(Duration.ofMinutes(3), Duration.ofSeconds(1));
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.b.daemon.lastFailure("client").orElse("").contains("XAuth client did not answer"), w.b.dump());
    }
}
