package rose.appliance.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.ipsec.IpsecLoopback;
import rose.ipsec.backend.IpPrefix;
import rose.ipsec.backend.IpsecBackendException;
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
 * The tunnels under test: {@code n} tunnel-mode SAs between 192.0.2.1 and 198.51.100.2, each with
 * its OUT and IN policy for 10.1.0.0/16 -> 10.2.k.0/24, in the dataplane's userspace backend, and
 * the dataplane's IPsec nodes run back to back ({@link IpsecLoopback}: SPD lookup, esp4-encrypt,
 * ipsec4-input, esp4-decrypt with replay check and inbound policy check). Keys are fixed: this is a
 * throughput harness, IKE is not measured.
 */
final class EspLoopbackLab {
    static final int VECTOR = 64;

    private final IpsecLoopback loop;
    private final byte[][] inner;
    private int next;

    EspLoopbackLab(Transform t, int tunnels, int size, CryptoEngines engines) throws IpsecBackendException {
        InetAddress left = ip("192.0.2.1"), right = ip("198.51.100.2");
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(engines, System::nanoTime);
        inner = new byte[tunnels][];
        for (int k = 0; k < tunnels; k++) {
            byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
            for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1 + k);
            for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7 + k);
            int reqId = k + 1;
            b.addSa(new SaParams(new SaId(0x1000 + k, right, IpsecProtocol.ESP), left, SaMode.TUNNEL, t, ek, ak, Optional.empty(),
                    1024, true, Lifetime.UNLIMITED, reqId, 0, Optional.empty()));
            Selector s = Selector.between(new IpPrefix(ip("10.1.0.0"), 16), new IpPrefix(ip("10.2." + (k & 0xff) + ".0"), 24));
            Template tpl = Template.tunnel(left, right, reqId, PolicyLevel.REQUIRE);
            b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
            b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
            inner[k] = udp(size, k);
        }
        loop = new IpsecLoopback(b);
        loop.run(inner[0], 1);
        if (loop.delivered() != 1) throw new IllegalStateException(t + ": the tunnel does not deliver: " + loop.drops());
    }

    /** One vector through the next tunnel; returns the packets delivered so far. */
    long vector() {
        loop.run(inner[next], VECTOR);
        if (++next == inner.length) next = 0;
        return loop.delivered();
    }

    java.util.Map<String, Long> drops() { return loop.drops(); }

    /** An IPv4/UDP packet of {@code size} bytes, 10.1.0.5 -> 10.2.k.9. */
    static byte[] udp(int size, int k) {
        byte[] p = new byte[size];
        p[0] = 0x45;
        p[2] = (byte) (size >>> 8);
        p[3] = (byte) size;
        p[8] = 64;
        p[9] = 17;
        p[12] = 10; p[13] = 1; p[14] = 0; p[15] = 5;
        p[16] = 10; p[17] = 2; p[18] = (byte) k; p[19] = 9;
        return p;
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s);
        }
    }
}
