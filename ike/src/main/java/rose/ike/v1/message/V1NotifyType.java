package rose.ike.v1.message;

import java.util.Map;
import java.util.TreeMap;

/**
 * Notify message types: RFC 2408 §3.14.1 (errors 1-30), RFC 2407 §4.6.3 (IPsec DOI status),
 * RFC 3706 §3 (DPD). Ints, not an enum: a peer may send any 16-bit value.
 */
public final class V1NotifyType {
    private V1NotifyType() {}

    public static final int INVALID_PAYLOAD_TYPE = 1;
    public static final int DOI_NOT_SUPPORTED = 2;
    public static final int SITUATION_NOT_SUPPORTED = 3;
    public static final int INVALID_COOKIE = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_MINOR_VERSION = 6;
    public static final int INVALID_EXCHANGE_TYPE = 7;
    public static final int INVALID_FLAGS = 8;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_PROTOCOL_ID = 10;
    public static final int INVALID_SPI = 11;
    public static final int INVALID_TRANSFORM_ID = 12;
    public static final int ATTRIBUTES_NOT_SUPPORTED = 13;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int BAD_PROPOSAL_SYNTAX = 15;
    public static final int PAYLOAD_MALFORMED = 16;
    public static final int INVALID_KEY_INFORMATION = 17;
    public static final int INVALID_ID_INFORMATION = 18;
    public static final int INVALID_CERT_ENCODING = 19;
    public static final int INVALID_CERTIFICATE = 20;
    public static final int CERT_TYPE_UNSUPPORTED = 21;
    public static final int INVALID_CERT_AUTHORITY = 22;
    public static final int INVALID_HASH_INFORMATION = 23;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int INVALID_SIGNATURE = 25;
    public static final int ADDRESS_NOTIFICATION = 26;
    public static final int NOTIFY_SA_LIFETIME = 27;
    public static final int CERTIFICATE_UNAVAILABLE = 28;
    public static final int UNSUPPORTED_EXCHANGE_TYPE = 29;
    public static final int UNEQUAL_PAYLOAD_LENGTHS = 30;
    // RFC 2407 §4.6.3
    public static final int RESPONDER_LIFETIME = 24576;
    public static final int REPLAY_STATUS = 24577;
    public static final int INITIAL_CONTACT = 24578;
    // RFC 3706 §3
    public static final int R_U_THERE = 36136;
    public static final int R_U_THERE_ACK = 36137;

    private static final Map<Integer, String> NAMES = new TreeMap<>();
    static {
        for (var f : V1NotifyType.class.getFields()) {
            try { NAMES.put(f.getInt(null), f.getName().replace('_', '-')); } catch (IllegalAccessException e) { throw new AssertionError(e); }
        }
    }

    public static boolean isError(int type) { return type < 8192; }

    public static String name(int type) {
        String n = NAMES.get(type);
        return n != null ? n : "NOTIFY(" + type + ")";
    }
}
