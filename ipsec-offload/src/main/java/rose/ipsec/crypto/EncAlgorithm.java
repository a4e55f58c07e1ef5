package rose.ipsec.crypto;

import java.util.Optional;

/**
 * Every RouterOS proposal {@code enc-algorithms} value, with the ESP facts an engine needs.
 *
 * <p>Key lengths are the encryption KEYMAT length in bits <em>without</em> the salt/nonce; the
 * salt (4 octets for GCM, CTR and ChaCha20-Poly1305) is taken from the end of the KEYMAT, as
 * RFC 4106 §8.1, RFC 3686 §5.1 and RFC 7634 §4 say. Blowfish and Twofish take a variable key;
 * RouterOS does not expose the length, so 128 bits is the default (strongSwan's too) and a
 * {@link Transform} may carry another negotiated length.
 */
public enum EncAlgorithm {
    /** RFC 3602: explicit 16-octet IV, payload padded to 16. */
    AES_128_CBC("aes-128-cbc", "aes-cbc", Mode.CBC, 128, 0, 16, 16, 0),
    AES_192_CBC("aes-192-cbc", "aes-cbc", Mode.CBC, 192, 0, 16, 16, 0),
    AES_256_CBC("aes-256-cbc", "aes-cbc", Mode.CBC, 256, 0, 16, 16, 0),
    /** RFC 3686: 4-octet nonce from KEYMAT, 8-octet explicit IV, 32-bit block counter from 1. */
    AES_128_CTR("aes-128-ctr", "aes-ctr", Mode.CTR, 128, 4, 8, 4, 0),
    AES_192_CTR("aes-192-ctr", "aes-ctr", Mode.CTR, 192, 4, 8, 4, 0),
    AES_256_CTR("aes-256-ctr", "aes-ctr", Mode.CTR, 256, 4, 8, 4, 0),
    /** RFC 4106: 4-octet salt from KEYMAT, 8-octet explicit IV, 16-octet ICV (RouterOS uses 16). */
    AES_128_GCM("aes-128-gcm", "aes-gcm", Mode.AEAD, 128, 4, 8, 4, 16),
    AES_192_GCM("aes-192-gcm", "aes-gcm", Mode.AEAD, 192, 4, 8, 4, 16),
    AES_256_GCM("aes-256-gcm", "aes-gcm", Mode.AEAD, 256, 4, 8, 4, 16),
    /** RFC 7634: 256-bit key + 4-octet salt, 8-octet explicit IV, 16-octet tag. */
    CHACHA20_POLY1305("chacha20poly1305", "chacha20poly1305", Mode.AEAD, 256, 4, 8, 4, 16),
    /** RFC 4312: Camellia-CBC, 16-octet IV. */
    CAMELLIA_128("camellia-128", "camellia", Mode.CBC, 128, 0, 16, 16, 0),
    CAMELLIA_192("camellia-192", "camellia", Mode.CBC, 192, 0, 16, 16, 0),
    CAMELLIA_256("camellia-256", "camellia", Mode.CBC, 256, 0, 16, 16, 0),
    /** RFC 2451: 3DES-EDE-CBC, 192-bit key (three DES keys, parity bits ignored), 8-octet IV. */
    TRIPLE_DES("3des", "3des", Mode.CBC, 192, 0, 8, 8, 0),
    /** RFC 2405: DES-CBC with explicit IV. Weak; kept because RouterOS still offers it. */
    DES("des", "des", Mode.CBC, 64, 0, 8, 8, 0),
    /** RFC 2451: Blowfish-CBC, variable key (40..448 bits), 8-octet IV. */
    BLOWFISH("blowfish", "blowfish", Mode.CBC, 128, 0, 8, 8, 0),
    /** Twofish-CBC (as Linux/strongSwan use it in ESP), 128/192/256-bit key, 16-octet IV. */
    TWOFISH("twofish", "twofish", Mode.CBC, 128, 0, 16, 16, 0),
    /** RFC 2410: no confidentiality. Needs an integrity algorithm (RFC 4303 §3.2). */
    NULL("null", "null", Mode.NULL, 0, 0, 0, 4, 0);

    /** How the cipher uses its IV and whether it authenticates. */
    public enum Mode { CBC, CTR, AEAD, NULL }

    private final String routerOsName;
    private final String installedSaName;
    private final Mode mode;
    private final int defaultKeyBits;
    private final int saltBytes;
    private final int ivBytes;
    private final int padBlockBytes;
    private final int icvBytes;

    EncAlgorithm(String routerOsName, String installedSaName, Mode mode, int defaultKeyBits,
                 int saltBytes, int ivBytes, int padBlockBytes, int icvBytes) {
        this.routerOsName = routerOsName;
        this.installedSaName = installedSaName;
        this.mode = mode;
        this.defaultKeyBits = defaultKeyBits;
        this.saltBytes = saltBytes;
        this.ivBytes = ivBytes;
        this.padBlockBytes = padBlockBytes;
        this.icvBytes = icvBytes;
    }

    /** The proposal's {@code enc-algorithms} word. */
    public String routerOsName() { return routerOsName; }
    /** The {@code enc-algorithm} column of {@code /ip ipsec installed-sa}. */
    public String installedSaName() { return installedSaName; }
    public Mode mode() { return mode; }
    public boolean isAead() { return mode == Mode.AEAD; }
    /** Cipher key bits used unless a {@link Transform} names another length. */
    public int defaultKeyBits() { return defaultKeyBits; }
    /** Salt/nonce octets appended to the cipher key in KEYMAT. */
    public int saltBytes() { return saltBytes; }
    /** Explicit IV octets carried in every ESP packet. */
    public int ivBytes() { return ivBytes; }
    /** ESP payload+trailer must be a multiple of this (RFC 4303 §2.4: at least 4). */
    public int padBlockBytes() { return padBlockBytes; }
    /** AEAD tag octets; 0 for ciphers that rely on an {@link AuthAlgorithm}. */
    public int icvBytes() { return icvBytes; }

    /** Key lengths a transform may use with this algorithm. */
    public boolean acceptsKeyBits(int bits) {
        switch (this) {
            case BLOWFISH: return bits >= 40 && bits <= 448 && bits % 8 == 0;
            case TWOFISH: return bits == 128 || bits == 192 || bits == 256;
            default: return bits == defaultKeyBits;
        }
    }

    /** Parses a RouterOS {@code enc-algorithms} word. */
    public static Optional<EncAlgorithm> fromRouterOs(String name) {
        for (EncAlgorithm a : values()) if (a.routerOsName.equals(name)) return Optional.of(a);
        return Optional.empty();
    }
}
