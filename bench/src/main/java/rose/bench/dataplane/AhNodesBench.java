package rose.bench.dataplane;

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

import rose.dataplane.ipsec.IpsecLoopback;
import rose.ipsec.backend.IpsecProtocol;
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
        inner = LoopbackTunnel.udpPacket(size);
        loop = LoopbackTunnel.open(proto, t, new byte[0], ak, inner);
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR)
    public long nodes() {
        loop.run(inner, VECTOR);
        return loop.delivered();
    }
}
