package rose.ike.message;

/**
 * Everything that goes wrong while handling an IKE message: carries the notify type the
 * peer should be told about (RFC 7296 §3.10.1) and a reason for the log. Decoders throw
 * only this, never a runtime exception, so a malformed datagram cannot unwind the event loop.
 */
public final class IkeException extends Exception {
    private final int notifyType;

    public IkeException(int notifyType, String reason) {
        super(reason);
        this.notifyType = notifyType;
    }

    public int notifyType() { return notifyType; }

    public String reason() { return getMessage(); }

    public static IkeException syntax(String reason) { return new IkeException(NotifyType.INVALID_SYNTAX, reason); }

    public static IkeException tooShort(String what, int need, int have) {
        return syntax(what + ": need " + need + " bytes, have " + have);
    }

    @Override public String toString() { return NotifyType.name(notifyType) + ": " + getMessage(); }
}
