package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes a chain of payloads linked by their generic headers (RFC 7296 §3.2).
 * Each payload's length is checked against what is left before its body is sliced out, and
 * each body decoder only ever sees its own slice, so an inner length can never run past it.
 */
public final class PayloadChain {
    private PayloadChain() {}

    public static List<Payload> decode(int firstType, byte[] buf, int off, int len) throws IkeException {
        Reader r = new Reader(buf, off, len, "payload chain");
        List<Payload> out = new ArrayList<>();
        int next = firstType;
        while (next != PayloadType.NONE) {
            int type = next;
            r.need(4);
            next = r.u8();
            boolean critical = (r.u8() & 0x80) != 0;
            int plen = r.u16();
            if (plen < 4) throw IkeException.syntax(PayloadType.name(type) + ": payload length " + plen);
            Reader body = r.slice(plen - 4, PayloadType.name(type));
            if (type == PayloadType.SK || type == PayloadType.SKF) {
                out.add(type == PayloadType.SK ? SkPayload.decode(next, body) : SkfPayload.decode(next, body));
                if (r.remaining() != 0) throw IkeException.syntax(PayloadType.name(type) + " is not the last payload");
                return out;
            }
            Payload p = decodeBody(type, critical, body);
            if (body.remaining() != 0) throw IkeException.syntax(PayloadType.name(type) + ": " + body.remaining() + " unread bytes");
            out.add(p);
        }
        if (r.remaining() != 0) throw IkeException.syntax(r.remaining() + " bytes after the last payload");
        return out;
    }

    private static Payload decodeBody(int type, boolean critical, Reader b) throws IkeException {
        switch (type) {
            case PayloadType.SA: return SaPayload.decode(b);
            case PayloadType.KE: return KePayload.decode(b);
            case PayloadType.IDI: return IdPayload.decode(true, b);
            case PayloadType.IDR: return IdPayload.decode(false, b);
            case PayloadType.CERT: return CertPayload.decode(b);
            case PayloadType.CERTREQ: return CertReqPayload.decode(b);
            case PayloadType.AUTH: return AuthPayload.decode(b);
            case PayloadType.NONCE: return NoncePayload.decode(b);
            case PayloadType.NOTIFY: return NotifyPayload.decode(b);
            case PayloadType.DELETE: return DeletePayload.decode(b);
            case PayloadType.VENDOR: return VendorIdPayload.decode(b);
            case PayloadType.TSI: return TsPayload.decode(true, b);
            case PayloadType.TSR: return TsPayload.decode(false, b);
            case PayloadType.CP: return CpPayload.decode(b);
            default:
                // §2.5: an unknown payload with the critical bit set rejects the whole message.
                if (critical) throw new IkeException(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, "unsupported critical payload " + type);
                return new UnknownPayload(type, b.rest());
        }
    }

    /** Encodes a chain; the returned array starts with the first payload's generic header. */
    public static byte[] encode(List<Payload> payloads) {
        Writer w = new Writer();
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            int next = p.nextPayloadOverride() >= 0 ? p.nextPayloadOverride()
                    : i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE;
            Writer body = new Writer();
            p.encodeBody(body);
            byte[] b = body.toByteArray();
            w.u8(next).u8(0).u16(4 + b.length).bytes(b);
        }
        return w.toByteArray();
    }

    public static int firstType(List<Payload> payloads) { return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type(); }
}
