package rose.dataplane.firewall;

/** icmp-options {@code type[:code[-code]]}; without a code every code of the type matches. */
public record IcmpOptions(int type, int codeMin, int codeMax) {
    public static IcmpOptions parse(String s) {
        s = s.trim();
        int colon = s.indexOf(':');
        if (colon < 0) return new IcmpOptions(Integer.parseInt(s), 0, 255);
        int type = Integer.parseInt(s.substring(0, colon));
        IntRange codes = IntRange.parse(s.substring(colon + 1));
        return new IcmpOptions(type, codes.min(), codes.max());
    }

    public boolean matches(int t, int c) { return t == type && c >= codeMin && c <= codeMax; }

    @Override public String toString() {
        if (codeMin == 0 && codeMax == 255) return Integer.toString(type);
        return type + ":" + (codeMin == codeMax ? Integer.toString(codeMin) : codeMin + "-" + codeMax);
    }
}
