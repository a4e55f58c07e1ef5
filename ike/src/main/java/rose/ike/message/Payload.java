package rose.ike.message;

/**
 * One IKEv2 payload body. The generic payload header (RFC 7296 §3.2) is written and read by
 * {@link PayloadChain}; each record encodes and decodes only what follows it.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface Payload permits SaPayload, KePayload, IdPayload, CertPayload, CertReqPayload,
        AuthPayload, NoncePayload, NotifyPayload, DeletePayload, VendorIdPayload, TsPayload,
        SkPayload, SkfPayload, CpPayload, UnknownPayload {

    /** Payload type number (RFC 7296 §3.2). */
    int type();

    /** Writes the body (everything after the generic header). */
    void encodeBody(Writer w);

    /** For SK/SKF the "next payload" field names the first inner payload, not the next outer one. */
    default int nextPayloadOverride() { return -1; }
}
