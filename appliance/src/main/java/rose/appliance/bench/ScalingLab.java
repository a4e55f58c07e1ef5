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
import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.GeneratorPort;
import rose.dataplane.port.MemoryWire;
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
 * The labs of {@code rose bench --cores}: routers running on their own worker threads (not
 * stepped), so a router with two workers can use two CPUs.
 *
 * <ul>
 *   <li>{@link #forwarding}: generator → one router (route, no firewall) → sink, {@code flows}
 *       UDP flows, so the flow hash has something to spread.</li>
 *   <li>{@link #ipsec}: generator → left (route, SPD, esp4-encrypt) → memory wire → right
 *       (esp4-decrypt, replay, IN policy, forward) → sink: one tunnel carrying {@code flows} flows.</li>
 * </ul>
 * The generator sits on the router's first port, so its frames are received by worker 0 and
 * steered from there; the figure is what reaches the sink.
 */
final class ScalingLab implements AutoCloseable {
    private static final long GEN_MAC = Ethernet.local(0x51), LEFT1 = Ethernet.local(0x11), LEFT2 = Ethernet.local(0x12),
            RIGHT2 = Ethernet.local(0x22), RIGHT1 = Ethernet.local(0x21), SINK_MAC = Ethernet.local(0x61);

    private final List<Router> routers;
    private final GeneratorPort sink;
    private final List<DataplaneIpsecBackend> backends;

    private ScalingLab(List<Router> routers, GeneratorPort sink, List<DataplaneIpsecBackend> backends) {
        this.routers = routers;
        this.sink = sink;
        this.backends = backends;
        for (Router r : routers) r.start();
    }

    static ScalingLab forwarding(int workers, int size, int flows) {
        Router r = new Router("fwd", RouterOptions.DEFAULT.withBuffers(4096).withWorkers(workers));
        GeneratorPort sink = GeneratorPort.sink("ether2", LEFT2);
        r.attach("ether1", new GeneratorPort("ether1", LEFT1, frames(size, flows), 64));
        r.attach("ether2", sink);
        r.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.1.0.1/16").address("ether2", "10.2.0.1/16")
                .arp(new ArpConfig("ether2", Ip4Address.parse("10.2.0.9"), SINK_MAC)).build());
        return new ScalingLab(List.of(r), sink, List.of());
    }

    static ScalingLab ipsec(int workers, Transform t, int size, int flows, CryptoEngines engines) throws IpsecBackendException {
        DataplaneIpsecBackend lb = new DataplaneIpsecBackend(engines, System::nanoTime);
        DataplaneIpsecBackend rb = new DataplaneIpsecBackend(engines, System::nanoTime);
        Router left = new Router("left", RouterOptions.DEFAULT.withHooks(lb.hooks(FlowHooks.NONE)).withBuffers(4096).withWorkers(workers));
        Router right = new Router("right", RouterOptions.DEFAULT.withHooks(rb.hooks(FlowHooks.NONE)).withBuffers(4096).withWorkers(workers));
        lb.bind(left);
        rb.bind(right);
        MemoryWire wire = MemoryWire.connect("ether2", LEFT2, "ether2", RIGHT2);
        GeneratorPort sink = GeneratorPort.sink("ether1", RIGHT1);
        left.attach("ether1", new GeneratorPort("ether1", LEFT1, frames(size, flows), 64));
        left.attach("ether2", wire.a());
        right.attach("ether2", wire.b());
        right.attach("ether1", sink);
        left.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.1.0.1/16").address("ether2", "192.0.2.1/24")
                .route(RouteConfig.via("10.2.0.0/16", "192.0.2.2"))
                .arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.2"), RIGHT2)).build());
        right.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.2.0.1/16").address("ether2", "192.0.2.2/24")
                .arp(new ArpConfig("ether2", Ip4Address.parse("192.0.2.1"), LEFT2))
                .arp(new ArpConfig("ether1", Ip4Address.parse("10.2.0.9"), SINK_MAC)).build());
        InetAddress l = EspLoopbackLab.ip("192.0.2.1"), r = EspLoopbackLab.ip("192.0.2.2");
        byte[] ek = new byte[t.encKeymatBytes()], ak = new byte[t.authKeymatBytes()];
        for (int i = 0; i < ek.length; i++) ek[i] = (byte) (i + 1);
        for (int i = 0; i < ak.length; i++) ak[i] = (byte) (i + 7);
        SaParams sa = new SaParams(new SaId(0x1000, r, IpsecProtocol.ESP), l, SaMode.TUNNEL, t, ek, ak, Optional.empty(),
                1024, true, Lifetime.UNLIMITED, 1, 0, Optional.empty());
        lb.addSa(sa);
        rb.addSa(sa);
        Selector s = Selector.between(new IpPrefix(EspLoopbackLab.ip("10.1.0.0"), 16), new IpPrefix(EspLoopbackLab.ip("10.2.0.0"), 16));
        Template tpl = Template.tunnel(l, r, 1, PolicyLevel.REQUIRE);
        lb.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        rb.addPolicy(new Policy(new PolicyKey(s, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 1, List.of(tpl)));
        return new ScalingLab(List.of(right, left), sink, List.of(lb, rb));
    }

    /**
     * Of the half-vectors of crypto the routers offered to another worker (encrypt on left,
     * decrypt on right), the percentage another worker ran; null without IPsec or offers.
     */
    String cryptoShare() {
        if (backends.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        String[] names = {"encrypt (left)", "decrypt (right)"};
        for (int i = 0; i < backends.size(); i++) {
            long h = backends.get(i).cryptoJobsHelped(), b = backends.get(i).cryptoJobsTakenBack();
            if (h + b == 0) continue;
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %d%% of %d", names[i], Math.round(100.0 * h / (h + b)), h + b));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Inner packets that reached the sink so far. */
    long delivered() { return sink.transmitted(); }

    java.util.Map<String, Long> drops() {
        java.util.Map<String, Long> d = new java.util.TreeMap<>();
        for (Router r : routers) r.counters().nonZeroDrops().forEach((k, v) -> d.put(r.name() + " " + k, v));
        return d;
    }

    @Override
    public void close() {
        for (Router r : routers) r.stop();
    }

    /** {@code flows} frames 10.1.0.5:(1024+f) -> 10.2.0.9:5678, {@code size} bytes of IP each. */
    static byte[][] frames(int size, int flows) {
        byte[][] f = new byte[flows][];
        for (int k = 0; k < flows; k++) {
            f[k] = TwoRouterLab.frame(size, 0);
            Bytes.put16(f[k], 14 + 20, 1024 + k);
            f[k][14 + 26] = 0;          // UDP checksum 0: none (RFC 768), valid whatever the port
            f[k][14 + 27] = 0;
            Bytes.put48(f[k], 0, LEFT1);
            Bytes.put48(f[k], 6, GEN_MAC);
        }
        return f;
    }
}
