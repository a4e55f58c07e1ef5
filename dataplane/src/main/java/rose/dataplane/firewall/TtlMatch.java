package rose.dataplane.firewall;

/** ttl {@code equal:N | not-equal:N | less-than:N | greater-than:N}. */
public record TtlMatch(Op op, int value) {
    public enum Op { EQUAL, NOT_EQUAL, LESS_THAN, GREATER_THAN }

    public static TtlMatch parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("ttl needs op:N: " + s);
        Op op = Op.valueOf(s.substring(0, colon).trim().toUpperCase().replace('-', '_'));
        return new TtlMatch(op, Integer.parseInt(s.substring(colon + 1).trim()));
    }

    public boolean matches(int ttl) {
        switch (op) {
            case EQUAL: return ttl == value;
            case NOT_EQUAL: return ttl != value;
            case LESS_THAN: return ttl < value;
            default: return ttl > value;
        }
    }
}
