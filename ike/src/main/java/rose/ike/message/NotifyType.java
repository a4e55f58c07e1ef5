package rose.ike.message;

import java.util.Map;
import java.util.TreeMap;

/**
 * Notify message types, RFC 7296 §3.10.1 and the IANA "IKEv2 Notify Message Types" registry.
 * Types below 16384 are errors, 16384 and above are status. Kept as int constants (not an
 * enum) because a peer may send any 16-bit value and we must carry unknown ones through.
 */
public final class NotifyType {
    private NotifyType() {}

    // Error types
    public static final int UNSUPPORTED_CRITICAL_PAYLOAD = 1;
    public static final int INVALID_IKE_SPI = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_SYNTAX = 7;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_SPI = 11;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int INVALID_KE_PAYLOAD = 17;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int SINGLE_PAIR_REQUIRED = 34;
    public static final int NO_ADDITIONAL_SAS = 35;
    public static final int INTERNAL_ADDRESS_FAILURE = 36;
    public static final int FAILED_CP_REQUIRED = 37;
    public static final int TS_UNACCEPTABLE = 38;
    public static final int INVALID_SELECTORS = 39;
    public static final int TEMPORARY_FAILURE = 43;
    public static final int CHILD_SA_NOT_FOUND = 44;
    /** RFC 9611 §3: the responder takes no more per-resource Child SAs of these traffic selectors. */
    public static final int TS_MAX_QUEUE = 48;
    // Status types
    public static final int INITIAL_CONTACT = 16384;
    public static final int SET_WINDOW_SIZE = 16385;
    public static final int ADDITIONAL_TS_POSSIBLE = 16386;
    public static final int IPCOMP_SUPPORTED = 16387;
    public static final int NAT_DETECTION_SOURCE_IP = 16388;
    public static final int NAT_DETECTION_DESTINATION_IP = 16389;
    public static final int COOKIE = 16390;
    public static final int USE_TRANSPORT_MODE = 16391;
    public static final int HTTP_CERT_LOOKUP_SUPPORTED = 16392;
    public static final int REKEY_SA = 16393;
    public static final int ESP_TFC_PADDING_NOT_SUPPORTED = 16394;
    public static final int NON_FIRST_FRAGMENTS_ALSO = 16395;
    public static final int MOBIKE_SUPPORTED = 16396;
    public static final int MULTIPLE_AUTH_SUPPORTED = 16404;
    public static final int REDIRECT_SUPPORTED = 16406;
    public static final int EAP_ONLY_AUTHENTICATION = 16417;
    public static final int IKEV2_FRAGMENTATION_SUPPORTED = 16430;
    public static final int SIGNATURE_HASH_ALGORITHMS = 16431;
    /** RFC 9611 §3: per-resource Child SAs of the same selectors are wanted (with IKE_AUTH's first) or this is one. */
    public static final int SA_RESOURCE_INFO = 16444;

    private static final Map<Integer, String> NAMES = new TreeMap<>();
    static {
        for (var f : NotifyType.class.getFields()) {
            try { NAMES.put(f.getInt(null), f.getName()); } catch (IllegalAccessException e) { throw new AssertionError(e); }
        }
    }

    public static boolean isError(int type) { return type < 16384; }

    /** The registry name, or {@code NOTIFY(n)} for a value we do not know. */
    public static String name(int type) {
        String n = NAMES.get(type);
        return n != null ? n : "NOTIFY(" + type + ")";
    }
}
