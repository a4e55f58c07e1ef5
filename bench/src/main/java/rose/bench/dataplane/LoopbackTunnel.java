package rose.bench.dataplane;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.ipsec.IpsecLoopback;
import rose.ipsec.backend.IpPrefix;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * The fixture of the IPsec node benches: one tunnel-mode SA (192.0.2.1 → 198.51.100.2, SPI
 * 0x1000, 1024-packet ESN replay window, no lifetime) with its out and in policies between
 * 10.1.0.0/16 and 10.2.0.0/16 on the dataplane's {@link IpsecLoopback}, and a UDP packet
 * 10.1.0.5 → 10.2.0.9 to send through it. Shared so that AH and ESP are measured on the same
 * set-up and their scores compare.
 */
final class LoopbackTunnel {
    private LoopbackTunnel() {}

    /** The loopback with the SA ({@code proto}, transform {@code t}, keys {@code ek}/{@code ak}) and its policies, checked to deliver {@code inner}. */
    static IpsecLoopback open(IpsecProtocol proto, Transform t, byte[] ek, byte[] ak, byte[] inner) throws Exception {
        InetAddress left = InetAddress.getByName("192.0.2.1"), right = InetAddress.getByName("198.51.100.2");
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(CryptoEngines.standard(), System::nanoTime);
        b.addSa(new SaParams(new SaId(0x1000, right, proto), left, SaMode.TUNNEL, t, ek, ak, Optional.empty(),
                1024, true, Lifetime.UNLIMITED, 1, 0, Optional.empty()));
        Selector s = Selector.between(new IpPrefix(InetAddress.getByName("10.1.0.0"), 16), new IpPrefix(InetAddress.getByName("10.2.0.0"), 16));
        Template tpl = new Template(proto, SaMode.TUNNEL, Optional.of(left), Optional.of(right), 1, PolicyLevel.REQUIRE);
        b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        IpsecLoopback loop = new IpsecLoopback(b);
        loop.run(inner, 1);       // a bench that drops everything would measure the drop path
        if (loop.delivered() != 1) throw new IllegalStateException("loopback does not deliver: " + loop.drops());
        return loop;
    }

    /** An IPv4 UDP packet of {@code size} octets, 10.1.0.5 → 10.2.0.9, TTL 64, zero payload. */
    static byte[] udpPacket(int size) {
        byte[] inner = new byte[size];
        inner[0] = 0x45;
        inner[2] = (byte) (size >>> 8);
        inner[3] = (byte) size;
        inner[8] = 64;
        inner[9] = 17;
        inner[12] = 10; inner[13] = 1; inner[14] = 0; inner[15] = 5;
        inner[16] = 10; inner[17] = 2; inner[18] = 0; inner[19] = 9;
        return inner;
    }
}
