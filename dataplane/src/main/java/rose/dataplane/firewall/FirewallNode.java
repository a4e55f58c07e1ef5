package rose.dataplane.firewall;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.conntrack.ConnInfo;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4IcmpErrorNode;
import rose.dataplane.ip4.Ip4OutputNode;
import rose.dataplane.ip4.Ip4TcpResetNode;

/**
 * A filter, mangle or raw chain at one flow point ({@code fw-filter-forward}, {@code fw-mangle-prerouting},
 * {@code fw-raw-prerouting} ...). Per vector it reads the current program once (volatile), then
 * per packet: parse headers into the worker's scratch, evaluate, and act on the verdict.
 *
 * <ol>
 *   <li>Packets of fasttracked connections (established/related) skip filter and mangle, as RouterOS's FastPath does;
 *       packets decrypted on an {@code /interface ipsec} with {@code mangling=no} skip mangle.</li>
 *   <li>drop → {@code <node>.drop}; reject → ICMP error via {@code ip4-icmp-error}, or with
 *       reject-with=tcp-reset a RST via {@code ip4-tcp-reset} (non-TCP packets: {@code <node>.reject}).</li>
 *   <li>notrack (raw) flags the packet untracked; marks and connection marks are written back;
 *       fasttrack-connection flags the connection; change-mss/ttl/dscp/clear-df rewrite the header;
 *       sniff-tzsp emits a TZSP copy towards ip4-output; route sets the next hop ip4-lookup will use.</li>
 * </ol>
 */
public final class FirewallNode implements Node {
    public enum Drop implements DropReason { DROP, REJECT, TARPIT, MALFORMED, SNIFF_NO_BUFFER }

    /** Remembered walks per filter node: a direct-mapped table of 32 KiB. */
    static final int MEMO_ENTRIES = 512;

    private static final int NEXT_CONTINUE = 0, NEXT_ICMP_ERROR = 1, NEXT_TCP_RESET = 2, NEXT_SNIFF = 3;

    private final String name;
    private final Firewall fw;
    private final Table table;
    private final String chain;
    private final PacketFields f = new PacketFields();
    private final RuleEvaluator eval;
    private final int[] tuples = new int[6];
    private final VerdictMemo memo;       // filter chains only: remembered walks per connection direction
    private final RuleCounters counters;
    private final int stripe;
    private TableProgram lastProgram;
    private ChainProgram lastChain;

    public FirewallNode(Firewall fw, Table table, String chain, int worker) {
        this.fw = fw; this.table = table; this.chain = chain;
        this.name = "fw-" + table.menuName() + "-" + chain;
        this.eval = new RuleEvaluator(fw.counters(table), worker, fw.env(), fw.log());
        this.counters = fw.counters(table);
        this.stripe = worker;
        this.memo = table == Table.FILTER && fw.verdictMemo() ? new VerdictMemo(MEMO_ENTRIES) : null;
    }

    @Override public String name() { return name; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE, Ip4IcmpErrorNode.NAME, Ip4TcpResetNode.NAME, Ip4OutputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        ChainProgram program = chain();
        // an empty chain (raw and mangle, most of the time) passes the vector on without a look at any packet
        if (program == null || program.rules.length == 0) { v.nextAll(NEXT_CONTINUE); return; }
        PacketMeta m = ctx.meta();
        ConnTable conns = fw.connTable();
        boolean skipFasttracked = table != Table.RAW;
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            int info = m.connInfo(h);
            if (skipFasttracked && ConnInfo.fasttrack(info)) { v.next(i, NEXT_CONTINUE); continue; }
            if (table == Table.MANGLE && m.hasFlag(h, PacketLoader.F_SKIP_MANGLE)) { v.next(i, NEXT_CONTINUE); continue; }
            int verdict;
            RejectWith rejectWith;
            int memoed = memo == null ? -2 : memo.lookup(m, h, ctx.arena());
            if (memoed >= 0) {
                // the walk this connection direction took last time, with the same rules counted
                verdict = memoed;
                rejectWith = memo.rejectWith();
                memo.count(counters, stripe);
                if (m.ingressPriority(h) == PacketMeta.NONE) PacketLoader.captureIngressPriority(m, h, ctx.arena()[m.l3(h) + 1] & 0xff);
            } else {
                if (!PacketLoader.load(ctx, h, f)) { v.drop(i, Drop.MALFORMED); continue; }
                verdict = walk(ctx, v, m, h, program, conns);
                rejectWith = eval.rejectWith();
                if (memoed == -1) memo.store(eval, verdict);
            }
            switch (verdict) {
                case Verdict.DROP: v.drop(i, Drop.DROP); break;
                case Verdict.TARPIT: v.drop(i, Drop.TARPIT); break;
                case Verdict.REJECT: {
                    RejectWith rw = rejectWith;
                    if (rw == RejectWith.TCP_RESET) {
                        // a reset only answers TCP; anything else is rejected silently, as Linux's REJECT does
                        // (a remembered walk is of plain TCP or UDP with a whole header: l4Valid)
                        boolean tcp = memoed >= 0 ? (ctx.arena()[m.l3(h) + 9] & 0xff) == Protocols.TCP : f.proto == Protocols.TCP && f.l4Valid;
                        if (tcp) v.next(i, NEXT_TCP_RESET); else v.drop(i, Drop.REJECT);
                        break;
                    }
                    m.aux(h, Icmp.errorAux(rw.icmpType(), rw.icmpCode(), 0));
                    v.next(i, NEXT_ICMP_ERROR);
                    break;
                }
                case Verdict.NOTRACK:
                    m.setFlag(h, PacketLoader.F_NOTRACK);
                    v.next(i, NEXT_CONTINUE);
                    break;
                default: v.next(i, NEXT_CONTINUE);
            }
        }
    }

    /** Evaluates the chain for the loaded packet and applies every effect but the verdict. */
    private int walk(WorkerContext ctx, PacketVector v, PacketMeta m, int h, ChainProgram program, ConnTable conns) {
        int verdict = eval.evaluate(program, f);
        PacketLoader.storeMarks(m, h, f);
        if (f.connRef >= 0) {
            if (eval.connMarkChanged()) conns.setMark(f.connRef, f.connMark);
            if (eval.fasttrack() && (f.connState & (ConnStates.ESTABLISHED | ConnStates.RELATED)) != 0) conns.setFasttrack(f.connRef);
        }
        if (eval.newMss() != 0 || eval.newTtl() >= 0 || eval.newDscp() >= 0 || eval.clearDf())
            HeaderEdits.apply(f, eval, fw.mtuOf(f.outIf));
        if (eval.stripOptions() && f.ihl > 20) stripOptions(m, h);
        if (eval.sniff() != null && !m.hasFlag(h, PacketLoader.F_SNIFF_COPY)) sniff(ctx, v, eval.sniff());
        if (eval.route()) {
            // action=route: ip4-lookup sends the packet to route-dst instead of the FIB's next hop
            m.nextHop(h, eval.routeDst());
            m.setFlag(h, PacketMeta.F_ROUTE_DST);
        }
        return verdict;
    }

    /** Packets this node answered from a remembered walk. */
    long memoHits() { return memo == null ? 0 : memo.hits(); }

    /** This node's chain of the table's current program; the by-name lookup only when a new program was installed. */
    private ChainProgram chain() {
        TableProgram p = fw.program(table);
        if (p != lastProgram) {
            lastChain = p.chain(chain);
            lastProgram = p;
            if (memo != null) memo.invalidate();
        }
        return lastChain;
    }

    /**
     * strip-ipv4-options: the fixed 20 bytes (and any link header before them) move up over the
     * options, so the L4 header stays where it is; IHL, total length and checksum follow. L4
     * checksums do not cover IP options and stay valid.
     */
    private void stripOptions(PacketMeta m, int h) {
        byte[] b = f.buf;
        int opt = f.ihl - 20, l3 = f.l3, start = m.start(h);
        if (start > l3) return;
        System.arraycopy(b, start, b, start + opt, l3 - start + 20);
        int nl3 = l3 + opt;
        b[nl3] = (byte) ((b[nl3] & 0xf0) | 5);
        PacketFields.put16(b, nl3 + 2, f.totalLength - opt);
        rose.dataplane.ip4.Ip4.setChecksum(b, nl3);
        m.start(h, start + opt);
        m.length(h, m.length(h) - opt);
        m.l3(h, nl3);
        f.l3 = nl3; f.ihl = 20; f.totalLength -= opt; f.capLength -= opt;
    }

    /** sniff-tzsp: a TZSP copy of the packet as it is now, sent from the router through ip4-output. */
    private void sniff(WorkerContext ctx, PacketVector v, CompiledRule r) {
        // the received frame's destination MAC is not kept in the metadata: the copy carries zeros there
        int copy = Tzsp.copy(ctx.pool(), f, r.spec.sniffTarget, r.spec.sniffTargetPort, 0L);
        if (copy == rose.dataplane.buffer.PacketPool.NO_HANDLE) { v.countDrop(Drop.SNIFF_NO_BUFFER); return; }
        if (!v.emit(copy, NEXT_SNIFF)) { ctx.pool().free(copy); v.countDrop(Drop.SNIFF_NO_BUFFER); }
    }
}
