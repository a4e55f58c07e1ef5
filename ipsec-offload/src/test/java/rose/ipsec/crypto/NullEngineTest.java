package rose.ipsec.crypto;

class NullEngineTest extends CryptoEngineContract {
    private final CryptoEngine engine = new NullEngine();
    @Override protected CryptoEngine engine() { return engine; }
}
