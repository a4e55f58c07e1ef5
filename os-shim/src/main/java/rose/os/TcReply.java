package rose.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the kernel's answers to {@link TcCodec}'s requests: the filters of a dump, from the
 * messages {@link NetlinkExchange} walks (which also takes the ACK, the errno and the NLMSG_DONE).
 * Every length is checked before a byte is read: a malformed datagram is a
 * {@link NativeException} (EBADMSG), never another exception.
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
        return NetlinkExchange.walk(b, n, seq, step, subject, handler(step, filters));
    }

    /** The filters of a dump's RTM_NEWTFILTER messages, to {@code filters}. */
    static NetlinkExchange.Handler handler(String step, Consumer<Filter> filters) {
        return (type, b, from, to) -> {
            if (type == TcCodec.RTM_NEWTFILTER && filters != null) filters.accept(filter(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()), from, to, step));
        };
    }

    private static Filter filter(ByteBuffer in, int t, int end, String step) throws NativeException {
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

    private static NativeException malformed(String step, String what) {
        return NetlinkExchange.malformed(step, what);
    }
}
