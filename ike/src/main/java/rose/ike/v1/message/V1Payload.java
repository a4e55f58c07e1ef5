package rose.ike.v1.message;

import rose.ike.message.Writer;

/**
 * One ISAKMP payload body. The generic payload header (RFC 2408 §3.2) is written and read by
 * {@link V1PayloadChain}; each record encodes and decodes only what follows it.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface V1Payload permits SaPayload, KePayload, IdPayload, CertPayload, CertRequestPayload, HashPayload,
        SigPayload, NoncePayload, NotificationPayload, DeletePayload, VendorIdPayload, NatDPayload, NatOaPayload, AttributePayload, UnknownV1Payload {
    int type();

    void encodeBody(Writer w);

    default byte[] body() {
        Writer w = new Writer();
        encodeBody(w);
        return w.toByteArray();
    }
}
