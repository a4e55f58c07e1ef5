package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rose.ike.message.Writer;

/**
 * A decoded chain of payloads with where each one sits in the bytes it came from: HASH_I/R
 * need the initiator's SA and ID bodies as sent (SAi_b, IDii_b, RFC 2409 §5), and the Quick Mode
 * and Informational hashes cover everything after the HASH payload (§5.5, §5.7) — re-encoding
 * what was decoded would not always give the same bytes back.
 */
public record V1PayloadChain(List<V1Payload> payloads, byte[] buf, int[] starts, int end) {
    public static final int MAX_PAYLOADS = 64;

    /**
     * Decodes from {@code first} over {@code b[off, off+len)}. Plain messages must end exactly
     * with the chain; decrypted ones may have padding after it ({@code allowTrailing}).
     */
    public static V1PayloadChain decode(int first, byte[] b, int off, int len, boolean allowTrailing) throws IsakmpException {
        V1Reader r = new V1Reader(b, off, len, "payload chain");
        List<V1Payload> out = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int next = first;
        while (next != V1PayloadType.NONE) {
            if (out.size() >= MAX_PAYLOADS) throw IsakmpException.malformed("more than " + MAX_PAYLOADS + " payloads");
            int start = r.position();
            r.need(4);
            int type = next;
            next = r.u8();
            r.u8(); // RESERVED: RFC 2408 says zero, implementations do not check it
            int plen = r.u16();
            if (plen < 4) throw IsakmpException.malformed(V1PayloadType.name(type) + " payload length " + plen);
            V1Reader body = r.slice(plen - 4, V1PayloadType.name(type));
            out.add(decodeBody(type, body));
            starts.add(start);
        }
        int end = r.position();
        if (!allowTrailing && r.remaining() != 0) throw new IsakmpException(V1NotifyType.UNEQUAL_PAYLOAD_LENGTHS, r.remaining() + " bytes after the last payload");
        int[] s = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) s[i] = starts.get(i);
        s[starts.size()] = end;
        return new V1PayloadChain(out, b, s, end);
    }

    private static V1Payload decodeBody(int type, V1Reader r) throws IsakmpException {
        switch (type) {
            case V1PayloadType.SA: return SaPayload.decode(r);
            case V1PayloadType.KE: return KePayload.decode(r);
            case V1PayloadType.ID: return IdPayload.decode(r);
            case V1PayloadType.CERT: return CertPayload.decode(r);
            case V1PayloadType.CR: return CertRequestPayload.decode(r);
            case V1PayloadType.HASH: return HashPayload.decode(r);
            case V1PayloadType.SIG: return SigPayload.decode(r);
            case V1PayloadType.NONCE: return NoncePayload.decode(r);
            case V1PayloadType.NOTIFICATION: return NotificationPayload.decode(r);
            case V1PayloadType.DELETE: return DeletePayload.decode(r);
            case V1PayloadType.VENDOR_ID: return VendorIdPayload.decode(r);
            case V1PayloadType.NAT_D: return NatDPayload.decode(r);
            case V1PayloadType.NAT_OA: return NatOaPayload.decode(r);
            case V1PayloadType.ATTRIBUTE: return AttributePayload.decode(r);
            case V1PayloadType.PROPOSAL: case V1PayloadType.TRANSFORM:
                throw new IsakmpException(V1NotifyType.INVALID_PAYLOAD_TYPE, V1PayloadType.name(type) + " outside an SA payload");
            default:
                if (type == 0 || type > 255) throw new IsakmpException(V1NotifyType.INVALID_PAYLOAD_TYPE, "payload type " + type);
                return new UnknownV1Payload(type, r.rest());
        }
    }

    /** The body (after the generic header) of payload {@code i} as received. */
    public byte[] body(int i) { return Arrays.copyOfRange(buf, starts[i] + 4, starts[i + 1]); }

    /** The bytes from payload {@code i+1} to the end of the chain (what a Quick Mode HASH covers when {@code i} is the HASH). */
    public byte[] after(int i) { return Arrays.copyOfRange(buf, starts[i + 1], end); }

    public int indexOf(Class<? extends V1Payload> c) {
        for (int i = 0; i < payloads.size(); i++) if (c.isInstance(payloads.get(i))) return i;
        return -1;
    }

    public <T extends V1Payload> T first(Class<T> c) {
        int i = indexOf(c);
        return i < 0 ? null : c.cast(payloads.get(i));
    }

    public <T extends V1Payload> List<T> all(Class<T> c) {
        List<T> l = new ArrayList<>();
        for (V1Payload p : payloads) if (c.isInstance(p)) l.add(c.cast(p));
        return l;
    }

    public NotificationPayload notify(int type) {
        for (V1Payload p : payloads) if (p instanceof NotificationPayload n && n.notifyType() == type) return n;
        return null;
    }

    public static int firstType(List<V1Payload> ps) { return ps.isEmpty() ? 0 : ps.get(0).type(); }

    public static byte[] encode(List<V1Payload> ps) {
        Writer w = new Writer();
        for (int i = 0; i < ps.size(); i++) {
            byte[] body = ps.get(i).body();
            w.u8(i + 1 < ps.size() ? ps.get(i + 1).type() : 0).u8(0).u16(4 + body.length).bytes(body);
        }
        return w.toByteArray();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (V1Payload p : payloads) {
            if (sb.length() > 1) sb.append(' ');
            sb.append(p instanceof NotificationPayload n ? n.toString() : V1PayloadType.name(p.type()));
        }
        return sb.append(']').toString();
    }
}
