package rose.os;

import java.io.IOException;

/** A failed native call: which call, on what, and the errno by name (STYLE: OS shim errors). */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public NativeException(String call, String subject, int errno, String message) {
        super(call + "(" + subject + "): " + Errno.name(errno) + (message == null ? "" : " (" + message + ")"));
        this.call = call;
        this.errno = errno;
    }

    public String call() { return call; }
    public int errno() { return errno; }
    public String errnoName() { return Errno.name(errno); }
}
