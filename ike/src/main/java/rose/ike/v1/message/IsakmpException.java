package rose.ike.v1.message;

/**
 * Everything that goes wrong with an ISAKMP message: carries the RFC 2408 §3.14.1 notify
 * message type to send (or that was received) and a reason for the log. Decoders throw only
 * this, never a runtime exception, so a malformed datagram cannot unwind the event loop.
 */
public final class IsakmpException extends Exception {
    private final int notifyType;

    public IsakmpException(int notifyType, String reason) {
        super(reason);
        this.notifyType = notifyType;
    }

    public int notifyType() { return notifyType; }

    public String reason() { return getMessage(); }

    public static IsakmpException malformed(String reason) { return new IsakmpException(V1NotifyType.PAYLOAD_MALFORMED, reason); }

    public static IsakmpException tooShort(String what, int need, int have) {
        return malformed(what + ": need " + need + " bytes, have " + have);
    }

    @Override public String toString() { return V1NotifyType.name(notifyType) + ": " + getMessage(); }
}
