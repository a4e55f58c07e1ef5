package rose.dataplane.firewall;

/** Immutable open-addressing map from a port (0..65535) to a sorted rule-position list. */
final class PortIndex {
    private final int[] keys;        // port + 1; 0 = empty
    private final int[][] values;

    PortIndex(java.util.Map<Integer, int[]> m) {
        int cap = Integer.highestOneBit(Math.max(4, m.size() * 2)) << 1;
        keys = new int[cap];
        values = new int[cap][];
        for (java.util.Map.Entry<Integer, int[]> e : m.entrySet()) {
            int i = slot(e.getKey());
            while (keys[i] != 0) i = (i + 1) & (cap - 1);
            keys[i] = e.getKey() + 1;
            values[i] = e.getValue();
        }
    }

    private int slot(int port) { return (port * 0x9E3779B1 >>> 16) & (keys.length - 1); }

    int[] get(int port) {
        int k = port + 1;
        for (int i = slot(port); ; i = (i + 1) & (keys.length - 1)) {
            int x = keys[i];
            if (x == k) return values[i];
            if (x == 0) return null;
        }
    }
}
