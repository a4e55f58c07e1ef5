package rose.dataplane.firewall;

/** {@code n} or {@code min-max}, as packet-size and tcp-mss take it. */
public record IntRange(int min, int max) {
    public IntRange {
        if (min > max) throw new IllegalArgumentException("range start after end: " + min + "-" + max);
    }

    public static IntRange parse(String s) {
        s = s.trim();
        int dash = s.indexOf('-');
        if (dash < 0) { int v = Integer.parseInt(s); return new IntRange(v, v); }
        return new IntRange(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim()));
    }

    public boolean contains(int v) { return v >= min && v <= max; }

    @Override public String toString() { return min == max ? Integer.toString(min) : min + "-" + max; }
}
