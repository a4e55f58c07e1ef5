package rose.os;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The kernel's SAD and SPD through XFRM netlink (strongSwan's {@code kernel_netlink_ipsec} is
 * the model). Requests are synchronous: send, then read until the answer with our sequence number
 * (an ACK, an error carrying the errno, or the requested object). Errors are
 * {@link NativeException}s naming the message ({@code XFRM_MSG_NEWSA(esp 0x1000 -> 10.0.0.2)})
 * and the errno, e.g. {@code EPROTONOSUPPORT} from a kernel without ESP.
 *
 * <p>Events come from a second socket bound to the ACQUIRE, EXPIRE and MAPPING groups, read by
 * {@link #readEvents}. One thread per socket; the request methods are synchronized.
 */
public final class XfrmSocket implements AutoCloseable {
    private final NetlinkSocket nl;
    private final byte[] rx = new byte[1 << 16];
    private int seq = (int) (System.nanoTime() & 0x7fffffff);

    private XfrmSocket(NetlinkSocket nl) { this.nl = nl; }

    /** A request socket (no groups); ENOENT/EPROTONOSUPPORT here mean the kernel lacks xfrm_user. */
    public static XfrmSocket open() throws NativeException {
        return new XfrmSocket(NetlinkSocket.open(NetlinkSocket.NETLINK_XFRM, 0, 5000));
    }

    /** An event socket joined to ACQUIRE, EXPIRE and MAPPING, woken every {@code pollMillis} to check for close. */
    public static XfrmSocket openEvents(int pollMillis) throws NativeException {
        return new XfrmSocket(NetlinkSocket.open(NetlinkSocket.NETLINK_XFRM,
                Xfrm.groupMask(Xfrm.GRP_ACQUIRE, Xfrm.GRP_EXPIRE, Xfrm.GRP_MAPPING), pollMillis));
    }

    public synchronized void addSa(XfrmSa sa) throws NativeException {
        request(XfrmCodec.sa(Xfrm.MSG_NEWSA, ++seq, sa), "XFRM_MSG_NEWSA", describe(sa.proto(), sa.spi(), sa.dst()), null);
    }

    public synchronized void updateSa(XfrmSa sa) throws NativeException {
        request(XfrmCodec.sa(Xfrm.MSG_UPDSA, ++seq, sa), "XFRM_MSG_UPDSA", describe(sa.proto(), sa.spi(), sa.dst()), null);
    }

    public synchronized void deleteSa(InetAddress dst, int spi, int proto) throws NativeException {
        request(XfrmCodec.saId(Xfrm.MSG_DELSA, ++seq, dst, spi, proto), "XFRM_MSG_DELSA", describe(proto, spi, dst), null);
    }

    /** GETSA: the state with its current lifetime and statistics; empty when the kernel says ESRCH/ENOENT. */
    public synchronized Optional<XfrmSaInfo> getSa(InetAddress dst, int spi, int proto) throws NativeException {
        List<XfrmSaInfo> out = new ArrayList<>();
        try {
            request(XfrmCodec.saId(Xfrm.MSG_GETSA, ++seq, dst, spi, proto), "XFRM_MSG_GETSA", describe(proto, spi, dst), r -> {
                if (r.type == Xfrm.MSG_NEWSA) out.add(r.sa());
            });
        } catch (NativeException e) {
            if (e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT) return Optional.empty();
            throw e;
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
    }

    public synchronized List<XfrmSaInfo> dumpSas() throws NativeException {
        List<XfrmSaInfo> out = new ArrayList<>();
        request(XfrmCodec.dump(Xfrm.MSG_GETSA, ++seq), "XFRM_MSG_GETSA dump", "all", r -> {
            if (r.type == Xfrm.MSG_NEWSA) out.add(r.sa());
        });
        return out;
    }

    public synchronized void addPolicy(XfrmPolicy p) throws NativeException {
        request(XfrmCodec.policy(Xfrm.MSG_NEWPOLICY, ++seq, p), "XFRM_MSG_NEWPOLICY", describe(p.selector(), p.dir()), null);
    }

    public synchronized void deletePolicy(XfrmSelector sel, int dir, int ifId) throws NativeException {
        request(XfrmCodec.policyId(Xfrm.MSG_DELPOLICY, ++seq, sel, dir, ifId), "XFRM_MSG_DELPOLICY", describe(sel, dir), null);
    }

    public synchronized List<XfrmPolicy> dumpPolicies() throws NativeException {
        List<XfrmPolicy> out = new ArrayList<>();
        request(XfrmCodec.dump(Xfrm.MSG_GETPOLICY, ++seq), "XFRM_MSG_GETPOLICY dump", "all", r -> {
            if (r.type == Xfrm.MSG_NEWPOLICY) out.add(r.policy());
        });
        return out;
    }

    /**
     * Reads multicast messages until {@code keepGoing} says stop or the socket closes, giving each
     * event to {@code sink}. A malformed message is reported to {@code malformed} and skipped.
     */
    public void readEvents(Consumer<XfrmEvent> sink, Consumer<NativeException> malformed, java.util.function.BooleanSupplier keepGoing) {
        byte[] buf = new byte[1 << 16];
        while (keepGoing.getAsBoolean()) {
            int n;
            try {
                n = nl.receive(buf);
            } catch (NativeException e) {
                malformed.accept(e);
                return;
            }
            if (n < 0) continue;
            for (int p = 0; p + Xfrm.NLMSG_HDRLEN <= n; ) {
                int len = u32(buf, p), type = u16(buf, p + 4);
                if (len < Xfrm.NLMSG_HDRLEN || p + len > n) {
                    malformed.accept(new NativeException("parse", "XFRM event", Errno.EBADMSG, "nlmsg length " + len + " at " + p + " of " + n));
                    break;
                }
                try {
                    XfrmCodec.readEvent(new XfrmCodec.Reader(buf, p + Xfrm.NLMSG_HDRLEN, p + len, Xfrm.messageName(type)), type).ifPresent(sink);
                } catch (NativeException e) {
                    malformed.accept(e);
                }
                p += XfrmCodec.align4(len);
            }
        }
    }

    /** One reply message handed to a request's consumer. */
    final class Reply {
        final int type;
        final XfrmCodec.Reader reader;

        Reply(int type, XfrmCodec.Reader reader) { this.type = type; this.reader = reader; }

        XfrmSaInfo sa() throws NativeException { return XfrmCodec.readSa(reader, 0, XfrmCodec.USERSA_INFO); }
        XfrmPolicy policy() throws NativeException { return XfrmCodec.readPolicy(reader, 0, XfrmCodec.USERPOLICY_INFO); }
    }

    interface ReplyHandler { void accept(Reply r) throws NativeException; }

    private void request(byte[] msg, String call, String subject, ReplyHandler handler) throws NativeException {
        NetlinkExchange.run(nl, rx, msg, call, subject, handler == null ? null
                : (type, b, from, to) -> handler.accept(new Reply(type, new XfrmCodec.Reader(b, from, to, Xfrm.messageName(type)))));
    }

    private static String describe(int proto, int spi, InetAddress dst) {
        return (proto == Xfrm.IPPROTO_ESP ? "esp" : proto == Xfrm.IPPROTO_AH ? "ah" : "proto " + proto)
                + " 0x" + Integer.toHexString(spi) + " -> " + dst.getHostAddress();
    }

    private static String describe(XfrmSelector s, int dir) {
        return s.src().getHostAddress() + "/" + s.srcPrefix() + " -> " + s.dst().getHostAddress() + "/" + s.dstPrefix()
                + (dir == Xfrm.POLICY_IN ? " in" : dir == Xfrm.POLICY_OUT ? " out" : " fwd");
    }

    private static int u32(byte[] b, int p) {
        return java.nio.ByteBuffer.wrap(b, p, 4).order(java.nio.ByteOrder.nativeOrder()).getInt();
    }

    private static int u16(byte[] b, int p) {
        return java.nio.ByteBuffer.wrap(b, p, 2).order(java.nio.ByteOrder.nativeOrder()).getShort() & 0xffff;
    }

    @Override public void close() { nl.close(); }
}
