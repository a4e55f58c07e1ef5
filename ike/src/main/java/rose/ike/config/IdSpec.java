package rose.ike.config;

/**
 * An identity as RouterOS writes it in {@code my-id} / {@code remote-id}:
 * {@code auto}, {@code ignore}, {@code address:192.0.2.1}, {@code fqdn:host}, {@code user-fqdn:a@b},
 * {@code key-id:xyz}, {@code dn} (the subject of our certificate; as remote-id: any subject) or
 * {@code dn:CN=x,O=y} (a distinguished name, ID_DER_ASN1_DN).
 */
public record IdSpec(Kind kind, String value) {
    public enum Kind { AUTO, IGNORE, ADDRESS, FQDN, USER_FQDN, KEY_ID, DN }

    public static final IdSpec AUTO = new IdSpec(Kind.AUTO, "");

    public static IdSpec parse(String s) {
        if (s == null || s.isEmpty() || s.equals("auto")) return AUTO;
        if (s.equals("ignore")) return new IdSpec(Kind.IGNORE, "");
        if (s.equals("dn")) return new IdSpec(Kind.DN, "");
        int c = s.indexOf(':');
        if (c < 0) throw new IllegalArgumentException("identity must be auto, ignore or type:value: " + s);
        String v = s.substring(c + 1);
        switch (s.substring(0, c)) {
            case "address": IpPrefix.parse(v); return new IdSpec(Kind.ADDRESS, v);
            case "fqdn": return new IdSpec(Kind.FQDN, v);
            case "user-fqdn": return new IdSpec(Kind.USER_FQDN, v);
            case "key-id": return new IdSpec(Kind.KEY_ID, v);
            case "dn": new javax.security.auth.x500.X500Principal(v); return new IdSpec(Kind.DN, v);
            default: throw new IllegalArgumentException("unknown identity type " + s.substring(0, c));
        }
    }

    @Override public String toString() {
        switch (kind) {
            case AUTO: return "auto";
            case IGNORE: return "ignore";
            case USER_FQDN: return "user-fqdn:" + value;
            case KEY_ID: return "key-id:" + value;
            case DN: return value.isEmpty() ? "dn" : "dn:" + value;
            default: return kind.name().toLowerCase() + ":" + value;
        }
    }
}
