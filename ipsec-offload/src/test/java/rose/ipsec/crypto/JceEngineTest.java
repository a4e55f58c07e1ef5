package rose.ipsec.crypto;

class JceEngineTest extends CryptoEngineContract {
    private final CryptoEngine engine = new JceEngine();
    @Override protected CryptoEngine engine() { return engine; }
}
