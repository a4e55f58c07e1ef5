package rose.ike.message;

import java.util.List;

/**
 * An IKE message as it arrives: the header and the outer payload chain. For every exchange
 * but IKE_SA_INIT the outer chain is a single SK (or SKF) payload, opened by
 * {@link rose.ike.crypto.SkCipher}; {@code raw} is kept because the ICV/AEAD covers it and
 * because AUTH signs the raw IKE_SA_INIT messages (RFC 7296 §2.15).
 */
public record IkeMessage(IkeHeader header, List<Payload> payloads, byte[] raw) {
    public IkeMessage { payloads = List.copyOf(payloads); }

    /** Decodes a datagram (non-ESP marker already stripped). Throws only {@link IkeException}. */
    public static IkeMessage decode(byte[] datagram) throws IkeException {
        IkeHeader h = IkeHeader.decode(datagram);
        List<Payload> ps = PayloadChain.decode(h.nextPayload(), datagram, IkeHeader.SIZE, datagram.length - IkeHeader.SIZE);
        PayloadRules.checkOuter(h, ps);
        return new IkeMessage(h, ps, datagram);
    }

    /** Encodes an unprotected message (IKE_SA_INIT). */
    public static byte[] encodePlain(long spiI, long spiR, ExchangeType e, int flags, long mid, List<Payload> payloads) {
        byte[] chain = PayloadChain.encode(payloads);
        Writer w = new Writer();
        IkeHeader.encode(w, spiI, spiR, PayloadChain.firstType(payloads), e, flags, mid, IkeHeader.SIZE + chain.length);
        w.bytes(chain);
        return w.toByteArray();
    }

    public SkPayload sk() {
        Payload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
        return last instanceof SkPayload s ? s : null;
    }

    /** The SKF payload when this message is one fragment (RFC 7383), else null. */
    public SkfPayload skf() {
        Payload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
        return last instanceof SkfPayload s ? s : null;
    }

    @SuppressWarnings("unchecked")
    public static <T extends Payload> T first(List<Payload> ps, Class<T> c) {
        for (Payload p : ps) if (c.isInstance(p)) return (T) p;
        return null;
    }

    public static NotifyPayload notify(List<Payload> ps, int type) {
        for (Payload p : ps) if (p instanceof NotifyPayload n && n.notifyType() == type) return n;
        return null;
    }

    public static NotifyPayload firstError(List<Payload> ps) {
        for (Payload p : ps) if (p instanceof NotifyPayload n && n.isError()) return n;
        return null;
    }
}
