package rose.appliance.bench;

import java.util.List;

/**
 * One ESP algorithm as each compared implementation spells it: RouterOS proposal words for ROSE,
 * a swanctl ESP proposal keyword for strongSwan, and {@code ip xfrm state} algorithm arguments
 * for the kernel.
 *
 * @param kernelCipher  {@code rfc4106(gcm(aes))} (an AEAD) or {@code cbc(aes)}
 * @param kernelAuth    {@code hmac(sha1)}, or null for an AEAD
 * @param icvBits       ICV length: 128 for GCM (RFC 4106), 96 for HMAC-SHA1-96, 128 for HMAC-SHA-256-128
 * @param keyBytes      cipher key (for RFC 4106, the AES key plus the 4-byte salt)
 */
record PeerAlgorithms(String routerOs, String encAlgorithms, String authAlgorithms, String strongswan,
                      String kernelCipher, String kernelAuth, int icvBits, int keyBytes, int authKeyBytes) {

    /** {@code aes-128-gcm}, {@code aes-256-cbc/sha1} …; null when the peers have no common spelling for it. */
    static PeerAlgorithms of(String alg) {
        String[] p = alg.split("/");
        String enc = p[0], auth = p.length > 1 ? p[1] : "";
        switch (enc) {
            case "aes-128-gcm": return new PeerAlgorithms(alg, enc, "sha256", "aes128gcm16", "rfc4106(gcm(aes))", null, 128, 20, 0);
            case "aes-256-gcm": return new PeerAlgorithms(alg, enc, "sha256", "aes256gcm16", "rfc4106(gcm(aes))", null, 128, 36, 0);
            case "aes-128-cbc": case "aes-256-cbc": {
                int key = enc.equals("aes-128-cbc") ? 16 : 32;
                String sw = "aes" + key * 8 + "-" + auth;
                if (auth.equals("sha1")) return new PeerAlgorithms(alg, enc, auth, sw, "cbc(aes)", "hmac(sha1)", 96, key, 20);
                if (auth.equals("sha256")) return new PeerAlgorithms(alg, enc, auth, sw, "cbc(aes)", "hmac(sha256)", 128, key, 32);
                return null;
            }
            default: return null;
        }
    }

    /** The algorithm part of {@code ip xfrm state add}, keys made of {@code fill}. */
    List<String> xfrm(int fill) {
        String key = "0x" + String.format("%02x", fill & 0xff).repeat(keyBytes);
        if (kernelAuth == null) return List.of("aead", kernelCipher, key, String.valueOf(icvBits));
        String authKey = "0x" + String.format("%02x", (fill + 1) & 0xff).repeat(authKeyBytes);
        return List.of("enc", kernelCipher, key, "auth-trunc", kernelAuth, authKey, String.valueOf(icvBits));
    }
}
