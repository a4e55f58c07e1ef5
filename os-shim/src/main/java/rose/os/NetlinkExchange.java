package rose.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One netlink request and its answer, the part every family shares (XFRM's SAD and SPD, rtnetlink's
 * tc): send, then read datagrams until the messages carrying the request's sequence number end
 * it. An ACK (NLMSG_ERROR carrying 0), NLMSG_DONE after a dump, or a single answer without
 * NLM_F_MULTI (XFRM's GETSA) ends it; an NLMSG_ERROR or NLMSG_DONE carrying an errno fails it.
 * Messages of other sequences (a late answer to an earlier request) are passed over.
 *
 * <p>Every length is checked before a byte is read: a malformed datagram is a
 * {@link NativeException} (EBADMSG), never another exception.
 */
final class NetlinkExchange {
    static final int NLMSG_HDRLEN = 16, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLM_F_MULTI = 2;

    /** A message of the answer: its type and its payload {@code b[from, to)}. */
    interface Handler { void accept(int type, byte[] b, int from, int to) throws NativeException; }

    private NetlinkExchange() {}

    /**
     * Sends {@code msg} and reads the answer into {@code rx}, giving its data messages to
     * {@code handler} (null: none expected).
     *
     * @throws NativeException the kernel's errno naming {@code call} and {@code subject}; ETIMEDOUT
     *         when the kernel did not answer within the socket's timeout; EBADMSG when malformed
     */
    static void run(NetlinkSocket nl, byte[] rx, byte[] msg, String call, String subject, Handler handler) throws NativeException {
        int seq = ByteBuffer.wrap(msg, 8, 4).order(ByteOrder.nativeOrder()).getInt();
        nl.send(msg, msg.length);
        while (true) {
            int n = nl.receive(rx);
            if (n < 0) throw new NativeException(call, subject, Errno.ETIMEDOUT, "no answer from the kernel");
            if (walk(rx, n, seq, call, subject, handler)) return;
        }
    }

    /** One datagram {@code b[0, n)} of the answer to request {@code seq}; true when it ended the answer. */
    static boolean walk(byte[] b, int n, int seq, String call, String subject, Handler handler) throws NativeException {
        if (n < 0 || n > b.length) throw malformed(call, "datagram of " + n + " octets in a buffer of " + b.length);
        ByteBuffer in = ByteBuffer.wrap(b, 0, n).order(ByteOrder.nativeOrder());
        boolean finished = false;
        for (int p = 0; p < n; ) {
            if (n - p < NLMSG_HDRLEN) throw malformed(call, (n - p) + " trailing octets at " + p);
            int len = in.getInt(p), type = in.getShort(p + 4) & 0xFFFF, flags = in.getShort(p + 6) & 0xFFFF, s = in.getInt(p + 8);
            if (len < NLMSG_HDRLEN || len > n - p) throw malformed(call, "nlmsg length " + len + " at " + p + " of " + n);
            if (s == seq) {
                if (type == NLMSG_ERROR || type == NLMSG_DONE) {
                    // ERROR carries the negative errno (0: the ACK); a dump that failed part-way says so in DONE's payload
                    if (type == NLMSG_ERROR && len < NLMSG_HDRLEN + 4) throw malformed(call, "NLMSG_ERROR of " + len + " octets");
                    int err = len >= NLMSG_HDRLEN + 4 ? -in.getInt(p + NLMSG_HDRLEN) : 0;
                    if (err != 0) throw new NativeException(call, subject, err, Native.isLinux() ? Native.libc().strerror(err) : null);
                    finished = true;
                } else {
                    if (handler != null) handler.accept(type, b, p + NLMSG_HDRLEN, p + len);
                    if ((flags & NLM_F_MULTI) == 0) finished = true;
                }
            }
            p += Math.min((len + 3) & ~3, n - p);
        }
        return finished;
    }

    static NativeException malformed(String call, String what) {
        return new NativeException("parse", call, Errno.EBADMSG, what);
    }
}
