package rose.dataplane.graph;

/**
 * Creates a node for one worker. The graph is instantiated per worker, so a node may
 * keep worker-private mutable state; shared tables must be immutable snapshots that the
 * node reads through a volatile reference once per vector.
 */
@FunctionalInterface
public interface NodeFactory {
    Node create();
}
