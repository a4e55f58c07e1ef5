package rose.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.*;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.conntrack.ConnTimeouts;
import rose.dataplane.firewall.*;
import rose.dataplane.ip4.Checksum;

/**
 * Packets per second through conntrack + filter forward for 64-byte UDP packets (46-byte IP
 * datagrams), with 0, 25 and 10,000 filter rules, and with a rule matching a 100,000-entry
 * address list. One invocation = one vector of 256 packets over 256 established flows, counted as
 * 256 operations, so ops/s is packets/s on one core. The graph itself (ports, lookup) is not in this figure.
 *
 * Run: java -jar bench/target/benchmarks.jar FirewallBench -f 1 -wi 3 -i 5
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FirewallBench {
    @Param({"0", "25", "10000", "addrlist100k"})
    public String rules;

    private static final int VECTOR = 256;
    private final byte[][] packets = new byte[VECTOR][];
    private final PacketFields f = new PacketFields();
    private ConnTable conns;
    private RuleEvaluator eval;
    private ChainProgram forward;
    private long now = 1_000_000_000L;

    @Setup
    public void setup() {
        conns = new ConnTable(1 << 16, 16, ConnTimeouts.DEFAULTS);
        CompileContext ctx = CompileContext.standalone();
        List<RuleSpec> specs = new ArrayList<>();
        long id = 1;
        if (rules.equals("addrlist100k")) {
            AddressList l = ctx.addressLists().list("blocked");
            for (int i = 0; i < 100_000; i++) l.addConfigured(Ipv4Range.of(0x50000000 + i * 7), null);
            specs.add(RuleSpecParser.parse(id++, "chain=forward action=drop src-address-list=blocked"));
            specs.add(RuleSpecParser.parse(id++, "chain=forward action=accept connection-state=established,related"));
        } else {
            int n = Integer.parseInt(rules);
            if (n > 0) {
                // a defconf-like head, then port rules that do not match the traffic, then accept
                specs.add(RuleSpecParser.parse(id++, "chain=forward action=accept ipsec-policy=in,ipsec"));
                specs.add(RuleSpecParser.parse(id++, "chain=forward action=drop connection-state=invalid"));
                for (int i = 0; i < n - 3; i++)
                    specs.add(RuleSpecParser.parse(id++, "chain=forward action=drop protocol=" + (i % 2 == 0 ? "tcp" : "udp")
                            + " dst-port=" + (10000 + i) + " src-address=10.99.0.0/16"));
                specs.add(RuleSpecParser.parse(id++, "chain=forward action=accept connection-state=established,related"));
            }
        }
        forward = new RuleCompiler(Table.FILTER, ctx).compile(specs).chain("forward");
        eval = new RuleEvaluator(ctx.counters(), 0, RuleEnv.DEFAULT, FirewallLog.NONE);
        for (int i = 0; i < VECTOR; i++) {
            packets[i] = udp64(0x0A000001 + i, 40000 + i, 0x08080808, 53);
            byte[] reply = udp64(0x08080808, 53, 0x0A000001 + i, 40000 + i);
            step(packets[i]);
            step(reply);   // flows are established
        }
    }

    private int step(byte[] p) {
        f.parse(p, 0, p.length);
        f.now = now;
        conns.track(f);
        return eval.evaluate(forward, f);
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR)
    public int vector() {
        int acc = 0;
        for (int i = 0; i < VECTOR; i++) acc += step(packets[i]);
        return acc;
    }

    /** 64-byte Ethernet frame = 46-byte IP datagram: 20 IP + 8 UDP + 18 payload. */
    private static byte[] udp64(int src, int sport, int dst, int dport) {
        byte[] b = new byte[46];
        b[0] = 0x45; PacketFields.put16(b, 2, 46); b[8] = 64; b[9] = 17;
        PacketFields.put32(b, 12, src); PacketFields.put32(b, 16, dst);
        PacketFields.put16(b, 10, Checksum.compute(b, 0, 20));
        PacketFields.put16(b, 20, sport); PacketFields.put16(b, 22, dport); PacketFields.put16(b, 24, 26);
        return b;
    }
}
