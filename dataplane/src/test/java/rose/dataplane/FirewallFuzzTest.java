package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.AddressLists;
import rose.dataplane.firewall.Firewall;
import rose.dataplane.firewall.FirewallLog;
import rose.dataplane.firewall.InterfaceResolver;
import rose.dataplane.firewall.RuleEnv;
import rose.dataplane.firewall.RuleSpec;
import rose.dataplane.firewall.RuleSpecParser;
import rose.dataplane.firewall.Table;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.port.MemoryWire;

/**
 * Mutated TCP/UDP/ICMP datagrams through a router whose firewall uses every payload and header
 * connection matcher (content, layer7, psd, per-connection-classifier, connection-bytes/-rate/
 * -limit, src-mac-address, time, tls-host, ipv4-options, tos, priorities) and both kinds of reject: the parsers behind them (the L4
 * payload offset, the TCP header the reset is built from) never throw and never leak a buffer.
 */
class FirewallFuzzTest {
    @Test
    void mutatedDatagramsThroughEveryPayloadMatcherAndRejectNeverThrowOrLeak() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        NatAddresses nat = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return Pkt.ip("10.0.1.1"); }
            @Override public int redirectAddress(int inIf) { return Pkt.ip("10.0.0.1"); }
        };
        Firewall fw = new Firewall(1, new ConnTable(1024), new AddressLists(clock), RuleEnv.DEFAULT.withClock(() -> 40_000),
                FirewallLog.NONE, nat, i -> 1500);
        Router r = new Router("fuzz", RouterOptions.DEFAULT.withClock(clock).withBuffers(512).withHooks(fw.hooks()));
        ProbedRouter net = new ProbedRouter(r);
        long mac = net.mac;
        MemoryWire w = net.probe;
        InterfaceResolver ifs = new InterfaceResolver() {
            @Override public int index(String name) { return r.interfaceId(name); }
            @Override public int[] listMembers(String list) { return null; }
            @Override public String name(int index) { return "ether" + (index + 1); }
        };
        String[] lines = {
            "chain=forward action=passthrough src-mac-address=02:00:00:00:00:02 time=0s-1d",
            "chain=forward action=passthrough per-connection-classifier=both-addresses-and-ports:3/1",
            "chain=forward action=passthrough connection-bytes=100-0 connection-rate=1k-0",
            "chain=forward action=passthrough connection-state=new connection-limit=50,24",
            "chain=forward action=passthrough psd=21,3s,3,1",
            "chain=forward action=drop layer7-protocol=http",
            "chain=forward action=passthrough protocol=tcp tls-host=*.example.com",
            "chain=forward action=passthrough ipv4-options=none tos=0/3 priority=0 ingress-priority=!63",
            "chain=forward action=reject reject-with=tcp-reset protocol=tcp content=GET",
            "chain=forward action=reject reject-with=icmp-admin-prohibited protocol=udp content=x",
            "chain=input action=reject reject-with=tcp-reset protocol=tcp",
        };
        List<RuleSpec> specs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) specs.add(RuleSpecParser.parse(i + 1, lines[i]));
        fw.layer7Protocols(Map.of("http", "^(get|post) /"));
        fw.install(Table.FILTER, specs, ifs);

        PacketPool probe = new PacketPool(64, 2176, 128);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] f = frame(mac, seed(rnd));
            int flips = rnd.nextInt(4);
            for (int k = 0; k < flips; k++) f[14 + rnd.nextInt(f.length - 14)] = (byte) rnd.nextInt(256);
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            int h = probe.allocCopy(f, 0, len);
            w.b().transmit(probe, new int[] {h}, 1, clock.now());
            probe.free(h);
            r.poll();
            if (i % 100 == 0) { clock.advance(50_000_000L); net.drain(probe, clock.now()); }
        }
        clock.advance(40_000_000_000L);
        r.poll();
        clock.advance(40_000_000_000L);
        r.poll();
        net.drain(probe, clock.now());
        assertEquals(512, r.freeBuffers(), "no buffer leaked: " + r.counters().nonZeroDrops());
        assertEquals(0, r.counters().drops("graph", "no-next"));
        // the paths under test really ran
        assertTrue(r.counters().packets("ip4-tcp-reset") > 100, "resets built: " + r.counters().packets("ip4-tcp-reset"));
        for (long rule = 1; rule <= 9; rule++) assertTrue(fw.counters(Table.FILTER).packets(rule) > 0, "rule " + rule + " matched");
    }

    private static byte[] seed(SplittableRandom rnd) {
        String src = "10.0.0." + (2 + rnd.nextInt(8)), dst = rnd.nextInt(5) == 0 ? "10.0.0.1" : "10.9.0." + rnd.nextInt(4);
        int kind = rnd.nextInt(3);
        byte[] payload = kind == 2 ? rose.dataplane.firewall.ClientHellos.withSni("www.example.com")
                : (kind == 0 ? "GET / HTTP/1.1\r\nHost: x\r\n" : "xyz").getBytes(StandardCharsets.ISO_8859_1);
        switch (rnd.nextInt(3)) {
            case 0: return Pkt.tcp(src, dst, 1024 + rnd.nextInt(64), rnd.nextInt(2000), rnd.nextInt(256), rnd.nextLong(), rnd.nextLong(), payload);
            case 1: return Pkt.udp(src, dst, 1024 + rnd.nextInt(64), rnd.nextInt(2000), payload);
            default: return Pkt.echo(src, dst, rnd.nextInt(4), rnd.nextInt(100), 28 + rnd.nextInt(200), 64, false);
        }
    }

    private static byte[] frame(long dst, byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        Bytes.put48(f, 0, dst);
        Bytes.put48(f, 6, Ethernet.local(2));
        Bytes.put16(f, 12, Ethernet.TYPE_IP4);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }
}
