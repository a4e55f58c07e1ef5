package rose.os;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds XFRM netlink requests and parses the kernel's answers, byte by byte, with every length
 * checked before a field is read (OpenBSD iked's rule): a short struct or attribute is an
 * {@link NativeException} with {@code EBADMSG} naming what was short, never an out-of-bounds read.
 *
 * <p>Layouts (x86-64 and every Linux ABI with 8-byte u64 alignment; host byte order except the
 * SPI and ports, which are big-endian):
 * <pre>
 * nlmsghdr            16: len u32 | type u16 | flags u16 | seq u32 | pid u32
 * xfrm_selector       56: daddr 16 | saddr 16 | dport be16 | dport_mask | sport be16 | sport_mask
 *                         | family u16 @40 | prefixlen_d u8 | prefixlen_s u8 | proto u8 @44 | ifindex s32 @48 | user u32 @52
 * xfrm_id             24: daddr 16 | spi be32 @16 | proto u8 @20
 * xfrm_lifetime_cfg   64: soft/hard byte, soft/hard packet, soft/hard add seconds, soft/hard use seconds (u64 each)
 * xfrm_lifetime_cur   32: bytes | packets | add_time | use_time
 * xfrm_usersa_info   224: sel @0 | id @56 | saddr @80 | lft @96 | curlft @160 | stats @192 (replay_window, replay,
 *                         integrity_failed) | seq @204 | reqid @208 | family u16 @212 | mode @214 | replay_window @215 | flags @216
 * xfrm_usersa_id      24: daddr 16 | spi be32 @16 | family u16 @20 | proto u8 @22
 * xfrm_userpolicy_info 168: sel @0 | lft @56 | curlft @120 | priority @152 | index @156 | dir @160 | action @161 | flags @162 | share @163
 * xfrm_userpolicy_id  64: sel @0 | index @56 | dir @60
 * xfrm_user_tmpl      64: id @0 | family u16 @24 | saddr @28 | reqid @44 | mode @48 | share @49 | optional @50 | aalgos @52 | ealgos @56 | calgos @60
 * xfrm_user_acquire  280: id @0 | saddr @24 | sel @40 | policy @96 | aalgos @264 | ealgos | calgos | seq
 * xfrm_user_expire   232: state @0 | hard u8 @224
 * xfrm_user_mapping   64: id (usersa_id) @0 | reqid @24 | old_saddr @28 | new_saddr @44 | old_sport be16 @60 | new_sport @62
 * xfrm_algo           68+: name[64] | key_len bits u32 | key;  _auth/_aead 72+: ... | trunc/icv bits u32 | key
 * xfrm_encap_tmpl     24: type u16 | sport be16 | dport be16 | oa @8
 * xfrm_replay_state_esn 24+4n: bmp_len | oseq | seq | oseq_hi | seq_hi | replay_window | bmp[bmp_len]
 * </pre>
 */
public final class XfrmCodec {
    static final int SELECTOR = 56, USERSA_INFO = 224, USERSA_ID = 24, USERPOLICY_INFO = 168, USERPOLICY_ID = 64,
            USER_TMPL = 64, USER_ACQUIRE = 280, USER_EXPIRE = 232, USER_MAPPING = 64, ENCAP_TMPL = 24;

    private XfrmCodec() {}

    static int family(InetAddress a) { return a.getAddress().length == 4 ? Xfrm.AF_INET : Xfrm.AF_INET6; }

    // ---------------------------------------------------------------- requests

    /** A growing little-endian message; {@link #finish} writes the header's length. */
    public static final class Writer {
        private ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

        Writer(int type, int flags, int seq) {
            b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        }

        private void room(int n) {
            if (b.remaining() < n) {
                ByteBuffer nb = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n)).order(ByteOrder.nativeOrder());
                b.flip();
                nb.put(b);
                b = nb;
            }
        }

        Writer zeros(int n) { room(n); for (int i = 0; i < n; i++) b.put((byte) 0); return this; }
        int pos() { return b.position(); }
        void u8(int at, int v) { b.put(at, (byte) v); }
        void u16(int at, int v) { b.putShort(at, (short) v); }
        void be16(int at, int v) { b.putShort(at, Short.reverseBytes((short) v)); if (b.order() == ByteOrder.BIG_ENDIAN) b.putShort(at, (short) v); }
        void u32(int at, int v) { b.putInt(at, v); }
        void be32(int at, int v) { b.putInt(at, b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v)); }
        void u64(int at, long v) { b.putLong(at, v); }
        void addr(int at, InetAddress a) { byte[] x = a.getAddress(); for (int i = 0; i < x.length; i++) b.put(at + i, x[i]); }
        void bytes(int at, byte[] x) { for (int i = 0; i < x.length; i++) b.put(at + i, x[i]); }

        /** Appends an attribute of {@code len} payload octets, zeroed; returns the payload offset. */
        int attr(int type, int len) {
            int at = b.position();
            zeros(4 + align4(len));
            b.putShort(at, (short) (4 + len));
            b.putShort(at + 2, (short) type);
            return at + 4;
        }

        byte[] finish() {
            b.putInt(0, b.position());
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }

    static int align4(int n) { return (n + 3) & ~3; }

    static void selector(Writer w, int at, XfrmSelector s) {
        w.addr(at, s.dst());
        w.addr(at + 16, s.src());
        w.be16(at + 32, s.dstPort());
        w.u16(at + 34, s.dstPort() != 0 ? 0xffff : 0);
        w.be16(at + 36, s.srcPort());
        w.u16(at + 38, s.srcPort() != 0 ? 0xffff : 0);
        w.u16(at + 40, s.family());
        w.u8(at + 42, s.dstPrefix());
        w.u8(at + 43, s.srcPrefix());
        w.u8(at + 44, s.proto());
        w.u32(at + 48, s.ifindex());
    }

    static void lifetime(Writer w, int at, XfrmLifetime l) {
        w.u64(at, l.softBytes() == 0 ? Xfrm.INF : l.softBytes());
        w.u64(at + 8, l.hardBytes() == 0 ? Xfrm.INF : l.hardBytes());
        w.u64(at + 16, l.softPackets() == 0 ? Xfrm.INF : l.softPackets());
        w.u64(at + 24, l.hardPackets() == 0 ? Xfrm.INF : l.hardPackets());
        w.u64(at + 32, l.softAddSeconds());
        w.u64(at + 40, l.hardAddSeconds());
    }

    /** XFRM_MSG_NEWSA or XFRM_MSG_UPDSA with every attribute the state needs. */
    public static byte[] sa(int type, int seq, XfrmSa sa) {
        int flags = Xfrm.NLM_F_REQUEST | Xfrm.NLM_F_ACK | (type == Xfrm.MSG_NEWSA ? Xfrm.NLM_F_CREATE | Xfrm.NLM_F_EXCL : 0);
        Writer w = new Writer(type, flags, seq);
        int at = w.pos();
        w.zeros(USERSA_INFO);
        int family = family(sa.dst());
        XfrmSelector sel = sa.selector().orElseGet(() -> anyOf(family));
        selector(w, at, sel);
        w.addr(at + 56, sa.dst());
        w.be32(at + 72, sa.spi());
        w.u8(at + 76, sa.proto());
        w.addr(at + 80, sa.src());
        lifetime(w, at + 96, sa.lifetime());
        w.u32(at + 208, sa.reqid());
        w.u16(at + 212, family);
        w.u8(at + 214, sa.mode());
        boolean bigWindow = sa.esn() || sa.replayWindow() > 32;
        w.u8(at + 215, bigWindow ? 0 : sa.replayWindow());
        w.u8(at + 216, sa.flags() | (sa.esn() ? Xfrm.STATE_ESN : 0));
        sa.aead().ifPresent(a -> algorithm(w, Xfrm.XFRMA_ALG_AEAD, a, true));
        sa.crypt().ifPresent(a -> algorithm(w, Xfrm.XFRMA_ALG_CRYPT, a, false));
        sa.auth().ifPresent(a -> algorithm(w, Xfrm.XFRMA_ALG_AUTH_TRUNC, a, true));
        sa.encap().ifPresent(e -> {
            int p = w.attr(Xfrm.XFRMA_ENCAP, ENCAP_TMPL);
            w.u16(p, e.type());
            w.be16(p + 2, e.srcPort());
            w.be16(p + 4, e.dstPort());
        });
        if (bigWindow) {
            int words = (Math.max(sa.replayWindow(), 1) + 31) / 32;
            int p = w.attr(Xfrm.XFRMA_REPLAY_ESN_VAL, 24 + 4 * words);
            w.u32(p, words);
            w.u32(p + 20, sa.replayWindow());
        }
        if (sa.ifId() != 0) w.u32(w.attr(Xfrm.XFRMA_IF_ID, 4), sa.ifId());
        if (sa.extraFlags() != 0) w.u32(w.attr(Xfrm.XFRMA_SA_EXTRA_FLAGS, 4), sa.extraFlags());
        return w.finish();
    }

    private static void algorithm(Writer w, int type, XfrmAlgorithm a, boolean withBits) {
        byte[] key = a.key();
        int head = withBits ? 72 : 68;
        int p = w.attr(type, head + key.length);
        w.bytes(p, a.name().getBytes(StandardCharsets.US_ASCII));
        w.u32(p + 64, key.length * 8);
        if (withBits) w.u32(p + 68, a.bits());
        w.bytes(p + head, key);
        java.util.Arrays.fill(key, (byte) 0);
    }

    static XfrmSelector anyOf(int family) {
        InetAddress zero = zero(family);
        return new XfrmSelector(zero, 0, zero, 0, 0, 0, 0, 0);
    }

    static InetAddress zero(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == Xfrm.AF_INET ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** XFRM_MSG_GETSA or XFRM_MSG_DELSA: {@code xfrm_usersa_id}. */
    public static byte[] saId(int type, int seq, InetAddress dst, int spi, int proto) {
        Writer w = new Writer(type, Xfrm.NLM_F_REQUEST | (type == Xfrm.MSG_DELSA ? Xfrm.NLM_F_ACK : 0), seq);
        int at = w.pos();
        w.zeros(USERSA_ID);
        w.addr(at, dst);
        w.be32(at + 16, spi);
        w.u16(at + 20, family(dst));
        w.u8(at + 22, proto);
        return w.finish();
    }

    /** XFRM_MSG_NEWPOLICY (or UPDPOLICY) with its templates and interface id. */
    public static byte[] policy(int type, int seq, XfrmPolicy p) {
        int flags = Xfrm.NLM_F_REQUEST | Xfrm.NLM_F_ACK | (type == Xfrm.MSG_NEWPOLICY ? Xfrm.NLM_F_CREATE | Xfrm.NLM_F_EXCL : 0);
        Writer w = new Writer(type, flags, seq);
        int at = w.pos();
        w.zeros(USERPOLICY_INFO);
        selector(w, at, p.selector());
        lifetime(w, at + 56, XfrmLifetime.NONE);
        w.u32(at + 152, p.priority());
        w.u8(at + 160, p.dir());
        w.u8(at + 161, p.action());
        if (!p.templates().isEmpty()) {
            int t = w.attr(Xfrm.XFRMA_TMPL, USER_TMPL * p.templates().size());
            for (int i = 0; i < p.templates().size(); i++) {
                XfrmTemplate x = p.templates().get(i);
                int o = t + USER_TMPL * i;
                x.dst().ifPresent(d -> w.addr(o, d));
                w.be32(o + 16, x.spi());
                w.u8(o + 20, x.proto());
                w.u16(o + 24, x.family());
                x.src().ifPresent(s -> w.addr(o + 28, s));
                w.u32(o + 44, x.reqid());
                w.u8(o + 48, x.mode());
                w.u8(o + 50, x.optional() ? 1 : 0);
                w.u32(o + 52, -1);   // any integrity, cipher and compression algorithm
                w.u32(o + 56, -1);
                w.u32(o + 60, -1);
            }
        }
        if (p.ifId() != 0) w.u32(w.attr(Xfrm.XFRMA_IF_ID, 4), p.ifId());
        return w.finish();
    }

    /** XFRM_MSG_DELPOLICY: {@code xfrm_userpolicy_id} (by selector and direction) plus the interface id. */
    public static byte[] policyId(int type, int seq, XfrmSelector sel, int dir, int ifId) {
        Writer w = new Writer(type, Xfrm.NLM_F_REQUEST | Xfrm.NLM_F_ACK, seq);
        int at = w.pos();
        w.zeros(USERPOLICY_ID);
        selector(w, at, sel);
        w.u8(at + 60, dir);
        if (ifId != 0) w.u32(w.attr(Xfrm.XFRMA_IF_ID, 4), ifId);
        return w.finish();
    }

    /** A dump request (GETSA or GETPOLICY with NLM_F_DUMP). */
    public static byte[] dump(int type, int seq) {
        Writer w = new Writer(type, Xfrm.NLM_F_REQUEST | Xfrm.NLM_F_DUMP, seq);
        w.zeros(type == Xfrm.MSG_GETSA ? USERSA_ID : USERPOLICY_ID);
        return w.finish();
    }

    // ---------------------------------------------------------------- replies and events

    /** A bounds-checked view of one netlink message's payload and attributes. */
    static final class Reader {
        final ByteBuffer b;
        final String what;
        final int start, end;

        Reader(byte[] buf, int start, int end, String what) {
            this.b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
            this.start = start;
            this.end = end;
            this.what = what;
        }

        void need(int off, int n, String field) throws NativeException {
            if (off < start || n < 0 || (long) off + n > end)
                throw new NativeException("parse", what, Errno.EBADMSG, field + " needs " + n + " octets at " + (off - start) + ", message has " + (end - start));
        }

        int u8(int at) { return b.get(at) & 0xff; }
        int u16(int at) { return b.getShort(at) & 0xffff; }
        int be16(int at) { return Short.toUnsignedInt(b.order() == ByteOrder.BIG_ENDIAN ? b.getShort(at) : Short.reverseBytes(b.getShort(at))); }
        int u32(int at) { return b.getInt(at); }
        int be32(int at) { return b.order() == ByteOrder.BIG_ENDIAN ? b.getInt(at) : Integer.reverseBytes(b.getInt(at)); }
        long u64(int at) { return b.getLong(at); }

        InetAddress addr(int at, int family) throws NativeException {
            byte[] x = new byte[family == Xfrm.AF_INET ? 4 : 16];
            if (family != Xfrm.AF_INET && family != Xfrm.AF_INET6)
                throw new NativeException("parse", what, Errno.EBADMSG, "address family " + family);
            b.get(at, x);
            try {
                return InetAddress.getByAddress(x);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        /** Offset of the payload of attribute {@code type} after {@code fixed} octets, or -1; checks every attribute header. */
        int attr(int fixed, int type, int minLen) throws NativeException {
            int p = start + fixed;
            while (p + 4 <= end) {
                int len = u16(p), t = u16(p + 2) & 0x3fff;
                if (len < 4 || p + len > end) throw new NativeException("parse", what, Errno.EBADMSG, "attribute " + t + " length " + len + " overruns the message");
                if (t == type) {
                    if (len - 4 < minLen) throw new NativeException("parse", what, Errno.EBADMSG, "attribute " + t + " has " + (len - 4) + " octets, needs " + minLen);
                    return p + 4;
                }
                p += align4(len);
            }
            if (p < end) throw new NativeException("parse", what, Errno.EBADMSG, (end - p) + " trailing octets after the attributes");
            return -1;
        }

        int attrLen(int payload) { return u16(payload - 4) - 4; }
    }

    static XfrmSelector readSelector(Reader r, int at) throws NativeException {
        r.need(at, SELECTOR, "xfrm_selector");
        int family = r.u16(at + 40);
        return new XfrmSelector(r.addr(at + 16, family), r.u8(at + 43), r.addr(at, family), r.u8(at + 42), r.u8(at + 44),
                r.be16(at + 36), r.be16(at + 32), r.u32(at + 48));
    }

    static XfrmLifetime readLifetime(Reader r, int at) {
        return new XfrmLifetime(lim(r.u64(at)), lim(r.u64(at + 8)), lim(r.u64(at + 16)), lim(r.u64(at + 24)), r.u64(at + 32), r.u64(at + 40));
    }

    private static long lim(long v) { return v == Xfrm.INF ? 0 : v; }

    /** Parses {@code xfrm_usersa_info} at {@code fixedAt} (0 for NEWSA replies) and the attributes after {@code fixedLen}. */
    static XfrmSaInfo readSa(Reader r, int fixedAt, int fixedLen) throws NativeException {
        int at = r.start + fixedAt;
        r.need(at, USERSA_INFO, "xfrm_usersa_info");
        int family = r.u16(at + 212);
        Optional<XfrmSa.XfrmEncap> encap = Optional.empty();
        int e = r.attr(fixedLen, Xfrm.XFRMA_ENCAP, ENCAP_TMPL);
        if (e >= 0) encap = Optional.of(new XfrmSa.XfrmEncap(r.u16(e), r.be16(e + 2), r.be16(e + 4)));
        int i = r.attr(fixedLen, Xfrm.XFRMA_IF_ID, 4);
        return new XfrmSaInfo(r.addr(at + 56, family), r.be32(at + 72), r.u8(at + 76), r.addr(at + 80, family), r.u8(at + 214),
                r.u32(at + 208), readLifetime(r, at + 96), r.u64(at + 160), r.u64(at + 168), r.u64(at + 176), r.u64(at + 184),
                Integer.toUnsignedLong(r.u32(at + 196)), Integer.toUnsignedLong(r.u32(at + 200)), encap, i >= 0 ? r.u32(i) : 0);
    }

    static XfrmPolicy readPolicy(Reader r, int fixedAt, int fixedLen) throws NativeException {
        int at = r.start + fixedAt;
        r.need(at, USERPOLICY_INFO, "xfrm_userpolicy_info");
        XfrmSelector sel = readSelector(r, at);
        List<XfrmTemplate> tmpls = readTemplates(r, fixedLen);
        int i = r.attr(fixedLen, Xfrm.XFRMA_IF_ID, 4);
        return new XfrmPolicy(sel, r.u8(at + 160), r.u8(at + 161), r.u32(at + 152), i >= 0 ? r.u32(i) : 0, tmpls, r.u32(at + 156));
    }

    static List<XfrmTemplate> readTemplates(Reader r, int fixedLen) throws NativeException {
        List<XfrmTemplate> out = new ArrayList<>();
        int t = r.attr(fixedLen, Xfrm.XFRMA_TMPL, 0);
        if (t < 0) return out;
        int len = r.attrLen(t);
        if (len % USER_TMPL != 0) throw new NativeException("parse", r.what, Errno.EBADMSG, "XFRMA_TMPL of " + len + " octets is not a multiple of " + USER_TMPL);
        for (int o = t; o < t + len; o += USER_TMPL) {
            int family = r.u16(o + 24);
            InetAddress d = r.addr(o, family), s = r.addr(o + 28, family);
            out.add(new XfrmTemplate(family, r.u8(o + 20), r.u8(o + 48), nonZero(s), nonZero(d), r.be32(o + 16), r.u32(o + 44), r.u8(o + 50) != 0));
        }
        return out;
    }

    private static Optional<InetAddress> nonZero(InetAddress a) { return a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a); }

    /** One multicast message as an event, or empty for messages we do not listen for. */
    static Optional<XfrmEvent> readEvent(Reader r, int type) throws NativeException {
        switch (type) {
            case Xfrm.MSG_EXPIRE: {
                r.need(r.start, USER_EXPIRE, "xfrm_user_expire");
                return Optional.of(new XfrmEvent.Expire(readSa(r, 0, USER_EXPIRE), r.u8(r.start + 224) != 0));
            }
            case Xfrm.MSG_ACQUIRE: {
                r.need(r.start, USER_ACQUIRE, "xfrm_user_acquire");
                int at = r.start;
                XfrmSelector sel = readSelector(r, at + 40);
                XfrmPolicy pol = readPolicyInfoOnly(r, at + 96, readTemplates(r, USER_ACQUIRE));
                int family = r.u16(at + 96 + 40);
                XfrmTemplate t = pol.templates().isEmpty()
                        ? new XfrmTemplate(family, r.u8(at + 20), 0, Optional.empty(), Optional.empty(), 0, 0, false) : pol.templates().get(0);
                return Optional.of(new XfrmEvent.Acquire(t, sel, pol));
            }
            case Xfrm.MSG_MAPPING: {
                r.need(r.start, USER_MAPPING, "xfrm_user_mapping");
                int at = r.start, family = r.u16(at + 20);
                return Optional.of(new XfrmEvent.Mapping(r.addr(at, family), r.be32(at + 16), r.u8(at + 22), r.u32(at + 24),
                        r.addr(at + 28, family), r.be16(at + 60), r.addr(at + 44, family), r.be16(at + 62)));
            }
            default:
                return Optional.empty();
        }
    }

    private static XfrmPolicy readPolicyInfoOnly(Reader r, int at, List<XfrmTemplate> tmpls) throws NativeException {
        return new XfrmPolicy(readSelector(r, at), r.u8(at + 160), r.u8(at + 161), r.u32(at + 152), 0, tmpls, r.u32(at + 156));
    }
}
