package rose.ike.v1.message;

/** ISAKMP payload types, RFC 2408 §3.1 (1-13), RFC 3947 §3.2/§5.1 (NAT-D 20, NAT-OA 21). */
public final class V1PayloadType {
    private V1PayloadType() {}

    public static final int NONE = 0, SA = 1, PROPOSAL = 2, TRANSFORM = 3, KE = 4, ID = 5, CERT = 6, CR = 7, HASH = 8, SIG = 9,
            NONCE = 10, NOTIFICATION = 11, DELETE = 12, VENDOR_ID = 13, ATTRIBUTE = 14, NAT_D = 20, NAT_OA = 21;

    public static String name(int t) {
        switch (t) {
            case SA: return "SA"; case PROPOSAL: return "P"; case TRANSFORM: return "T"; case KE: return "KE"; case ID: return "ID";
            case CERT: return "CERT"; case CR: return "CR"; case HASH: return "HASH"; case SIG: return "SIG"; case NONCE: return "No";
            case NOTIFICATION: return "N"; case DELETE: return "D"; case VENDOR_ID: return "V"; case ATTRIBUTE: return "ATTR";
            case NAT_D: return "NAT-D"; case NAT_OA: return "NAT-OA";
            default: return "PAYLOAD(" + t + ")";
        }
    }
}
