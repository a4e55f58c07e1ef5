package rose.os;

/**
 * A kernel crypto algorithm with its key: {@code xfrm_algo} (XFRMA_ALG_CRYPT),
 * {@code xfrm_algo_auth} (XFRMA_ALG_AUTH_TRUNC, {@code bits} = truncation) or
 * {@code xfrm_algo_aead} (XFRMA_ALG_AEAD, {@code bits} = ICV length).
 */
public record XfrmAlgorithm(String name, byte[] key, int bits) {
    public XfrmAlgorithm {
        if (name.length() >= 64) throw new IllegalArgumentException("algorithm name longer than 63: " + name);
        key = key.clone();
    }

    @Override public byte[] key() { return key.clone(); }
    @Override public String toString() { return name + "(" + key.length * 8 + "-bit key" + (bits > 0 ? ", " + bits : "") + ")"; }
    @Override public boolean equals(Object o) { return o instanceof XfrmAlgorithm a && a.name.equals(name) && a.bits == bits && java.util.Arrays.equals(a.key, key); }
    @Override public int hashCode() { return name.hashCode() * 31 + bits; }
}
