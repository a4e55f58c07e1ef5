package rose.bench.dataplane;

import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.GeneratorPort;

/**
 * A router forwarding 64-byte frames (60 without FCS: IPv4 + UDP) from ether1
 * (10.0.0.1/24) to a static-ARP neighbour on ether2 (10.0.1.2). Benchmarks of the
 * firewall reuse it with their own {@link FlowHooks}.
 */
public final class ForwardingFixture {
    public static final long IN_MAC = Ethernet.local(0x10);
    public static final long OUT_MAC = Ethernet.local(0x20);
    public static final long PEER_MAC = Ethernet.local(0x30);

    public final Router router;
    public final GeneratorPort in;
    public final GeneratorPort out;

    public ForwardingFixture(FlowHooks hooks, RouterConfig.Builder extra) {
        router = new Router("bench", RouterOptions.DEFAULT.withHooks(hooks).withBuffers(4096));
        in = new GeneratorPort("ether1", IN_MAC, frame64(), 256);
        out = GeneratorPort.sink("ether2", OUT_MAC);
        router.attach("ether1", in);
        router.attach("ether2", out);
        router.apply(extra.iface("ether1").iface("ether2")
                .address("ether1", "10.0.0.1/24").address("ether2", "10.0.1.1/24")
                .arp(new ArpConfig("ether2", Ip4Address.parse("10.0.1.2"), PEER_MAC)).build());
        router.poll(); // pick up static ARP
    }

    public ForwardingFixture() { this(FlowHooks.NONE, RouterConfig.builder()); }

    /** 60-byte frame: Ethernet + IPv4 (46) with UDP 1234 -> 5678, 10.0.0.2 -> 10.0.1.2. */
    public static byte[] frame64() {
        byte[] f = new byte[60];
        Bytes.put48(f, 0, IN_MAC);
        Bytes.put48(f, 6, Ethernet.local(0x99));
        Bytes.put16(f, 12, Ethernet.TYPE_IP4);
        Bytes.put16(f, 14 + 20, 1234);
        Bytes.put16(f, 14 + 22, 5678);
        Bytes.put16(f, 14 + 24, 26);
        Ip4.writeHeader(f, 14, 46, 1, 0, 64, Ip4.PROTO_UDP, Ip4Address.parse("10.0.0.2"), Ip4Address.parse("10.0.1.2"));
        return f;
    }
}
