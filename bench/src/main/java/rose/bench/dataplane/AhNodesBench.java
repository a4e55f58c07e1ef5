package rose.bench.dataplane;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

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
 * AH (RFC 4302) protect+verify of one inner packet through the dataplane's IPsec nodes
 * (SPD lookup, ah4-encrypt, ipsec4-input, ah4-decrypt with replay window and inbound policy check),
 * beside ESP with NULL encryption and the same HMAC in the same run: both authenticate only, so
 * the ratio shows what AH's mutable-field handling costs. Score: packets/µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AhNodesBench {
    static final int VECTOR = 64;

    @Param({"ah/sha1", "ah/sha256", "esp/sha256"})
    public String alg;

    @Param({"64", "512", "1400"})
    public int size;

    private IpsecLoopback loop;
    private byte[] inner;

    @Setup
    public void setup() throws Exception {
        String[] p = alg.split("/");
        IpsecProtocol proto = p[0].equals("ah") ? IpsecProtocol.AH : IpsecProtocol.ESP;
        Transform t = Transform.of("null", p[1]);
        byte[] ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7);
        InetAddress left = InetAddress.getByName("192.0.2.1"), right = InetAddress.getByName("198.51.100.2");
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(CryptoEngines.standard(), System::nanoTime);
        b.addSa(new SaParams(new SaId(0x1000, right, proto), left, SaMode.TUNNEL, t, new byte[0], ak, Optional.empty(),
                1024, true, Lifetime.UNLIMITED, 1, 0, Optional.empty()));
        Selector s = Selector.between(new IpPrefix(InetAddress.getByName("10.1.0.0"), 16), new IpPrefix(InetAddress.getByName("10.2.0.0"), 16));
        Template tpl = new Template(proto, SaMode.TUNNEL, Optional.of(left), Optional.of(right), 1, PolicyLevel.REQUIRE);
        b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        b.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        loop = new IpsecLoopback(b);
        inner = new byte[size];
        inner[0] = 0x45;
        inner[2] = (byte) (size >>> 8);
        inner[3] = (byte) size;
        inner[8] = 64;
        inner[9] = 17;
        inner[12] = 10; inner[13] = 1; inner[14] = 0; inner[15] = 5;
        inner[16] = 10; inner[17] = 2; inner[18] = 0; inner[19] = 9;
        loop.run(inner, 1);
        if (loop.delivered() != 1) throw new IllegalStateException("loopback does not deliver: " + loop.drops());
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR)
    public long nodes() {
        loop.run(inner, VECTOR);
        return loop.delivered();
    }
}
