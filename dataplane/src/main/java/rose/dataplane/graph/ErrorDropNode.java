package rose.dataplane.graph;

/** Where every dropped packet ends: frees the buffer. The reason was counted by the dropping node. */
final class ErrorDropNode implements Node {
    static final String NAME = "error-drop";

    @Override public String name() { return NAME; }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        for (int i = 0; i < v.size(); i++) {
            ctx.pool().free(v.handle(i));
            v.consume(i);
        }
    }
}
