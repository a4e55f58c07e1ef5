package rose.ike.v1;

/**
 * Attribute classes and values: phase 1 (RFC 2409 Appendix A, RFC 3526/5903 group numbers) and
 * the IPsec DOI for quick mode (RFC 2407 §4.5, RFC 3947 §5.2 UDP encapsulation modes).
 */
final class V1Attributes {
    private V1Attributes() {}

    // Phase 1 (ISAKMP SA) attribute classes
    static final int ENCRYPTION = 1, HASH = 2, AUTH_METHOD = 3, GROUP = 4, LIFE_TYPE = 11, LIFE_DURATION = 12, KEY_LENGTH = 14;
    // Authentication methods
    static final int AUTH_PSK = 1, AUTH_RSA_SIG = 3, AUTH_XAUTH_INIT_PSK = 65001;
    /** RFC 4754 §3: ECDSA on P-256 with SHA-256, P-384 with SHA-384, P-521 with SHA-512. */
    static final int AUTH_ECDSA_256 = 9, AUTH_ECDSA_384 = 10, AUTH_ECDSA_521 = 11;
    // Life types (both phases)
    static final int LIFE_SECONDS = 1, LIFE_KILOBYTES = 2;
    // Phase 1 encryption algorithms
    static final int ENC_DES = 1, ENC_BLOWFISH = 3, ENC_3DES = 5, ENC_AES = 7, ENC_CAMELLIA = 8;

    // IPsec DOI (quick mode) attribute classes
    static final int SA_LIFE_TYPE = 1, SA_LIFE_DURATION = 2, GROUP_DESCRIPTION = 3, ENCAPSULATION_MODE = 4, AUTH_ALGORITHM = 5, QM_KEY_LENGTH = 6;
    // Encapsulation modes; 61443/61444 are draft-ietf-ipsec-nat-t-ike-00..03 values still sent by old peers
    static final int MODE_TUNNEL = 1, MODE_TRANSPORT = 2, MODE_UDP_TUNNEL = 3, MODE_UDP_TRANSPORT = 4,
            MODE_UDP_TUNNEL_DRAFT = 61443, MODE_UDP_TRANSPORT_DRAFT = 61444;
    // Quick-mode authentication algorithms
    static final int AUTH_HMAC_MD5 = 1, AUTH_HMAC_SHA1 = 2, AUTH_HMAC_SHA2_256 = 5, AUTH_HMAC_SHA2_384 = 6, AUTH_HMAC_SHA2_512 = 7;
}
