package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A RouterOS port list: {@code 80,443,1000-2000}. Stored as sorted, merged inclusive ranges so
 * {@link #contains} is a short scan (lists are short in practice) with no allocation.
 */
public final class PortSet {
    private final int[] lo;
    private final int[] hi;
    private final String text;

    private PortSet(int[] lo, int[] hi, String text) { this.lo = lo; this.hi = hi; this.text = text; }

    public static PortSet parse(String s) {
        List<int[]> r = new ArrayList<>();
        for (String part : s.split(",")) {
            part = part.trim();
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            int a = port(dash < 0 ? part : part.substring(0, dash));
            int b = dash < 0 ? a : port(part.substring(dash + 1));
            if (a > b) throw new IllegalArgumentException("invalid port range: " + part);
            r.add(new int[] {a, b});
        }
        if (r.isEmpty()) throw new IllegalArgumentException("empty port list");
        r.sort((x, y) -> Integer.compare(x[0], y[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] x : r) {
            if (!merged.isEmpty() && x[0] <= merged.get(merged.size() - 1)[1] + 1)
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], x[1]);
            else merged.add(x);
        }
        int[] lo = new int[merged.size()], hi = new int[merged.size()];
        for (int i = 0; i < lo.length; i++) { lo[i] = merged.get(i)[0]; hi[i] = merged.get(i)[1]; }
        return new PortSet(lo, hi, s.trim());
    }

    public static PortSet of(int... ports) {
        StringBuilder sb = new StringBuilder();
        for (int p : ports) { if (sb.length() > 0) sb.append(','); sb.append(p); }
        return parse(sb.toString());
    }

    private static int port(String s) {
        int p = Integer.parseInt(s.trim());
        if (p < 0 || p > 65535) throw new IllegalArgumentException("port out of range: " + s);
        return p;
    }

    public boolean contains(int port) {
        for (int i = 0; i < lo.length; i++) {
            if (port < lo[i]) return false;
            if (port <= hi[i]) return true;
        }
        return false;
    }

    /** Number of distinct ports, used by the compiler to decide whether to index them one by one. */
    public int cardinality() {
        int n = 0;
        for (int i = 0; i < lo.length; i++) n += hi[i] - lo[i] + 1;
        return n;
    }

    /** All ports, ascending (compiler only). */
    public int[] ports() {
        int[] out = new int[cardinality()];
        int k = 0;
        for (int i = 0; i < lo.length; i++) for (int p = lo[i]; p <= hi[i]; p++) out[k++] = p;
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof PortSet p && Arrays.equals(lo, p.lo) && Arrays.equals(hi, p.hi);
    }
    @Override public int hashCode() { return Arrays.hashCode(lo) * 31 + Arrays.hashCode(hi); }
    @Override public String toString() { return text; }
}
