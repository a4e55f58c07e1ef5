package rose.ike.v1.message;

import java.util.List;
import rose.ike.message.Writer;

/**
 * One ISAKMP datagram: the header, the raw bytes, and (when not encrypted) the payload chain.
 * Encrypted bodies are opened by the SA that owns the keys ({@code rose.ike.v1.V1Cipher}).
 */
public record IsakmpMessage(IsakmpHeader header, byte[] raw, V1PayloadChain chain) {
    public static IsakmpMessage decode(byte[] b) throws IsakmpException {
        IsakmpHeader h = IsakmpHeader.decode(b);
        if (h.encrypted()) {
            if (b.length == IsakmpHeader.SIZE) throw IsakmpException.malformed("encrypted message without a body");
            return new IsakmpMessage(h, b, null);
        }
        return new IsakmpMessage(h, b, V1PayloadChain.decode(h.nextPayload(), b, IsakmpHeader.SIZE, b.length - IsakmpHeader.SIZE, false));
    }

    /** The ciphertext after the header. */
    public byte[] body() { return java.util.Arrays.copyOfRange(raw, IsakmpHeader.SIZE, raw.length); }

    public static byte[] encodePlain(long ci, long cr, int exchange, int mid, List<V1Payload> ps) {
        byte[] chain = V1PayloadChain.encode(ps);
        Writer w = new Writer();
        IsakmpHeader.encode(w, ci, cr, V1PayloadChain.firstType(ps), exchange, 0, mid, IsakmpHeader.SIZE + chain.length);
        return w.bytes(chain).toByteArray();
    }

    public static byte[] encodeEncrypted(long ci, long cr, int first, int exchange, int mid, byte[] ciphertext) {
        Writer w = new Writer();
        IsakmpHeader.encode(w, ci, cr, first, exchange, IsakmpHeader.FLAG_ENCRYPTION, mid, IsakmpHeader.SIZE + ciphertext.length);
        return w.bytes(ciphertext).toByteArray();
    }
}
