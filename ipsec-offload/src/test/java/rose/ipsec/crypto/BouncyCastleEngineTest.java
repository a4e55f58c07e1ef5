package rose.ipsec.crypto;

class BouncyCastleEngineTest extends CryptoEngineContract {
    private final CryptoEngine engine = new BouncyCastleEngine();
    @Override protected CryptoEngine engine() { return engine; }
}
