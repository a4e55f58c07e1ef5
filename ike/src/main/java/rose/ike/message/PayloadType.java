package rose.ike.message;

/** Payload type numbers, RFC 7296 §3.2 (and RFC 7383 for SKF). */
public final class PayloadType {
    private PayloadType() {}
    public static final int NONE = 0;
    public static final int SA = 33;
    public static final int KE = 34;
    public static final int IDI = 35;
    public static final int IDR = 36;
    public static final int CERT = 37;
    public static final int CERTREQ = 38;
    public static final int AUTH = 39;
    public static final int NONCE = 40;
    public static final int NOTIFY = 41;
    public static final int DELETE = 42;
    public static final int VENDOR = 43;
    public static final int TSI = 44;
    public static final int TSR = 45;
    public static final int SK = 46;
    public static final int CP = 47;
    public static final int EAP = 48;
    public static final int SKF = 53;

    public static String name(int t) {
        switch (t) {
            case NONE: return "NONE";
            case SA: return "SA";
            case KE: return "KE";
            case IDI: return "IDi";
            case IDR: return "IDr";
            case CERT: return "CERT";
            case CERTREQ: return "CERTREQ";
            case AUTH: return "AUTH";
            case NONCE: return "N(nonce)";
            case NOTIFY: return "N";
            case DELETE: return "D";
            case VENDOR: return "V";
            case TSI: return "TSi";
            case TSR: return "TSr";
            case SK: return "SK";
            case CP: return "CP";
            case EAP: return "EAP";
            case SKF: return "SKF";
            default: return "PAYLOAD(" + t + ")";
        }
    }
}
