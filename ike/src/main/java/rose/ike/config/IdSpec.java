package rose.ike.config;

/**
 * An identity as RouterOS writes it in {@code my-id} / {@code remote-id}:
 * {@code auto}, {@code ignore}, {@code address:192.0.2.1}, {@code fqdn:host}, {@code user-fqdn:a@b},
 * {@code key-id:xyz}.
 */
public record IdSpec(Kind kind, String value) {
    public enum Kind { AUTO, IGNORE, ADDRESS, FQDN, USER_FQDN, KEY_ID }

    public static final IdSpec AUTO = new IdSpec(Kind.AUTO, "");

    public static IdSpec parse(String s) {
        if (s == null || s.isEmpty() || s.equals("auto")) return AUTO;
        if (s.equals("ignore")) return new IdSpec(Kind.IGNORE, "");
        int c = s.indexOf(':');
        if (c < 0) throw new IllegalArgumentException("identity must be auto, ignore or type:value: " + s);
        String v = s.substring(c + 1);
        switch (s.substring(0, c)) {
            case "address": IpPrefix.parse(v); return new IdSpec(Kind.ADDRESS, v);
            case "fqdn": return new IdSpec(Kind.FQDN, v);
            case "user-fqdn": return new IdSpec(Kind.USER_FQDN, v);
            case "key-id": return new IdSpec(Kind.KEY_ID, v);
            default: throw new IllegalArgumentException("unknown identity type " + s.substring(0, c));
        }
    }

    @Override public String toString() {
        switch (kind) {
            case AUTO: return "auto";
            case IGNORE: return "ignore";
            case USER_FQDN: return "user-fqdn:" + value;
            case KEY_ID: return "key-id:" + value;
            default: return kind.name().toLowerCase() + ":" + value;
        }
    }
}
