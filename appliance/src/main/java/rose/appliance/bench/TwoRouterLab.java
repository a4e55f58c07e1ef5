package rose.appliance.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.ArpConfig;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.GeneratorPort;
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
 * Two routers on a memory wire, as MikroTik tests a board: a generator on left's ether1 sends
 * 10.1.0.5 -> 10.2.k.9 ({@code k} = tunnel), left routes 10.2.0.0/16 to right over ether2 and its
 * policies encrypt each /24 into its own tunnel-mode SA; right decrypts, checks its IN policy and
 * forwards to a sink on its ether1, which counts. Static ARP everywhere, fixed keys (IKE is not
 * measured); both routers are stepped in turn on one thread.
 */
final class TwoRouterLab {
    private static final long GEN_MAC = Ethernet.local(0x51), LEFT1 = Ethernet.local(0x11), LEFT2 = Ethernet.local(0x12),
            RIGHT2 = Ethernet.local(0x22), RIGHT1 = Ethernet.local(0x21), SINK_MAC = Ethernet.local(0x61);

    private final Router left, right;
    private final GeneratorPort sink;

    TwoRouterLab(Transform t, int tunnels, int size, CryptoEngines engines) throws IpsecBackendException {
        DataplaneIpsecBackend lb = new DataplaneIpsecBackend(engines, System::nanoTime);
        DataplaneIpsecBackend rb = new DataplaneIpsecBackend(engines, System::nanoTime);
        left = new Router("left", RouterOptions.DEFAULT.withHooks(lb.hooks(FlowHooks.NONE)).withBuffers(4096));
        right = new Router("right", RouterOptions.DEFAULT.withHooks(rb.hooks(FlowHooks.NONE)).withBuffers(4096));
        lb.bind(left);
        rb.bind(right);
        byte[][] frames = new byte[tunnels][];
        for (int k = 0; k < tunnels; k++) frames[k] = frame(size, k);
        MemoryPorts.WireEnd[] wire = MemoryPorts.WireEnd.pair("ether2", LEFT2, "ether2", RIGHT2);
        sink = GeneratorPort.sink("ether1", RIGHT1);
        left.attach("ether1", new GeneratorPort("ether1", LEFT1, frames, 64));
        left.attach("ether2", wire[0]);
        right.attach("ether2", wire[1]);
        right.attach("ether1", sink);
        left.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.1.0.1/16").address("ether2", "192.0.2.1/24")
                .route(RouteConfig.via("10.2.0.0/16", "192.0.2.2"))
                .arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.2"), RIGHT2))
                .arp(new ArpConfig("ether1", Ip4Address.parse("10.1.0.5"), GEN_MAC)).build());
        RouterConfig.Builder rc = RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.2.0.1/16").address("ether2", "192.0.2.2/24")
                .arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.1"), LEFT2));
        for (int k = 0; k < tunnels; k++) rc.arp(new ArpConfig("ether1", Ip4Address.parse("10.2." + k + ".9"), SINK_MAC));
        right.apply(rc.build());

        InetAddress l = EspLoopbackLab.ip("192.0.2.1"), r = EspLoopbackLab.ip("192.0.2.2");
        for (int k = 0; k < tunnels; k++) {
            byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
            for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1 + k);
            for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7 + k);
            int reqId = k + 1;
            SaParams sa = new SaParams(new SaId(0x1000 + k, r, IpsecProtocol.ESP), l, SaMode.TUNNEL, t, ek, ak, Optional.empty(),
                    1024, true, Lifetime.UNLIMITED, reqId, 0, Optional.empty());
            lb.addSa(sa);
            rb.addSa(sa);
            Selector s = Selector.between(new IpPrefix(EspLoopbackLab.ip("10.1.0.0"), 16), new IpPrefix(EspLoopbackLab.ip("10.2." + k + ".0"), 24));
            Template tpl = Template.tunnel(l, r, reqId, PolicyLevel.REQUIRE);
            lb.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
            rb.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        }
        left.poll();
        right.poll();
    }

    /** One step of each router; returns the packets the sink has counted so far. */
    long step() {
        left.poll();
        right.poll();
        return sink.transmitted();
    }

    java.util.Map<String, Long> drops() {
        java.util.Map<String, Long> d = new java.util.TreeMap<>();
        left.counters().nonZeroDrops().forEach((k, v) -> d.put("left " + k, v));
        right.counters().nonZeroDrops().forEach((k, v) -> d.put("right " + k, v));
        return d;
    }

    /** Ethernet + IPv4/UDP, {@code size} bytes of IP, 10.1.0.5 -> 10.2.k.9, to left's ether1. */
    static byte[] frame(int size, int k) {
        byte[] f = new byte[14 + size];
        Bytes.put48(f, 0, LEFT1);
        Bytes.put48(f, 6, GEN_MAC);
        Bytes.put16(f, 12, Ethernet.TYPE_IP4);
        Bytes.put16(f, 14 + 20, 1234);
        Bytes.put16(f, 14 + 22, 5678);
        Bytes.put16(f, 14 + 24, size - 20);
        Ip4.writeHeader(f, 14, size, 1, 0, 64, Ip4.PROTO_UDP, Ip4Address.parse("10.1.0.5"), Ip4Address.parse("10.2." + k + ".9"));
        return f;
    }
}
