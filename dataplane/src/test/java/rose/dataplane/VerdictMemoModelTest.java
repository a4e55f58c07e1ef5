package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.AddressLists;
import rose.dataplane.firewall.Firewall;
import rose.dataplane.firewall.FirewallLog;
import rose.dataplane.firewall.InterfaceResolver;
import rose.dataplane.firewall.Ipv4Range;
import rose.dataplane.firewall.RuleEnv;
import rose.dataplane.firewall.RuleSpec;
import rose.dataplane.firewall.RuleSpecParser;
import rose.dataplane.firewall.Table;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.port.MemoryWire;

/**
 * The filter's verdict memo against the walk it remembers: two identical routers, one
 * remembering walks per connection and one walking every packet, are given the same random
 * packets (both directions of a dozen TCP/UDP flows, ICMP, truncated headers, fragments, varying
 * DSCP, TTL and size) under the same random rule sets, with mangle marking packets and
 * connections, NAT on some flows, address lists filled as packets pass, and every rule table
 * replaced mid-stream. Every frame either router sends, every drop counter and every filter
 * rule's packet and byte counters must be equal, and the memo must have answered most packets.
 */
class VerdictMemoModelTest {
    private static final String[] A_SIDE = {"10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"};
    private static final String[] B_SIDE = {"10.0.1.2", "10.0.1.3", "10.0.1.5", "10.9.0.7"};
    private static final int[] PORTS = {53, 80, 443, 5060, 1234};

    /** Rules whose walk may be remembered (flow-constant) and rules that make it unrememberable. */
    private static final String[] FILTER = {
            "chain=forward action=accept connection-state=established,related",
            "chain=forward action=drop connection-state=invalid",
            "chain=forward action=drop protocol=udp dst-port=%P",
            "chain=forward action=reject reject-with=tcp-reset protocol=tcp dst-port=%P",
            "chain=forward action=reject reject-with=icmp-admin-prohibited protocol=udp src-port=%P",
            "chain=forward action=accept src-address=%A/31",
            "chain=forward action=drop dst-address=%B",
            "chain=forward action=accept in-interface=ether1 protocol=tcp",
            "chain=forward action=drop out-interface=ether1 connection-state=new",
            "chain=forward action=jump jump-target=sub protocol=udp",
            "chain=forward action=jump jump-target=sub protocol=tcp src-port=%P",
            "chain=sub action=return dst-port=%P",
            "chain=sub action=drop src-port=%P",
            "chain=sub action=passthrough",
            "chain=sub action=accept connection-state=new",
            "chain=forward action=passthrough connection-nat-state=dstnat",
            "chain=forward action=drop connection-nat-state=srcnat protocol=udp",
            "chain=forward action=drop connection-mark=m1",
            "chain=forward action=accept packet-mark=p1",
            "chain=forward action=drop ipsec-policy=in,ipsec",
            "chain=forward action=tarpit protocol=tcp dst-port=%P",
            "chain=forward action=drop packet-size=100-200",
            "chain=forward action=accept ttl=equal:62",
            "chain=forward action=drop protocol=tcp tcp-flags=syn,!ack dst-port=%P",
            "chain=forward action=drop src-address-list=bad",
            "chain=forward action=add-src-to-address-list address-list=bad address-list-timeout=2s protocol=udp dst-port=%P",
            "chain=forward action=accept limit=2/1s,3:packet",
            "chain=forward action=passthrough log=yes protocol=udp",
            "chain=forward action=drop nth=3,1 protocol=tcp",
            "chain=forward action=accept dscp=10",
            "chain=forward action=drop dst-address-type=local",
    };
    private static final String[] MANGLE = {
            "chain=prerouting action=mark-connection new-connection-mark=m1 passthrough=yes protocol=udp dst-port=%P connection-state=new",
            "chain=prerouting action=mark-packet new-packet-mark=p1 passthrough=yes dscp=10",
            "chain=forward action=mark-packet new-packet-mark=p1 passthrough=yes protocol=tcp src-port=%P",
    };
    private static final String[] NAT = {
            "chain=dstnat action=dst-nat to-addresses=10.0.1.5 protocol=tcp dst-port=%P in-interface=ether1",
            "chain=srcnat action=masquerade out-interface=ether2 protocol=udp",
    };

    private static final long PROBE_MAC = Ethernet.local(0x61), SINK_MAC = Ethernet.local(0x62);

    /** One router on its own clock: ether1 towards the A side, ether2 towards the B side. */
    private static final class Gw {
        final ManualClock clock = new ManualClock(1_000_000_000L);
        final Firewall fw;
        final Router r;
        final MemoryWire a = MemoryWire.connect("ether1", Ethernet.local(0x51), "probe", PROBE_MAC);
        final MemoryWire b = MemoryWire.connect("ether2", Ethernet.local(0x52), "sink", SINK_MAC);
        final PacketPool pool = new PacketPool(64, 2176, 128);

        Gw(boolean memo) {
            NatAddresses nat = new NatAddresses() {
                @Override public int masqueradeAddress(int outIf, int dst) { return Pkt.ip("10.0.1.1"); }
                @Override public int redirectAddress(int inIf) { return Pkt.ip("10.0.0.1"); }
            };
            fw = new Firewall(1, new ConnTable(4096), new AddressLists(clock), RuleEnv.DEFAULT, FirewallLog.NONE, nat, i -> 1500)
                    .verdictMemo(memo);
            r = new Router("gw", RouterOptions.DEFAULT.withClock(clock).withBuffers(1024).withHooks(fw.hooks()));
            r.attach("ether1", a.a());
            r.attach("ether2", b.a());
            RouterConfig.Builder c = RouterConfig.builder().iface("ether1").iface("ether2")
                    .address("ether1", "10.0.0.1/24").address("ether2", "10.0.1.1/24")
                    .route(RouteConfig.via("0.0.0.0/0", "10.0.1.2"));
            for (String h : A_SIDE) c.arp(new ArpConfig("ether1", Ip4Address.parse(h), PROBE_MAC));
            for (String h : B_SIDE) if (h.startsWith("10.0.1.")) c.arp(new ArpConfig("ether2", Ip4Address.parse(h), SINK_MAC));
            r.apply(c.build());
            r.poll();
        }

        void install(Table t, List<String> lines) {
            List<RuleSpec> specs = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) specs.add(RuleSpecParser.parse(ruleId(t, i), lines.get(i)));
            fw.install(t, specs, new InterfaceResolver() {
                @Override public int index(String name) { return r.interfaceId(name); }
                @Override public int[] listMembers(String list) { return null; }
                @Override public String name(int index) { return r.tables().interfaces().name(index); }
            });
        }

        /** Sends one frame in from the A side (ether1) or the B side (ether2) and forwards it. */
        void send(byte[] ip, boolean fromA) {
            MemoryWire w = fromA ? a : b;
            byte[] f = new byte[14 + ip.length];
            Bytes.put48(f, 0, fromA ? Ethernet.local(0x51) : Ethernet.local(0x52));
            Bytes.put48(f, 6, fromA ? PROBE_MAC : SINK_MAC);
            Bytes.put16(f, 12, Ethernet.TYPE_IP4);
            System.arraycopy(ip, 0, f, 14, ip.length);
            int h = pool.allocCopy(f, 0, f.length);
            w.b().transmit(pool, new int[] {h}, 1, clock.now());
            pool.free(h);
            r.poll();
        }

        /** Every frame the router sent since the last call, both ports, in order. */
        List<byte[]> drain() {
            List<byte[]> out = new ArrayList<>();
            PacketVector v = new PacketVector();
            for (MemoryWire w : new MemoryWire[] {a, b}) {
                do {
                    v.clear();
                    w.b().receive(pool, v, clock.now());
                    for (int i = 0; i < v.size(); i++) {
                        int h = v.handle(i);
                        int s = pool.meta().start(h);
                        out.add(java.util.Arrays.copyOfRange(pool.arena(), s, s + pool.meta().length(h)));
                        pool.free(h);
                    }
                } while (v.size() > 0);
            }
            return out;
        }
    }

    private static long ruleId(Table t, int i) { return t.ordinal() * 1000L + i + 1; }

    @Test
    void rememberedWalksGiveTheWalksVerdictsFramesAndCounters() {
        SplittableRandom rnd = new SplittableRandom(20261123);
        Gw walk = new Gw(false), memo = new Gw(true);
        List<String> filter = List.of();
        int packets = 0, sent = 0, rulesets = 0;
        for (int round = 0; round < 60; round++) {
            // a new rule set, or an edit of the current one: every table replaced, as the reconciler does
            if (round % 3 == 0 || filter.isEmpty()) filter = pick(rnd, FILTER, 3 + rnd.nextInt(10));
            else filter = edit(rnd, filter);
            List<String> mangle = pick(rnd, MANGLE, rnd.nextInt(3)), nat = pick(rnd, NAT, rnd.nextInt(3));
            for (Gw g : new Gw[] {walk, memo}) { g.install(Table.FILTER, filter); g.install(Table.MANGLE, mangle); g.install(Table.NAT, nat); }
            rulesets++;
            if (round % 7 == 3)   // an address list changed by the control plane, between packets
                for (Gw g : new Gw[] {walk, memo}) g.fw.addressLists().list("bad").addConfigured(Ipv4Range.of(Pkt.ip(A_SIDE[round % 4])), null);
            for (int k = 0; k < 400; k++) {
                boolean fromA = rnd.nextInt(3) != 0;
                byte[] ip = packet(rnd, fromA);
                walk.send(ip.clone(), fromA);
                memo.send(ip.clone(), fromA);
                packets++;
                if (rnd.nextInt(50) == 0) { walk.clock.advance(700_000_000L); memo.clock.advance(700_000_000L); }
                List<byte[]> ow = walk.drain(), om = memo.drain();
                assertEquals(ow.size(), om.size(), "frames out after packet " + packets + " under " + filter);
                for (int i = 0; i < ow.size(); i++) assertArrayEquals(ow.get(i), om.get(i), "frame " + i + " after packet " + packets);
                sent += ow.size();
            }
            assertEquals(walk.r.counters().nonZeroDrops(), memo.r.counters().nonZeroDrops(), "drops after round " + round);
            for (int i = 0; i < filter.size(); i++) {
                long id = ruleId(Table.FILTER, i);
                assertEquals(walk.fw.counters(Table.FILTER).packets(id), memo.fw.counters(Table.FILTER).packets(id), filter.get(i) + " packets");
                assertEquals(walk.fw.counters(Table.FILTER).bytes(id), memo.fw.counters(Table.FILTER).bytes(id), filter.get(i) + " bytes");
            }
        }
        assertEquals(0, walk.fw.verdictMemoHits(), "the reference walks every packet");
        long hits = memo.fw.verdictMemoHits();
        assertTrue(hits > packets / 5, "the memo answered " + hits + " of " + packets + " packets");
        assertTrue(sent > packets / 4 && sent < packets, "some packets forwarded, some dropped: " + sent + " of " + packets);
        assertTrue(rulesets == 60);
    }

    /** {@code n} templates with their placeholders filled. */
    private static List<String> pick(SplittableRandom rnd, String[] pool, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(fill(rnd, pool[rnd.nextInt(pool.length)]));
        return out;
    }

    /** The rule set with one rule removed, added or replaced (a console edit). */
    private static List<String> edit(SplittableRandom rnd, List<String> rules) {
        List<String> out = new ArrayList<>(rules);
        int at = rnd.nextInt(out.size());
        switch (rnd.nextInt(3)) {
            case 0: if (out.size() > 1) out.remove(at); break;
            case 1: out.add(at, fill(rnd, FILTER[rnd.nextInt(FILTER.length)])); break;
            default: out.set(at, fill(rnd, FILTER[rnd.nextInt(FILTER.length)]));
        }
        return out;
    }

    private static String fill(SplittableRandom rnd, String t) {
        return t.replace("%P", Integer.toString(PORTS[rnd.nextInt(PORTS.length)]))
                .replace("%A", A_SIDE[rnd.nextInt(A_SIDE.length)]).replace("%B", B_SIDE[rnd.nextInt(B_SIDE.length)]);
    }

    /**
     * One of a dozen flows (A side host and port to B side host and port), in either direction;
     * mostly plain, sometimes with another DSCP, TTL or size, as ICMP, truncated or a fragment.
     */
    private static byte[] packet(SplittableRandom rnd, boolean fromA) {
        int flow = rnd.nextInt(12);
        String a = A_SIDE[flow % 4], b = B_SIDE[(flow / 4) % 4];
        int aPort = 40000 + flow, bPort = PORTS[flow % PORTS.length];
        String src = fromA ? a : b, dst = fromA ? b : a;
        int sport = fromA ? aPort : bPort, dport = fromA ? bPort : aPort;
        int kind = rnd.nextInt(20);
        byte[] p;
        if (kind == 0) {
            p = Pkt.echo(src, dst, flow, rnd.nextInt(5), 64, 64, false);
        } else if (flow % 3 == 0) {
            int flags = kind < 3 ? 0x02 : kind == 3 ? 0x12 : kind == 4 ? 0x04 : kind == 5 ? 0x11 : 0x10;
            p = Pkt.tcp(src, dst, sport, dport, flags, rnd.nextInt(), rnd.nextInt(), new byte[rnd.nextInt(4) == 0 ? 150 : 10]);
        } else {
            p = Pkt.udp(src, dst, sport, dport, new byte[rnd.nextInt(4) == 0 ? 120 : 18]);
        }
        if (kind == 7) p[1] = (byte) (10 << 2);                         // dscp 10
        if (kind == 8) p[8] = 63;                                       // ttl 63 (62 after forwarding)
        if (kind == 9 && p.length > 30) {                               // truncated: total length cuts the L4 header
            Bytes.put16(p, 2, 22);
            p = java.util.Arrays.copyOf(p, 22);
        }
        if (kind == 10) Bytes.put16(p, 6, 0x2000);                      // first fragment (more fragments)
        if (kind == 11) Bytes.put16(p, 6, 3);                           // a later fragment
        Ip4.setChecksum(p, 0);
        return p;
    }
}
