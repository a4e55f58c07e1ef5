package rose.ipsec.crypto;

/** RFC 2410: the NULL encryption algorithm — "NULL does nothing to alter plaintext data". */
final class NullCipherPart implements CipherPart {
    static final NullCipherPart INSTANCE = new NullCipherPart();

    @Override public int blockBytes() { return 1; }
    @Override public void encrypt(byte[] b, int ivOff, int off, int len) { }
    @Override public void decrypt(byte[] b, int ivOff, int off, int len) { }
    @Override public void wipe() { }
}
