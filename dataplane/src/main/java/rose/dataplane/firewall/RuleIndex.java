package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate lists for one chain, so a packet visits only the rules that could match it instead
 * of every rule. A rule is filed under the most specific key it has:
 * <ol>
 *   <li>no protocol (or a negated one): {@code anyProto} — every packet visits it;</li>
 *   <li>a protocol but no indexable dst-port: {@code byProto[p]};</li>
 *   <li>a protocol and a small, non-negated dst-port set: {@code byPort[p].get(port)} for each port.</li>
 * </ol>
 * A packet's candidates are the union of its three lists, each sorted by rule position, merged
 * on the fly in rule order by {@link RuleEvaluator} (so first-match semantics are unchanged).
 * The full matcher still runs on every candidate: the index only ever narrows.
 */
final class RuleIndex {
    static final int MAX_EXPANDED_PORTS = 64;
    static final int[] EMPTY = new int[0];

    final int[] anyProto;
    final int[][] byProto = new int[256][];
    final PortIndex[] byPort = new PortIndex[256];

    RuleIndex(CompiledRule[] rules) {
        List<Integer> any = new ArrayList<>();
        Map<Integer, List<Integer>> proto = new HashMap<>();
        Map<Integer, Map<Integer, List<Integer>>> port = new HashMap<>();
        for (CompiledRule r : rules) {
            RuleSpec s = r.spec;
            if (s.protocol == null || s.protocol.negated()) { any.add(r.position); continue; }
            int p = s.protocol.value();
            if (s.dstPort != null && !s.dstPort.negated() && s.dstPort.value().cardinality() <= MAX_EXPANDED_PORTS) {
                Map<Integer, List<Integer>> m = port.computeIfAbsent(p, k -> new HashMap<>());
                for (int d : s.dstPort.value().ports()) m.computeIfAbsent(d, k -> new ArrayList<>()).add(r.position);
            } else {
                proto.computeIfAbsent(p, k -> new ArrayList<>()).add(r.position);
            }
        }
        anyProto = ints(any);
        for (Map.Entry<Integer, List<Integer>> e : proto.entrySet()) byProto[e.getKey()] = ints(e.getValue());
        for (Map.Entry<Integer, Map<Integer, List<Integer>>> e : port.entrySet()) {
            Map<Integer, int[]> m = new HashMap<>();
            e.getValue().forEach((k, v) -> m.put(k, ints(v)));
            byPort[e.getKey()] = new PortIndex(m);
        }
    }

    int[] protoList(int proto) { int[] l = byProto[proto]; return l == null ? EMPTY : l; }

    /** Rules keyed on this protocol and dst-port; the packet must carry ports (not a later fragment). */
    int[] portList(PacketFields f) {
        PortIndex pi = byPort[f.proto];
        if (pi == null || !f.l4Valid) return EMPTY;
        int[] l = pi.get(f.dstPort);
        return l == null ? EMPTY : l;
    }

    private static int[] ints(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }
}
