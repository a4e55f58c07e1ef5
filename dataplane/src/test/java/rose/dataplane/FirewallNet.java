package rose.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import rose.dataplane.firewall.TableProgram;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.port.Impairments;
import rose.dataplane.port.MemoryWire;

/**
 * Two hosts and a firewalling gateway on memory wires, stepped on a manual clock:
 * <pre>
 *   hostA 10.0.1.10 (mac 02:00:00:00:00:a0) -- ether1 gw ether2 -- hostB 10.0.2.10
 *   hostC 10.0.3.10 (mac 02:00:00:00:00:c0) -- ether3 gw                 (a second sender, its own subnet)
 * </pre>
 * The gateway runs the full firewall (raw, conntrack, mangle, NAT, filter) with the rules given.
 */
public final class FirewallNet {
    public static final long MAC_A = Ethernet.local(0xa0), MAC_C = Ethernet.local(0xc0);

    public final ManualClock clock = new ManualClock(1_000_000_000L);
    public final TestHost hostA = new TestHost("hostA", "10.0.1.10/24", "10.0.1.1", clock);
    public final TestHost hostB = new TestHost("hostB", "10.0.2.10/24", "10.0.2.1", clock);
    public final TestHost hostC = new TestHost("hostC", "10.0.3.10/24", "10.0.3.1", clock);
    public final Firewall firewall;
    public final Router gw;
    public final StepDriver driver;
    /** Seconds since Sunday 00:00 that the time matcher sees. */
    public int secondOfWeek = 3 * 86400 + 10 * 3600;   // Wednesday 10:00

    public FirewallNet() { this(1); }

    /** The same network with the gateway running {@code workers} dataplane workers. */
    public FirewallNet(int workers) {
        NatAddresses nat = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return Pkt.ip("10.0.2.1"); }
            @Override public int redirectAddress(int inIf) { return Pkt.ip("10.0.1.1"); }
        };
        RuleEnv env = new RuleEnv(AddressTypes.BASIC, IpsecPolicyOracle.NONE).withClock(() -> secondOfWeek);
        firewall = new Firewall(workers, new ConnTable(4096), new AddressLists(clock), env, FirewallLog.NONE, nat, i -> 1500);
        gw = new Router("gw", RouterOptions.DEFAULT.withClock(clock).withBuffers(2048).withHooks(firewall.hooks()).withWorkers(workers));
        MemoryWire a = MemoryWire.connect("eth0", MAC_A, "ether1", Ethernet.local(0x11), Impairments.NONE);
        MemoryWire b = MemoryWire.connect("ether2", Ethernet.local(0x12), "eth0", Ethernet.local(0xb0), Impairments.NONE);
        MemoryWire c = MemoryWire.connect("eth0", MAC_C, "ether3", Ethernet.local(0x13), Impairments.NONE);
        hostA.router.attach("eth0", a.a());
        gw.attach("ether1", a.b());
        gw.attach("ether2", b.a());
        gw.attach("ether3", c.b());
        hostB.router.attach("eth0", b.b());
        hostC.router.attach("eth0", c.a());
        gw.apply(RouterConfig.builder().iface("ether1").iface("ether2").iface("ether3")
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.2.1/24").address("ether3", "10.0.3.1/24").build());
        driver = new StepDriver(clock, hostA.router, hostC.router, gw, hostB.router);
    }

    /** Installs the rule lines (console words) as the table's whole rule set. */
    public TableProgram rules(Table table, String... lines) { return rules(table, Map.of(), lines); }

    public TableProgram rules(Table table, Map<String, String> layer7, String... lines) {
        List<RuleSpec> specs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) specs.add(RuleSpecParser.parse(i + 1, lines[i]));
        firewall.layer7Protocols(layer7);
        return firewall.install(table, specs, resolver());
    }

    public long packets(Table table, long ruleId) { return firewall.counters(table).packets(ruleId); }

    private InterfaceResolver resolver() {
        return new InterfaceResolver() {
            @Override public int index(String name) { return gw.interfaceId(name); }
            @Override public int[] listMembers(String list) { return list.equals("none") ? new int[0] : null; }
            @Override public String name(int index) { return gw.tables().interfaces().name(index); }
        };
    }

    public void run() { driver.runUntilIdle(); }
}
