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
import rose.dataplane.port.IdleWait;
import rose.dataplane.port.InterfaceOutputNode;
import rose.dataplane.port.Port;
import rose.dataplane.port.TxQueues;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/**
 * One packet-processing loop with everything it mutates: buffer pool, graph instance,
 * ARP table, transmit batches. Nothing here is shared with other threads except through
 * the immutable {@link Tables} it reads, the snapshots it publishes, the {@link Handoff}
 * rings and the thread-safe tables hooks share (conntrack, rule counters, address lists).
 *
 * <ol>
 *   <li>Read the clock once; pick up a new tables generation (static ARP).</li>
 *   <li>Worker 0 only: inject packets the control plane queued for sending ({@code ip4-output}).</li>
 *   <li>Take the packets other workers handed to this one.</li>
 *   <li>Receive a batch from every port this worker polls (port id modulo workers) and steer
 *       each frame by its flow hash: ours into {@code ethernet-input}, the others' into their
 *       handoff rings, ARP to every worker ({@link FlowHash}).</li>
 *   <li>Run the hooks' pollers (e.g. a share of another worker's crypto), then the graph until
 *       no node has pending packets; flush what nodes handed to other workers.</li>
 *   <li>Transmit every port's batch; age the ARP table about once a second.</li>
 * </ol>
 */
public final class Worker {
    private static final long SWEEP_NANOS = 1_000_000_000L;

    private final PacketPool pool;
    private final WorkerContext ctx;
    private final Graph graph;
    private final ArpTable arp;
    private final TxQueues tx;
    private final TablesRef tables;
    private final PacketVector rx = new PacketVector();
    private final int index;
    private final int workers;
    private final Handoff handoff;
    private final FlowHooks.Poller[] pollers;
    private final FlowHooks.EspSteering espSteering;
    // packets this worker handed to others: frames steered on receipt (software RSS), and packets
    // a node sent to another worker (an SA's owner); one writer, plain (per packet: no fence), read
    // racily by the control plane as the graph's counters are
    private long steeredAway, nodeHandoffs;
    private final IdleWait idleWait;
    private Port[] portsSeen;
    private Port[] polled = new Port[0];
    private final int ethernetInput;
    private final int ip4Output;
    private long lastSweep;
    private long generation = -1;
    private volatile List<ArpEntryView> arpView = List.of();
    private volatile boolean resetRequested;

    Worker(int index, Handoff handoff, TablesRef tables, FlowHooks hooks, LocalDelivery delivery, int buffers, int neighbours, IdleWait idleWait) {
        this.arp = ArpTable.forEntries(neighbours, ArpTable.DEFAULT_TIMEOUT_NANOS, buffers);
        this.index = index;
        this.workers = handoff.workers();
        this.handoff = handoff;
        this.pollers = hooks.pollers().toArray(new FlowHooks.Poller[0]);
        this.espSteering = hooks.steering();
        this.idleWait = idleWait;
        this.pool = new PacketPool(buffers, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        this.ctx = new WorkerContext(index, pool);
        this.tables = tables;
        this.tx = new TxQueues(pool, workers > 1);
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
        ctx.bind(graph, workers, this::handoffFromNode, () -> handoff.wakeAllBut(index));
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
        if (index == 0) {
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
        }
        if (workers > 1) work += handoff.drain(index, pool, graph, ctx, PacketVector.CAPACITY);
        for (int id = index; id < ports.length; id += workers) {
            Port port = ports[id];
            if (port == null) continue;
            rx.clear();
            int n;
            if (workers == 1) {
                n = port.receive(pool, rx, now);
            } else {
                // other workers transmit on this port under its monitor (TxQueues); a port's channel
                // (TUN, AF_PACKET) has one native scratch buffer for both directions: one batch at a time
                synchronized (port) { n = port.receive(pool, rx, now); }
            }
            CaptureSink tap = id < taps.length ? taps[id] : null;
            for (int i = 0; i < n; i++) {
                int h = rx.handle(i);
                m.rxIf(h, id);
                if (tap != null) tap.frame(now + epochOffset, id, false, pool.arena(), m.start(h), m.length(h));
                steer(m, h);
            }
            work += n;
        }
        if (workers > 1 && handoff.staged(index)) handoff.flush(index, pool);
        for (FlowHooks.Poller p : pollers) work += p.poll(ctx);
        if (graph.hasPending()) graph.run(ctx);
        if (workers > 1 && handoff.staged(index)) handoff.flush(index, pool);
        tx.flushAll();
        if (now - lastSweep >= SWEEP_NANOS || now < lastSweep) {
            lastSweep = now;
            arp.sweep(now, pool);
        }
        if (arp.takeDirty()) arpView = arp.snapshot(t.interfaces());
        return work;
    }

    /** A node hands a packet to another worker; a full outbox is flushed first (its packets are no longer in any vector). */
    private boolean handoffFromNode(int to, int node, int h) {
        if (to == index || to < 0 || to >= workers) return false;
        if (handoff.stage(index, to, node, h) || flushAndStage(to, node, h)) {
            nodeHandoffs++;
            return true;
        }
        return false;
    }

    private boolean flushAndStage(int to, int node, int h) {
        handoff.flush(index, pool);
        return handoff.stage(index, to, node, h);
    }

    /** RSS: a received frame goes to the worker its flow hashes to; ARP to every worker. */
    private void steer(PacketMeta m, int h) {
        int to = workers == 1 ? index : FlowHash.worker(pool.arena(), m.start(h), m.length(h), workers, espSteering);
        if (to == index) {
            graph.enqueue(ctx, ethernetInput, h);
            return;
        }
        if (to == FlowHash.EVERY_WORKER) {
            for (int w = 0; w < workers; w++) {
                if (w == index) continue;
                int c = pool.duplicate(h);
                if (c != PacketPool.NO_HANDLE && !handoff.stage(index, w, ethernetInput, c)) pool.free(c);
            }
            graph.enqueue(ctx, ethernetInput, h);
            return;
        }
        steeredAway++;
        if (!handoff.stage(index, to, ethernetInput, h)) {   // outbox full: flush it and retry once
            handoff.flush(index, pool);
            if (!handoff.stage(index, to, ethernetInput, h)) pool.free(h);
        }
    }

    /** Received frames this worker handed to the worker their flow (or SPI) steers them to. */
    long steeredAway() { return steeredAway; }

    /** Packets this worker's nodes handed to another worker (an outbound SA's owner). */
    long nodeHandoffs() { return nodeHandoffs; }

    /** The ports this worker receives from: every {@code workers}-th, starting at its index. */
    Port[] polledPorts(Port[] ports) {
        if (ports != portsSeen) {
            java.util.List<Port> mine = new java.util.ArrayList<>();
            for (int id = index; id < ports.length; id += workers) if (ports[id] != null) mine.add(ports[id]);
            polled = mine.toArray(new Port[0]);
            portsSeen = ports;
        }
        return polled;
    }

    IdleWait idleWait() { return idleWait; }
    int index() { return index; }

    /** Zeroes the node counters at the start of the next poll, on the worker's own thread. */
    void requestCounterReset() { resetRequested = true; }

    ArpTable arpTable() { return arp; }
    PacketPool pool() { return pool; }
    Graph graph() { return graph; }
    List<ArpEntryView> arpView() { return arpView; }
    CounterSnapshot counters() { return graph.counters(); }
}
