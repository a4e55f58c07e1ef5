package rose.dataplane;

import java.util.List;
import java.util.Queue;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.CounterSnapshot;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.Graph;
import rose.dataplane.graph.GraphBuilder;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4FragNode;
import rose.dataplane.ip4.Ip4ForwardNode;
import rose.dataplane.ip4.Ip4IcmpEchoNode;
import rose.dataplane.ip4.Ip4IcmpErrorNode;
import rose.dataplane.ip4.Ip4TcpResetNode;
import rose.dataplane.ip4.Ip4InputNode;
import rose.dataplane.ip4.Ip4LocalNode;
import rose.dataplane.ip4.Ip4LookupNode;
import rose.dataplane.ip4.Ip4OutputNode;
import rose.dataplane.ip4.Ip4ReassemblyNode;
import rose.dataplane.ip4.Ip4RerouteNode;
import rose.dataplane.ip4.Ip4RewriteNode;
import rose.dataplane.ip4.LocalDelivery;
import rose.dataplane.ip4.PuntHostNode;
import rose.dataplane.l2.ArpEntryView;
import rose.dataplane.l2.ArpInputNode;
import rose.dataplane.l2.ArpTable;
import rose.dataplane.l2.EthernetInputNode;
import rose.dataplane.pcap.CaptureSink;
import rose.dataplane.port.InterfaceOutputNode;
import rose.dataplane.port.Port;
import rose.dataplane.port.TxQueues;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/**
 * One packet-processing loop with everything it mutates: buffer pool, graph instance,
 * ARP table, transmit batches. Nothing here is shared with other threads except through
 * the immutable {@link Tables} it reads and the snapshots it publishes.
 *
 * <ol>
 *   <li>Read the clock once; pick up a new tables generation (static ARP).</li>
 *   <li>Inject packets the control plane queued for sending ({@code ip4-output}).</li>
 *   <li>Receive a batch from every port into {@code ethernet-input}.</li>
 *   <li>Run the graph until no node has pending packets.</li>
 *   <li>Transmit every port's batch; age the ARP table about once a second.</li>
 * </ol>
 */
public final class Worker {
    private static final long SWEEP_NANOS = 1_000_000_000L;

    private final PacketPool pool;
    private final WorkerContext ctx;
    private final Graph graph;
    private final ArpTable arp = new ArpTable();
    private final TxQueues tx;
    private final TablesRef tables;
    private final PacketVector rx = new PacketVector();
    private final int ethernetInput;
    private final int ip4Output;
    private long lastSweep;
    private long generation = -1;
    private volatile List<ArpEntryView> arpView = List.of();
    private volatile boolean resetRequested;

    Worker(int index, TablesRef tables, FlowHooks hooks, LocalDelivery delivery, int buffers) {
        this.pool = new PacketPool(buffers, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        this.ctx = new WorkerContext(index, pool);
        this.tables = tables;
        this.tx = new TxQueues(pool);
        this.graph = new GraphBuilder()
                .add(new EthernetInputNode(tables))
                .add(new ArpInputNode(tables, arp))
                .add(new Ip4InputNode())
                .add(new Ip4LookupNode(tables))
                .add(new Ip4ForwardNode())
                .add(new Ip4LocalNode())
                .add(new Ip4IcmpEchoNode(tables))
                .add(new Ip4IcmpErrorNode(tables))
                .add(new Ip4TcpResetNode())
                .add(new Ip4OutputNode(tables))
                .add(new Ip4RerouteNode(tables))
                .add(new Ip4RewriteNode(tables, arp))
                .add(new Ip4FragNode(tables))
                .add(new Ip4ReassemblyNode())
                .add(new InterfaceOutputNode(tx))
                .add(new PuntHostNode(delivery))
                .hooks(hooks)
                .frames(Math.max(64, buffers / PacketVector.CAPACITY * 2))
                .build();
        this.ethernetInput = graph.nodeId(EthernetInputNode.NAME);
        this.ip4Output = graph.nodeId(Ip4OutputNode.NAME);
    }

    /** One iteration; returns the number of packets received or injected (0 = idle). */
    /** A datagram the router sends itself, and the routing table it is routed in (0 = main). */
    record Injected(byte[] datagram, int routingTable) {}

    int poll(long now, Port[] ports, CaptureSink[] taps, long epochOffset, Queue<Injected> inject, Runnable onConfig) {
        ctx.now(now);
        Tables t = tables.get();
        if (t.generation() != generation) {
            generation = t.generation();
            onConfig.run();
        }
        if (resetRequested) {             // counters are written only here, so they are zeroed here
            resetRequested = false;
            graph.resetCounters();
        }
        tx.bind(ports, taps, now, epochOffset);
        PacketMeta m = pool.meta();
        int work = 0;
        for (Injected in; work < PacketVector.CAPACITY && (in = inject.poll()) != null; work++) {
            byte[] p = in.datagram();
            int h = pool.allocCopy(p, 0, p.length);
            if (h == PacketPool.NO_HANDLE) continue;
            m.l3(h, m.start(h));
            m.l4(h, m.start(h) + ((p[0] & 0x0f) << 2));
            m.flags(h, PacketMeta.F_LOCAL_ORIGIN);
            m.routingMark(h, in.routingTable());
            graph.enqueue(ctx, ip4Output, h);
        }
        for (int id = 0; id < ports.length; id++) {
            Port port = ports[id];
            if (port == null) continue;
            rx.clear();
            int n = port.receive(pool, rx, now);
            CaptureSink tap = id < taps.length ? taps[id] : null;
            for (int i = 0; i < n; i++) {
                int h = rx.handle(i);
                m.rxIf(h, id);
                if (tap != null) tap.frame(now + epochOffset, id, false, pool.arena(), m.start(h), m.length(h));
                graph.enqueue(ctx, ethernetInput, h);
            }
            work += n;
        }
        if (graph.hasPending()) graph.run(ctx);
        tx.flushAll();
        if (now - lastSweep >= SWEEP_NANOS || now < lastSweep) {
            lastSweep = now;
            arp.sweep(now, pool);
        }
        if (arp.takeDirty()) arpView = arp.snapshot(t.interfaces());
        return work;
    }

    /** Zeroes the node counters at the start of the next poll, on the worker's own thread. */
    void requestCounterReset() { resetRequested = true; }

    ArpTable arpTable() { return arp; }
    PacketPool pool() { return pool; }
    Graph graph() { return graph; }
    List<ArpEntryView> arpView() { return arpView; }
    CounterSnapshot counters() { return graph.counters(); }
}
