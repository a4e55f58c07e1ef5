package rose.bench.dataplane;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets per second per core through the graph, IPv4 forwarding only, 64-byte frames,
 * one batch of 256 per operation: ethernet-input, ip4-input, ip4-lookup, ip4-forward,
 * ip4-rewrite, interface-output. Throughput is reported in packets per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardingBench {
    private ForwardingFixture fx;

    @Setup(Level.Trial)
    public void setup() {
        fx = new ForwardingFixture();
        fx.router.poll();
        if (fx.out.transmitted() == 0) throw new IllegalStateException("fixture does not forward: " + fx.router.counters().nonZeroDrops());
    }

    @TearDown(Level.Trial)
    public void check() {
        if (!fx.router.counters().nonZeroDrops().isEmpty())
            throw new IllegalStateException("drops while forwarding: " + fx.router.counters().nonZeroDrops());
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public int forward64() {
        return fx.router.poll();
    }
}
