package rose.ipsec.crypto;

/**
 * Seam 1 of 2 for IPsec (STYLE "Two seams, never merged"): primitive ESP crypto over a batch of
 * packets. It knows nothing of SAs' sequence numbers, policies or where SAs live — that is
 * {@code rose.ipsec.backend.IpsecBackend}.
 *
 * <p>Engines are registered in {@link CryptoEngines} with a priority; registration runs
 * {@link #probe()} and then the RFC known-answer self-test ({@link SelfTest}); an algorithm that
 * fails is refused and never selected.
 *
 * <p>Calling convention (VPP's: once per vector, not per packet): the caller fills a
 * {@link CryptoBatch}, calls {@link #seal} or {@link #open} once, and reads a status per slot.
 * Engines process only the slots whose {@link SaCipher} they made and leave the others alone, so
 * a batch mixing SAs of several engines is run by calling each engine (see
 * {@link CryptoEngines#seal}). Neither method throws for a bad packet.
 */
public interface CryptoEngine {
    /** Stable id: {@code jce}, {@code bouncy-castle}, {@code null}, {@code af-alg}. */
    String name();

    EngineKind kind();

    /** Higher wins when several engines support a transform (VPP's engine priority). */
    int priority();

    /** Whether this engine can work on this machine, and why not; cheap, no side effects. */
    Probe probe();

    /** Whether the engine implements the transform at all (self-test decides whether it may). */
    boolean supports(Transform transform);

    /**
     * Makes the keyed context of one SA. Keys are copied.
     *
     * @param encKeymat cipher key followed by the salt/nonce, {@link Transform#encKeymatBytes()} octets
     * @param authKeymat integrity key, {@link Transform#authKeymatBytes()} octets (empty for AEAD)
     * @throws IllegalArgumentException if the transform is unsupported or a key has the wrong length
     */
    SaCipher newSa(Transform transform, byte[] encKeymat, byte[] authKeymat);

    /** Encrypts each slot's data in place and writes its ICV after it (encrypt-then-MAC, RFC 4303 §3.3.2). */
    void seal(CryptoBatch batch);

    /** Verifies each slot's ICV, then decrypts in place (RFC 4303 §3.4.4). */
    void open(CryptoBatch batch);
}
