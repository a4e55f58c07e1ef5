package rose.ipsec.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rose.ipsec.crypto.Transform;

class RecordsTest {
    private static final InetAddress A = IpsecBackendContract.addr("192.0.2.1");

    @Test void reservedSpisAndBadLifetimesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SaId(255, A, IpsecProtocol.ESP));
        assertThrows(IllegalArgumentException.class, () -> Lifetime.ofSeconds(10, 5));
    }

    @Test void saParamsCheckKeysEsnAndHideKeys() {
        Transform cbc = Transform.of("aes-128-cbc", "sha1");
        SaId id = new SaId(0x1234, A, IpsecProtocol.ESP);
        assertThrows(IllegalArgumentException.class, () -> new SaParams(id, A, SaMode.TUNNEL, cbc, new byte[15], new byte[20],
                Optional.empty(), 64, false, Lifetime.UNLIMITED, 0, 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SaParams(id, A, SaMode.TUNNEL, cbc, new byte[16], new byte[20],
                Optional.empty(), 0, true, Lifetime.UNLIMITED, 0, 0, Optional.empty()));
        byte[] key = new byte[16];
        key[0] = 0x5a;
        SaParams p = new SaParams(id, A, SaMode.TUNNEL, cbc, key, new byte[20], Optional.empty(), 64, true, Lifetime.UNLIMITED, 0, 0, Optional.empty());
        key[0] = 0;
        assertTrue(p.encKeymat()[0] == 0x5a, "keys are copied in");
        assertFalse(p.toString().contains("5a"), p.toString());
    }

    @Test void prefixesAndSelectorsMatch() {
        IpPrefix p = new IpPrefix(IpsecBackendContract.addr("10.1.2.0"), 23);
        assertTrue(p.contains(IpsecBackendContract.addr("10.1.3.255")));
        assertFalse(p.contains(IpsecBackendContract.addr("10.1.4.0")));
        Selector s = new Selector(p, new IpPrefix(A, 32), 17, 0, 500);
        assertTrue(s.matches(IpsecBackendContract.addr("10.1.2.9"), A, 17, 1234, 500));
        assertFalse(s.matches(IpsecBackendContract.addr("10.1.2.9"), A, 6, 1234, 500));
    }

    @Test void encryptNeedsATemplateAndTunnelNeedsEndpoints() {
        PolicyKey k = new PolicyKey(Selector.between(IpPrefix.host(A), IpPrefix.host(A)), PolicyDirection.OUT, 0);
        assertThrows(IllegalArgumentException.class, () -> new Policy(k, PolicyAction.ENCRYPT, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Template(IpsecProtocol.ESP, SaMode.TUNNEL, Optional.empty(), Optional.of(A), 0, PolicyLevel.REQUIRE));
    }
}
