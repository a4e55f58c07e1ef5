package rose.dataplane.graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a worker's fixed graph at start-up: core nodes, flow-point hook nodes, their
 * auxiliary nodes, and {@code error-drop}. Next names are resolved to node ids here,
 * once; a name that does not resolve is a programming error and fails the build.
 */
public final class GraphBuilder {
    private final List<Node> core = new ArrayList<>();
    private FlowHooks hooks = FlowHooks.NONE;
    private int frames = 64;

    public GraphBuilder add(Node n) { core.add(n); return this; }
    public GraphBuilder hooks(FlowHooks h) { this.hooks = h; return this; }
    /** Vectors in the worker's frame pool; bounds the packets in flight in one run. */
    public GraphBuilder frames(int n) { this.frames = n; return this; }

    public Graph build() {
        List<Node> all = new ArrayList<>(core);
        Map<FlowPoint, Node> hookNodes = new EnumMap<>(FlowPoint.class);
        for (Map.Entry<FlowPoint, NodeFactory> e : hooks.points().entrySet()) {
            Node n = e.getValue().create();
            hookNodes.put(e.getKey(), n);
            all.add(n);
        }
        for (NodeFactory f : hooks.extras()) all.add(f.create());
        all.add(new ErrorDropNode());

        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (ids.put(all.get(i).name(), i) != null)
                throw new IllegalStateException("duplicate node name " + all.get(i).name());
        }
        Map<Node, FlowPoint> pointOf = new HashMap<>();
        hookNodes.forEach((p, n) -> pointOf.put(n, p));

        int[][] nextIds = new int[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            Node n = all.get(i);
            List<String> names = n.nexts();
            nextIds[i] = new int[names.size()];
            for (int k = 0; k < names.size(); k++)
                nextIds[i][k] = resolve(names.get(k), pointOf.get(n), n.name(), ids, hookNodes);
        }
        return new Graph(all.toArray(new Node[0]), nextIds, ids, frames);
    }

    private static int resolve(String name, FlowPoint owner, String who, Map<String, Integer> ids,
                               Map<FlowPoint, Node> hooks) {
        if (FlowPoint.CONTINUE.equals(name)) {
            if (owner == null) throw new IllegalStateException(who + ": " + FlowPoint.CONTINUE + " outside a flow point");
            return after(owner, ids, hooks, who);
        }
        if (name.startsWith("@")) {
            FlowPoint p = FlowPoint.byId(name.substring(1));
            if (p == null) throw new IllegalStateException(who + ": unknown flow point " + name);
            return at(p, ids, hooks, who);
        }
        Integer id = ids.get(name);
        if (id == null) throw new IllegalStateException(who + ": unknown next node " + name);
        return id;
    }

    private static int at(FlowPoint p, Map<String, Integer> ids, Map<FlowPoint, Node> hooks, String who) {
        Node n = hooks.get(p);
        return n != null ? ids.get(n.name()) : after(p, ids, hooks, who);
    }

    private static int after(FlowPoint p, Map<String, Integer> ids, Map<FlowPoint, Node> hooks, String who) {
        FlowPoint f = p.following();
        if (f != null) return at(f, ids, hooks, who);
        Integer id = ids.get(p.followingNode());
        if (id == null) throw new IllegalStateException(who + ": flow point " + p.id() + " is followed by missing node " + p.followingNode());
        return id;
    }
}
