package rose.dataplane.nat;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.conntrack.ConnInfo;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.firewall.Action;
import rose.dataplane.firewall.ChainProgram;
import rose.dataplane.firewall.ConnStates;
import rose.dataplane.firewall.Firewall;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.PacketLoader;
import rose.dataplane.firewall.RuleEvaluator;
import rose.dataplane.firewall.Table;
import rose.dataplane.firewall.TableProgram;
import rose.dataplane.firewall.Verdict;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * {@code nat-dstnat} (prerouting) and {@code nat-srcnat} (postrouting).
 * <ol>
 *   <li>A connection's first packet runs the nat chain once; a NAT action binds the translation
 *       on the connection, accept or no match records "no translation" (the NAT bypass rule
 *       before masquerade works exactly like this).</li>
 *   <li>Every packet of a translated connection is rewritten from the stored tuples:
 *       dstnat changes the destination of original packets and undoes srcnat on replies;
 *       srcnat changes the source of original packets and undoes dstnat on replies.</li>
 * </ol>
 * Untracked and invalid packets are never translated. {@code endpoint-independent-nat} binds
 * through the router's mappings ({@link EndpointIndependentNat}) and keeps them alive.
 */
public final class NatNode implements Node {
    public enum Drop implements DropReason { NO_ADDRESS, NO_PORT, MALFORMED }

    private final boolean srcnat;
    private final Firewall fw;
    private final ConnTable conns;
    private final NatBinder binder;
    private final EndpointIndependentNat ein;
    private final RuleEvaluator eval;
    private final PacketFields f = new PacketFields();
    private final int[] t = new int[6];
    private TableProgram lastProgram;
    private ChainProgram lastChain;

    public NatNode(Firewall fw, boolean srcnat, NatAddresses addresses, int worker) {
        this.fw = fw;
        this.srcnat = srcnat;
        this.conns = fw.connTable();
        this.binder = new NatBinder(conns, addresses);
        this.ein = new EndpointIndependentNat(conns, addresses, fw.endpointMappings());
        this.eval = new RuleEvaluator(fw.counters(Table.NAT), worker, fw.env(), fw.log());
        if (!srcnat) eval.endpointIndependentGate(ein::opens);
    }

    @Override public String name() { return srcnat ? "nat-srcnat" : "nat-dstnat"; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        TableProgram program = fw.program(Table.NAT);
        if (program != lastProgram) {             // the by-name lookup only when a new program was installed
            lastChain = program.chain(srcnat ? "srcnat" : "dstnat");
            lastProgram = program;
        }
        ChainProgram chain = lastChain;
        PacketMeta m = ctx.meta();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            int conn = m.conn(h), info = m.connInfo(h);
            int state = ConnInfo.state(info);
            if (conn < 0 || state == ConnStates.INVALID || state == ConnStates.UNTRACKED) { v.next(i, 0); continue; }
            int nat = ConnInfo.natBits(info);
            // an expected connection (an FTP data connection, typed by its master) is new to NAT too
            boolean opening = state == ConnStates.NEW || (state == ConnStates.RELATED && ConnInfo.type(info) != 0);
            boolean first = opening && !ConnInfo.reply(info) && !conns.natDone(conn, srcnat);
            // a later packet of a new connection tracked in the same vector as its first: conntrack
            // gave it the bindings as they were then (none); take them as the first packet left them
            if (!first && nat == 0 && opening && !ConnInfo.reply(info)) nat = conns.natStateNow(conn);
            if (!first && nat == 0) { v.next(i, 0); continue; }
            if (!PacketLoader.load(ctx, h, f)) { v.drop(i, Drop.MALFORMED); continue; }
            if (first) {
                int verdict = eval.evaluate(chain, f);
                if (verdict == Verdict.NAT) {
                    boolean eim = eval.natRule().action == Action.ENDPOINT_INDEPENDENT_NAT;
                    int r = eim ? ein.bind(eval.natRule().spec, f, srcnat) : binder.bind(eval.natRule(), f, srcnat);
                    if (r == NatBinder.NO_ADDRESS) { v.drop(i, Drop.NO_ADDRESS); continue; }
                    if (r == NatBinder.NO_PORT) { v.drop(i, Drop.NO_PORT); continue; }
                    nat |= srcnat ? ConnStates.NAT_SRCNAT : ConnStates.NAT_DSTNAT;
                    if (eim) nat |= srcnat ? ConnStates.NAT_EIN_SNAT : ConnStates.NAT_EIN_DNAT;
                    m.connInfo(h, ConnInfo.withNat(info, nat));
                } else {
                    conns.markNatDone(conn, srcnat);
                }
            }
            if (nat != 0) {
                rewrite(nat, ConnInfo.reply(info), conn);
                if ((nat & ConnStates.NAT_EIN) != 0) ein.keepAlive(conn, nat, t, f.now);
            }
            v.next(i, 0);
        }
    }

    private void rewrite(int nat, boolean reply, int conn) {
        conns.tuples(conn, t);   // 0 oSrc, 1 oDst, 2 oPorts, 3 rSrc, 4 rDst, 5 rPorts
        boolean icmp = f.proto == rose.dataplane.firewall.Protocols.ICMP;
        if (!srcnat) {
            if (!reply && (nat & ConnStates.NAT_DSTNAT) != 0) NatRewrite.rewrite(f, false, t[3], icmp ? -1 : t[5] >>> 16);
            if (reply && (nat & ConnStates.NAT_SRCNAT) != 0) NatRewrite.rewrite(f, false, t[0], icmp ? t[2] : t[2] >>> 16);
        } else {
            if (!reply && (nat & ConnStates.NAT_SRCNAT) != 0) NatRewrite.rewrite(f, true, t[4], icmp ? t[5] : t[5] & 0xFFFF);
            if (reply && (nat & ConnStates.NAT_DSTNAT) != 0) NatRewrite.rewrite(f, true, t[1], icmp ? -1 : t[2] & 0xFFFF);
        }
    }
}
