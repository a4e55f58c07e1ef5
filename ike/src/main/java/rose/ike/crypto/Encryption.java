package rose.ike.crypto;

/**
 * Encryption algorithms, RFC 7296 §3.3.2 Transform Type 1 (IANA "Transform Type 1" ids).
 * {@code ike} says whether our SK payload code implements it; all of them can be negotiated
 * for a CHILD_SA, where we only derive key material and hand it to the IPsec backend.
 * Key material length for a CHILD_SA is key + salt (RFC 4106 GCM, RFC 3686 CTR, RFC 7634).
 */
public enum Encryption {
    DES_CBC(2, "DES/CBC/NoPadding", "DES", new int[] {64}, false, 8, 8, 0, 0, true),
    TRIPLE_DES_CBC(3, "DESede/CBC/NoPadding", "DESede", new int[] {192}, false, 8, 8, 0, 0, true),
    BLOWFISH_CBC(7, "Blowfish/CBC/NoPadding", "Blowfish", new int[] {128}, true, 8, 8, 0, 0, false),
    NULL(11, null, null, new int[] {0}, false, 1, 0, 0, 0, false),
    AES_CBC(12, "AES/CBC/NoPadding", "AES", new int[] {128, 192, 256}, true, 16, 16, 0, 0, true),
    AES_CTR(13, null, "AES", new int[] {128, 192, 256}, true, 1, 8, 4, 0, false),
    // SunJCE refuses GCM tags shorter than 96 bits, so the 8-octet ICV variant is CHILD_SA-only here.
    AES_GCM_8(18, "AES/GCM/NoPadding", "AES", new int[] {128, 192, 256}, true, 1, 8, 4, 8, false),
    AES_GCM_12(19, "AES/GCM/NoPadding", "AES", new int[] {128, 192, 256}, true, 1, 8, 4, 12, true),
    AES_GCM_16(20, "AES/GCM/NoPadding", "AES", new int[] {128, 192, 256}, true, 1, 8, 4, 16, true),
    CAMELLIA_CBC(23, null, "Camellia", new int[] {128, 192, 256}, true, 16, 16, 0, 0, false),
    CHACHA20_POLY1305(28, null, "ChaCha20", new int[] {256}, false, 1, 8, 4, 16, false);

    public final int id;
    public final String jceTransformation;
    public final String jceKeyAlgorithm;
    public final int[] keyBits;
    /** Whether the Key Length attribute is sent (§3.3.5: only for variable-length ciphers). */
    public final boolean keyLengthAttribute;
    public final int blockSize;
    public final int ivLength;
    public final int saltLength;
    /** AEAD tag length; 0 for non-AEAD ciphers, which need an integrity transform. */
    public final int icvLength;
    public final boolean ike;

    Encryption(int id, String t, String k, int[] keyBits, boolean attr, int block, int iv, int salt, int icv, boolean ike) {
        this.id = id; this.jceTransformation = t; this.jceKeyAlgorithm = k; this.keyBits = keyBits; this.keyLengthAttribute = attr;
        this.blockSize = block; this.ivLength = iv; this.saltLength = salt; this.icvLength = icv; this.ike = ike;
    }

    public boolean aead() { return icvLength > 0; }

    public static Encryption byId(int id) {
        for (Encryption e : values()) if (e.id == id) return e;
        return null;
    }

    /** Key material bytes for a key of {@code bits} (key plus salt). */
    public int keyMaterialLength(int bits) { return bits / 8 + saltLength; }

    public boolean acceptsKeyBits(int bits) {
        for (int b : keyBits) if (b == bits) return true;
        return false;
    }
}
