package rose.ipsec.crypto;

/**
 * The JCE engine as it runs where the JDK's GHASH is out of reach (no {@code --add-opens}): AES-GCM
 * split by size between our GCM on {@link TableGhash} and JCE's own, both halves held to the
 * contract (vectors are short; the interop runs reach 1400 B).
 */
class JceEngineTableGhashTest extends CryptoEngineContract {
    private final CryptoEngine engine = new JceEngine(false);
    @Override protected CryptoEngine engine() { return engine; }
}
