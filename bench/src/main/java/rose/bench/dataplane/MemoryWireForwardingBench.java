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
import org.openjdk.jmh.annotations.Warmup;

import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;

/**
 * Forwarding at 64 B between two memory wires, as routers in the lab see it: per
 * operation a feeder puts 256 frames on the input wire, the router forwards them, and a
 * sink takes them off the output wire. Includes both wire copies and locks, so it is
 * the lab's figure; {@link ForwardingBench} is the graph alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemoryWireForwardingBench {
    private Router router;
    private MemoryWire in;
    private MemoryWire out;
    private final PacketPool feeder = new PacketPool(256, 256, 64);
    private final PacketPool sink = new PacketPool(512, 256, 64);
    private final int[] frames = new int[256];
    private final PacketVector drained = new PacketVector();

    @Setup(Level.Trial)
    public void setup() {
        in = MemoryWire.connect("ether1", ForwardingFixture.IN_MAC, "feeder", Ethernet.local(0x99));
        out = MemoryWire.connect("ether2", ForwardingFixture.OUT_MAC, "sink", ForwardingFixture.PEER_MAC);
        router = new Router("bench", RouterOptions.DEFAULT.withBuffers(4096));
        router.attach("ether1", in.a());
        router.attach("ether2", out.a());
        router.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.0.0.1/24").address("ether2", "10.0.1.1/24")
                .arp(new ArpConfig("ether2", Ip4Address.parse("10.0.1.2"), ForwardingFixture.PEER_MAC)).build());
        router.poll();
        byte[] f = ForwardingFixture.frame64();
        for (int i = 0; i < frames.length; i++) frames[i] = feeder.allocCopy(f, 0, f.length);
        int n = forward64();
        if (n != 256 || out.b().stats().rxPackets() != 256)
            throw new IllegalStateException("fixture does not forward: polled " + n + ", out " + out.b().stats()
                    + ", in " + in.a().stats() + ", drops " + router.counters().nonZeroDrops());
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public int forward64() {
        in.b().transmit(feeder, frames, frames.length, 0);
        int n = router.poll();
        drained.clear();
        out.b().receive(sink, drained, System.nanoTime()); // frames are stamped with the router's clock
        for (int i = 0; i < drained.size(); i++) sink.free(drained.handle(i));
        return n;
    }
}
