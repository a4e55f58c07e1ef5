package rose.dataplane.graph;

import java.util.List;

/**
 * One step of the packet path, applied to a whole vector at a time (VPP's node model).
 *
 * <p>For every slot of the vector a node must do exactly one of: set a next
 * ({@link PacketVector#next(int, int)}, an index into {@link #nexts()}), drop it with a
 * named reason ({@link PacketVector#drop(int, DropReason)}), or take ownership of the
 * buffer ({@link PacketVector#consume(int)}: transmitted, held, freed). A slot left
 * unset is dropped as {@code graph.no-next}, which is always a bug.
 *
 * <p>Contract on the packet path: no allocation, no exceptions, no locks. Nodes are
 * created once per worker (see {@link NodeFactory}), so per-worker state such as replay
 * windows or rate-limit buckets may live in plain fields.
 */
public interface Node {
    /** Stable kebab-case id ({@code ip4-lookup}); appears in counters and traces. */
    String name();

    /**
     * Names of the nodes this node can send to; the position is the local next index
     * passed to {@link PacketVector#next(int, int)}. A name may be a flow anchor such as
     * {@link FlowPoint#CONTINUE} or {@code FlowPoint.X.anchor()}, resolved when the graph
     * is built (a missing hook resolves to whatever follows it).
     */
    default List<String> nexts() {
        return List.of();
    }

    /** Every reason this node can drop for; ordinals index its counters. */
    default List<? extends DropReason> drops() {
        return List.of();
    }

    void process(WorkerContext ctx, PacketVector v);
}
