package rose.ike.v1.message;

/** ISAKMP exchange types, RFC 2408 §3.1 and RFC 2409 §5.5 (Quick Mode 32). */
public final class V1ExchangeType {
    private V1ExchangeType() {}

    public static final int BASE = 1, IDENTITY_PROTECTION = 2, AUTHENTICATION_ONLY = 3, AGGRESSIVE = 4, INFORMATIONAL = 5,
            TRANSACTION = 6, QUICK = 32;

    public static String name(int e) {
        switch (e) {
            case BASE: return "BASE"; case IDENTITY_PROTECTION: return "ID_PROT"; case AUTHENTICATION_ONLY: return "AUTH_ONLY";
            case AGGRESSIVE: return "AGGRESSIVE"; case INFORMATIONAL: return "INFORMATIONAL"; case TRANSACTION: return "TRANSACTION";
            case QUICK: return "QUICK_MODE";
            default: return "EXCHANGE(" + e + ")";
        }
    }
}
