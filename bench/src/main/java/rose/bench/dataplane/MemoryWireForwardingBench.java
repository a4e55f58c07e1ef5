package rose.bench.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.AddressLists;
import rose.dataplane.firewall.AddressTypes;
import rose.dataplane.firewall.Firewall;
import rose.dataplane.firewall.FirewallLog;
import rose.dataplane.firewall.InterfaceResolver;
import rose.dataplane.firewall.IpsecPolicyOracle;
import rose.dataplane.firewall.RuleEnv;
import rose.dataplane.firewall.RuleSpec;
import rose.dataplane.firewall.RuleSpecParser;
import rose.dataplane.firewall.Table;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;

/**
 * Forwarding at 64 B between two memory wires, as routers in the lab see it: per
 * operation a feeder puts 256 frames on the input wire, the router forwards them, and a
 * sink takes them off the output wire. Includes both wire copies and locks, so it is
 * the lab's figure; {@link ForwardingBench} is the graph alone.
 *
 * <p>{@code rules}: {@code none} forwards without a firewall; a number runs the whole firewall
 * (conntrack, raw, mangle, NAT, filter) with that many filter forward rules, a defconf-like head
 * and port rules that do not match the traffic, so every packet walks them (issue 4's goal: at
 * least 5 Mpps per core with 25 rules).
 *
 * Run: java -jar bench/target/benchmarks.jar MemoryWireForwardingBench -f 1 -wi 2 -i 4
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemoryWireForwardingBench {
    @Param({"none", "0", "25", "10000"})
    public String rules;

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
        Firewall firewall = rules.equals("none") ? null : firewall();
        RouterOptions options = RouterOptions.DEFAULT.withBuffers(4096);
        router = new Router("bench", firewall == null ? options : options.withHooks(firewall.hooks()));
        router.attach("ether1", in.a());
        router.attach("ether2", out.a());
        router.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.0.0.1/24").address("ether2", "10.0.1.1/24")
                .arp(new ArpConfig("ether2", Ip4Address.parse("10.0.1.2"), ForwardingFixture.PEER_MAC)).build());
        if (firewall != null) firewall.install(Table.FILTER, filterRules(Integer.parseInt(rules)), resolver());
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

    private static Firewall firewall() {
        NatAddresses nat = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return 0; }
            @Override public int redirectAddress(int inIf) { return 0; }
        };
        return new Firewall(1, new ConnTable(1 << 16), new AddressLists(), new RuleEnv(AddressTypes.BASIC, IpsecPolicyOracle.NONE),
                FirewallLog.NONE, nat, i -> 1500);
    }

    /** As FirewallBench: accept ipsec, drop invalid, non-matching port rules, accept established last. */
    private static List<RuleSpec> filterRules(int n) {
        List<RuleSpec> specs = new ArrayList<>();
        if (n == 0) return specs;
        long id = 1;
        specs.add(RuleSpecParser.parse(id++, "chain=forward action=accept ipsec-policy=in,ipsec"));
        specs.add(RuleSpecParser.parse(id++, "chain=forward action=drop connection-state=invalid"));
        for (int i = 0; i < n - 3; i++)
            specs.add(RuleSpecParser.parse(id++, "chain=forward action=drop protocol=" + (i % 2 == 0 ? "tcp" : "udp")
                    + " dst-port=" + (10000 + i) + " src-address=10.99.0.0/16"));
        specs.add(RuleSpecParser.parse(id++, "chain=forward action=accept connection-state=established,related,new"));
        return specs;
    }

    private InterfaceResolver resolver() {
        return new InterfaceResolver() {
            @Override public int index(String name) { return router.interfaceId(name); }
            @Override public int[] listMembers(String list) { return null; }
            @Override public String name(int index) { return router.tables().interfaces().name(index); }
        };
    }
}
