package rose.dataplane.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.buffer.PacketMeta;

/**
 * A worker's instance of the fixed node graph and its dispatcher.
 *
 * <p>Dispatch (VPP's pending-frame loop): {@link #enqueue} appends a handle to the
 * target node's last frame (a pooled {@link PacketVector}); {@link #run} repeatedly takes
 * the oldest pending node, hands it one frame, then scatters the frame's packets to
 * their next nodes. Node order is FIFO, so a batch moves through the graph as a batch.
 *
 * <p>Counters are plain longs written only by the owning worker; snapshots from other
 * threads may be slightly stale, which is fine for statistics.
 */
public final class Graph {
    /** Frames processed per {@link #run} before we assume a forwarding loop inside the graph. */
    private static final int RUN_BUDGET = 1 << 16;

    private final Node[] nodes;
    private final int[][] nextIds;
    private final Map<String, Integer> ids;
    private final int errorDrop;

    private final PacketVector[] frames;
    private final int[] frameLink;
    private final int[] freeFrames;
    private int freeTop;

    private final int[] head;
    private final int[] tail;
    private final boolean[] queued;
    private final int[] pending;
    private int pendingHead;
    private int pendingSize;

    private final long[] calls;
    private final long[] packets;
    private final long[][] drops;
    private final long[] graphDrops = new long[GraphDrop.values().length];

    /** Drops the dispatcher itself makes; shown under the node name {@code graph}. */
    enum GraphDrop implements DropReason { NO_NEXT, FRAME_OVERFLOW, LOOP }

    Graph(Node[] nodes, int[][] nextIds, Map<String, Integer> ids, int frameCount) {
        this.nodes = nodes;
        this.nextIds = nextIds;
        this.ids = Map.copyOf(ids);
        this.errorDrop = ids.get(ErrorDropNode.NAME);
        this.frames = new PacketVector[frameCount];
        this.frameLink = new int[frameCount];
        this.freeFrames = new int[frameCount];
        for (int i = 0; i < frameCount; i++) {
            frames[i] = new PacketVector();
            freeFrames[i] = frameCount - 1 - i;
        }
        this.freeTop = frameCount;
        int n = nodes.length;
        this.head = new int[n];
        this.tail = new int[n];
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        this.queued = new boolean[n];
        this.pending = new int[n];
        this.calls = new long[n];
        this.packets = new long[n];
        this.drops = new long[n][];
        for (int i = 0; i < n; i++) drops[i] = new long[Math.max(1, nodes[i].drops().size())];
    }

    /** Node id by name, or -1. Ids are stable for the life of the graph. */
    public int nodeId(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    public Node node(int id) { return nodes[id]; }
    public int nodeCount() { return nodes.length; }

    /** True when packets are waiting in some node. */
    public boolean hasPending() { return pendingSize > 0; }

    /** Queues a packet for a node; the next {@link #run} processes it. Frees it on frame exhaustion. */
    public void enqueue(WorkerContext ctx, int node, int handle) {
        int f = tail[node];
        if (f < 0 || frames[f].isFull()) {
            if (freeTop == 0) {
                graphDrops[GraphDrop.FRAME_OVERFLOW.ordinal()]++;
                ctx.pool().free(handle);
                return;
            }
            int nf = freeFrames[--freeTop];
            frames[nf].clear();
            frameLink[nf] = -1;
            if (f < 0) head[node] = nf; else frameLink[f] = nf;
            tail[node] = nf;
            f = nf;
        }
        frames[f].add(handle);
        if (!queued[node]) {
            queued[node] = true;
            pending[(pendingHead + pendingSize++) % pending.length] = node;
        }
    }

    /** Runs until no node has pending packets. */
    public void run(WorkerContext ctx) {
        PacketMeta meta = ctx.meta();
        int budget = RUN_BUDGET;
        while (pendingSize > 0) {
            int n = pending[pendingHead];
            pendingHead = (pendingHead + 1) % pending.length;
            pendingSize--;
            int f = head[n];
            head[n] = frameLink[f];
            if (head[n] < 0) {
                tail[n] = -1;
                queued[n] = false;
            } else {
                pending[(pendingHead + pendingSize++) % pending.length] = n; // more frames: back of the line
            }
            PacketVector v = frames[f];
            v.bind(drops[n], meta, n << 8);
            calls[n]++;
            packets[n] += v.size();
            nodes[n].process(ctx, v);
            if (handOff(n, f, v)) continue;
            scatter(ctx, n, v);
            v.clear();
            freeFrames[freeTop++] = f;
            if (--budget == 0) { dropAllPending(ctx); return; }
        }
    }

    /**
     * Vector-at-a-time: when every packet of the frame goes to the same next node and that node
     * has no frame waiting, the frame itself becomes the next node's frame (VPP's frame swap),
     * instead of 256 single enqueues. The usual case on the forwarding path, where a node
     * rarely splits a vector. Emitted packets or a split vector take the per-packet path.
     */
    private boolean handOff(int n, int f, PacketVector v) {
        if (v.emittedSize() != 0) return false;
        int k = v.commonNext();
        int[] nx = nextIds[n];
        if (k < 0 || k >= nx.length) return false;
        int t = nx[k];
        if (tail[t] >= 0) return false;
        v.resetNexts();
        frameLink[f] = -1;
        head[t] = f;
        tail[t] = f;
        if (!queued[t]) {
            queued[t] = true;
            pending[(pendingHead + pendingSize++) % pending.length] = t;
        }
        return true;
    }

    private void scatter(WorkerContext ctx, int n, PacketVector v) {
        int[] nx = nextIds[n];
        for (int i = 0, size = v.size(); i < size; i++) route(ctx, nx, v.nextOf(i), v.handle(i));
        for (int k = 0, size = v.emittedSize(); k < size; k++) route(ctx, nx, v.emittedNext(k), v.emittedHandle(k));
    }

    private void route(WorkerContext ctx, int[] nx, int k, int h) {
        if (k >= 0 && k < nx.length) {
            enqueue(ctx, nx[k], h);
        } else if (k == PacketVector.DROP) {
            enqueue(ctx, errorDrop, h);
        } else if (k != PacketVector.CONSUMED) {
            graphDrops[GraphDrop.NO_NEXT.ordinal()]++;
            enqueue(ctx, errorDrop, h);
        }
    }

    private void dropAllPending(WorkerContext ctx) {
        while (pendingSize > 0) {
            int n = pending[pendingHead];
            pendingHead = (pendingHead + 1) % pending.length;
            pendingSize--;
            queued[n] = false;
            for (int f = head[n]; f >= 0; f = frameLink[f]) {
                PacketVector v = frames[f];
                for (int i = 0; i < v.size(); i++) {
                    graphDrops[GraphDrop.LOOP.ordinal()]++;
                    ctx.pool().free(v.handle(i));
                }
                v.clear();
                freeFrames[freeTop++] = f;
            }
            head[n] = -1;
            tail[n] = -1;
        }
    }

    /** {@code node.reason} for a drop id stored in {@link PacketMeta#drop}, or null. */
    public String dropName(int dropId) {
        if (dropId <= 0) return null;
        int n = dropId >>> 8, r = (dropId & 0xff) - 1;
        if (n >= nodes.length || r < 0 || r >= nodes[n].drops().size()) return null;
        return nodes[n].name() + "." + nodes[n].drops().get(r).id();
    }

    /** A copy of every node's counters. */
    public CounterSnapshot counters() {
        List<CounterSnapshot.NodeCounters> list = new ArrayList<>(nodes.length + 1);
        for (int i = 0; i < nodes.length; i++) {
            Map<String, Long> d = new LinkedHashMap<>();
            List<? extends DropReason> rs = nodes[i].drops();
            for (int r = 0; r < rs.size(); r++) d.put(rs.get(r).id(), drops[i][r]);
            list.add(new CounterSnapshot.NodeCounters(nodes[i].name(), calls[i], packets[i], d));
        }
        Map<String, Long> g = new LinkedHashMap<>();
        for (GraphDrop r : GraphDrop.values()) g.put(r.id(), graphDrops[r.ordinal()]);
        list.add(new CounterSnapshot.NodeCounters("graph", 0, 0, g));
        return new CounterSnapshot(list);
    }

    /** Zeroes every counter (reset-counters); call on the worker's thread or while it is stopped. */
    public void resetCounters() {
        Arrays.fill(calls, 0);
        Arrays.fill(packets, 0);
        for (long[] d : drops) Arrays.fill(d, 0);
        Arrays.fill(graphDrops, 0);
    }

}
