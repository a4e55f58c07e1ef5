package rose.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the kernel's answers to {@link TcCodec}'s requests, one datagram at a time: the ACK
 * (NLMSG_ERROR carrying 0) or the errno the request failed with, the filters of a dump, and the
 * NLMSG_DONE that ends it. Every length is checked before a byte is read: a malformed datagram is
 * a {@link NativeException} (EBADMSG), never another exception.
 */
final class TcReply {
    /** One filter of a dump: where it sits, what kind, and for a bpf filter the name it was given. */
    record Filter(int parent, int prio, int protocol, int handle, String kind, String bpfName) {}

    private TcReply() {}

    /**
     * Walks the messages of one datagram {@code b[0, n)}, those of sequence {@code seq} only (others
     * are a stale answer or someone else's). Returns true when the request is finished: ACK, or
     * NLMSG_DONE ending a dump. Filters of a dump go to {@code filters} (null: none expected).
     *
     * @throws NativeException the kernel's errno, naming {@code step}; EBADMSG for a malformed datagram
     */
    static boolean read(byte[] b, int n, int seq, String step, String subject, Consumer<Filter> filters) throws NativeException {
        if (n < 0 || n > b.length) throw malformed(step, "datagram of " + n + " octets in a buffer of " + b.length);
        ByteBuffer in = ByteBuffer.wrap(b, 0, n).order(ByteOrder.nativeOrder());
        boolean finished = false;
        for (int p = 0; p < n; ) {
            if (n - p < TcCodec.NLMSG_HDRLEN) throw malformed(step, (n - p) + " trailing octets at " + p);
            int len = in.getInt(p), type = in.getShort(p + 4) & 0xFFFF, s = in.getInt(p + 8);
            if (len < TcCodec.NLMSG_HDRLEN || len > n - p) throw malformed(step, "nlmsg length " + len + " at " + p + " of " + n);
            if (s == seq) {
                if (type == TcCodec.NLMSG_ERROR) {
                    if (len < TcCodec.NLMSG_HDRLEN + 4) throw malformed(step, "NLMSG_ERROR of " + len + " octets");
                    int err = -in.getInt(p + TcCodec.NLMSG_HDRLEN);
                    if (err != 0) throw failed(step, subject, err);
                    finished = true;
                } else if (type == TcCodec.NLMSG_DONE) {
                    // a dump that failed part-way says so in DONE's payload (the negative errno)
                    if (len >= TcCodec.NLMSG_HDRLEN + 4) {
                        int err = -in.getInt(p + TcCodec.NLMSG_HDRLEN);
                        if (err != 0) throw failed(step, subject, err);
                    }
                    finished = true;
                } else if (type == TcCodec.RTM_NEWTFILTER && filters != null) {
                    filters.accept(filter(in, p, len, step));
                }
            }
            p += Math.min(align4(len), n - p);
        }
        return finished;
    }

    private static Filter filter(ByteBuffer in, int p, int len, String step) throws NativeException {
        int t = p + TcCodec.NLMSG_HDRLEN, end = p + len;
        if (end - t < TcCodec.TCMSG_LEN) throw malformed(step, "tcmsg of " + (end - t) + " octets");
        int handle = in.getInt(t + 8), parent = in.getInt(t + 12), info = in.getInt(t + 16);
        String kind = "", name = "";
        for (int a = t + TcCodec.TCMSG_LEN; a < end; ) {
            int alen = attrLen(in, a, end, step), type = in.getShort(a + 2) & 0x3FFF;   // without NLA_F_NESTED/NET_BYTEORDER
            if (type == TcCodec.TCA_KIND) kind = string(in, a + 4, a + alen);
            if (type == TcCodec.TCA_OPTIONS) {
                for (int o = a + 4; o < a + alen; ) {
                    int olen = attrLen(in, o, a + alen, step);
                    if ((in.getShort(o + 2) & 0x3FFF) == TcCodec.TCA_BPF_NAME) name = string(in, o + 4, o + olen);
                    o += Math.min(align4(olen), a + alen - o);
                }
            }
            a += Math.min(align4(alen), end - a);
        }
        return new Filter(parent, info >>> 16, TcCodec.htons(info & 0xFFFF), handle, kind, name);
    }

    /** The length of the attribute at {@code a}, checked to lie within {@code end}. */
    private static int attrLen(ByteBuffer in, int a, int end, String step) throws NativeException {
        if (end - a < 4) throw malformed(step, "attribute header of " + (end - a) + " octets at " + a);
        int alen = in.getShort(a) & 0xFFFF;
        if (alen < 4 || alen > end - a) throw malformed(step, "attribute length " + alen + " at " + a + " with " + (end - a) + " left");
        return alen;
    }

    /** A NUL-terminated string attribute's payload, up to its first NUL. */
    private static String string(ByteBuffer in, int from, int to) {
        int z = from;
        while (z < to && in.get(z) != 0) z++;
        byte[] s = new byte[z - from];
        in.get(from, s);
        return new String(s, StandardCharsets.US_ASCII);
    }

    static int align4(int len) {
        return (len + 3) & ~3;
    }

    private static NativeException failed(String step, String subject, int err) {
        String text = Native.isLinux() ? Native.libc().strerror(err) : null;
        return new NativeException(step, subject, err, text);
    }

    private static NativeException malformed(String step, String what) {
        return new NativeException("parse", step, Errno.EBADMSG, what);
    }
}
