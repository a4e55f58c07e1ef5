package rose.dataplane.conntrack.helper;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.conntrack.ConnInfo;
import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.PacketLoader;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * {@code conntrack-helper}, after srcnat (where Linux runs helpers, so the headers are final):
 * <ol>
 *   <li>packets of connections without a helper pass on one bit test of their conntrack word;</li>
 *   <li>a helper that is enabled ({@code /ip firewall service-port}) reads the packet: it may
 *       announce an expectation and rewrite addresses in the payload;</li>
 *   <li>every TCP segment of a connection whose payload was resized gets its seq, ack and SACK
 *       corrected (even after the helper is disabled: the ends' sequence spaces stay apart).</li>
 * </ol>
 * A rewrite that does not fit the buffer drops the packet, as Linux does when mangling fails.
 */
public final class HelperNode implements Node {
    public enum Drop implements DropReason { REWRITE_FAILED }

    private final ConnTable table;
    private final PacketFields f = new PacketFields();
    private final HelperPacket p = new HelperPacket();
    private final Helper[] helpers = new Helper[ConnectionType.values().length];

    public HelperNode(ConnTable table) {
        this.table = table;
        helpers[ConnectionType.FTP.id()] = new FtpHelper();
        helpers[ConnectionType.TFTP.id()] = new TftpHelper();
        helpers[ConnectionType.IRC.id()] = new IrcHelper();
        helpers[ConnectionType.PPTP.id()] = new PptpHelper();
        helpers[ConnectionType.SIP.id()] = new SipHelper();
        p.table = table;
    }

    @Override public String name() { return "conntrack-helper"; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        ServicePorts enabled = table.servicePorts();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            int info = m.connInfo(h), conn = m.conn(h);
            if (!ConnInfo.helper(info) || conn < 0) { v.next(i, 0); continue; }
            if (!PacketLoader.load(ctx, h, f) || !f.l4Valid || f.laterFragment) { v.next(i, 0); continue; }
            int type = ConnInfo.type(info);
            int dir = ConnInfo.reply(info) ? 1 : 0;
            p.delta = 0;
            if (enabled.enabled(type) && helpers[type] != null) {
                p.f = f;
                p.dir = dir;
                p.connRef = conn;
                p.nat = ConnInfo.natBits(info) != 0;
                p.master = table.identity(conn);
                p.bufferEnd = ctx.pool().end(h);
                table.tuples(conn, p.tuple);
                if (!helpers[type].help(p)) { v.drop(i, Drop.REWRITE_FAILED); continue; }
            }
            if (f.proto == Protocols.TCP) table.seqAdjust(conn, dir, f);
            if (p.delta != 0) m.length(h, m.length(h) + p.delta);
            v.next(i, 0);
        }
    }
}
