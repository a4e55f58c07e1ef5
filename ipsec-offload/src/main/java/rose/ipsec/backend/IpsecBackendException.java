package rose.ipsec.backend;

/**
 * A backend refused a call. The reason mirrors the errno the kernel backend will see
 * (EEXIST, ENOENT, EINVAL, EOPNOTSUPP) so IKE handles both backends alike.
 */
public final class IpsecBackendException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { ALREADY_EXISTS, NOT_FOUND, INVALID, UNSUPPORTED, BACKEND_FAILURE }

    private final Reason reason;

    public IpsecBackendException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public IpsecBackendException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
