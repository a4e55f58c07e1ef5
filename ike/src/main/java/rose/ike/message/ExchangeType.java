package rose.ike.message;

/** Exchange types, RFC 7296 §3.1. */
public enum ExchangeType {
    IKE_SA_INIT(34), IKE_AUTH(35), CREATE_CHILD_SA(36), INFORMATIONAL(37);

    public final int code;

    ExchangeType(int code) { this.code = code; }

    public static ExchangeType of(int code) throws IkeException {
        for (ExchangeType e : values()) if (e.code == code) return e;
        throw IkeException.syntax("unknown exchange type " + code);
    }
}
