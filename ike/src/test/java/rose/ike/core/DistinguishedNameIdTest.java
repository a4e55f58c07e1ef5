package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rose.ike.config.*;

/**
 * {@code my-id=dn:...} / {@code remote-id=dn:...} with a pre-shared key, IKEv2 and IKEv1 main and
 * aggressive mode: the name goes out as ID_DER_ASN1_DN and is matched as a name (RDN spacing and
 * the case of the attribute types do not matter), a different name is refused in words.
 */
class DistinguishedNameIdTest {
    static PeerConfig peer(String name, java.net.InetAddress remote, String lan, String remoteLan, PeerConfig.ExchangeMode mode, String myId, String remoteId) {
        Identity id = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, RouterOsAlgorithms.secretBytes("k3y"), IdSpec.parse(myId), IdSpec.parse(remoteId));
        Policy pol = new Policy(IpPrefix.parse(lan), IpPrefix.parse(remoteLan), 0, 0, 0, true, null, remote, IkeV1BackToBackTest.prop("sha1", "aes-128-cbc", "PT30M", "none"));
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, mode, IkeProfile.defaults(), id, List.of(pol), true);
    }

    static BackToBack run(PeerConfig.ExchangeMode mode, String boiseAccepts) {
        BackToBack w = new BackToBack();
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.101.0/24", "10.1.202.0/24", mode, "dn:CN=seattle.example,O=Example,C=US", "dn")));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.202.0/24", "10.1.101.0/24", mode, "dn:CN=boise.example,O=Example", boiseAccepts)));
        w.a.daemon.initiate("boise");
        w.run();
        return w;
    }

    @ParameterizedTest @EnumSource(value = PeerConfig.ExchangeMode.class, names = {"IKE2", "MAIN", "AGGRESSIVE"})
    void theNamesAreSentAndMatched(PeerConfig.ExchangeMode mode) {
        BackToBack w = run(mode, "dn:cn=seattle.example, o=Example, c=US");
        assertFalse(w.a.installed.isEmpty(), w.a.dump() + "\n--\n" + w.b.dump());
        assertFalse(w.b.installed.isEmpty(), w.b.dump());
    }

    @ParameterizedTest @EnumSource(value = PeerConfig.ExchangeMode.class, names = {"IKE2", "MAIN", "AGGRESSIVE"})
    void anotherNameIsRefused(PeerConfig.ExchangeMode mode) {
        BackToBack w = run(mode, "dn:CN=portland.example,O=Example,C=US");
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty(), w.b.dump());
        String why = w.b.daemon.lastFailure("seattle").orElse("");
        assertTrue(why.contains("remote-id") && why.contains("portland.example"), why + "\n" + w.b.dump());
    }
}
