package rose.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The rtnetlink requests of classic tc that {@link ClsactIngress} sends, as bytes: the
 * {@code clsact} qdisc and a {@code bpf} filter at its ingress hook (what
 * {@code tc qdisc add dev X clsact} and {@code tc filter add dev X ingress bpf da fd N} send).
 * No I/O here, so the bytes can be checked in tests.
 *
 * <pre>
 *   nlmsghdr  len u32 | type u16 | flags u16 | seq u32 | pid u32          (16)
 *   tcmsg     family u8 | pad u8 u16 | ifindex s32 | handle u32 | parent u32 | info u32  (20)
 *   nlattr... len u16 | type u16 | payload, padded to 4
 * </pre>
 *
 * Values from linux/rtnetlink.h, linux/netlink.h, linux/pkt_sched.h and linux/pkt_cls.h.
 */
final class TcCodec {
    static final int RTM_NEWQDISC = 36, RTM_DELQDISC = 37, RTM_NEWTFILTER = 44, RTM_DELTFILTER = 45, RTM_GETTFILTER = 46;
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4;
    static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_DUMP = 0x300;
    static final int NLMSG_HDRLEN = 16, TCMSG_LEN = 20;

    /** TC_H_CLSACT is TC_H_INGRESS: clsact takes the ingress qdisc's place, ffff:fff1. */
    static final int TC_H_CLSACT = 0xFFFFFFF1, TC_H_MIN_INGRESS = 0xFFF2, TC_H_MIN_EGRESS = 0xFFF3;
    static final int TCA_KIND = 1, TCA_OPTIONS = 2;
    static final int TCA_BPF_FD = 6, TCA_BPF_NAME = 7, TCA_BPF_FLAGS = 8;
    /** The program's return value is the verdict (TC_ACT_SHOT), no action needed: {@code tc ... bpf da}. */
    static final int TCA_BPF_FLAG_ACT_DIRECT = 1;
    static final int ETH_P_ALL = 0x0003;

    static final int CLSACT_HANDLE = handle(TC_H_CLSACT, 0);        // ffff:0000
    static final int INGRESS = handle(TC_H_CLSACT, TC_H_MIN_INGRESS); // ffff:fff2, "tc ... ingress"
    static final int EGRESS = handle(TC_H_CLSACT, TC_H_MIN_EGRESS);   // ffff:fff3

    private TcCodec() {}

    /** TC_H_MAKE(maj, min). */
    static int handle(int maj, int min) {
        return (maj & 0xFFFF0000) | (min & 0xFFFF);
    }

    /**
     * tcm_info of a filter: TC_H_MAKE(prio << 16, protocol), the protocol in network order inside
     * the host-order word (tc's {@code TC_H_MAKE(prio << 16, htons(proto))}).
     */
    static int filterInfo(int prio, int protocol) {
        return handle(prio << 16, htons(protocol));
    }

    static int htons(int v) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) v) & 0xFFFF : v & 0xFFFF;
    }

    /** RTM_NEWQDISC clsact on {@code ifindex}; EXCL, so one already there answers EEXIST instead of being touched. */
    static byte[] newClsact(int seq, int ifindex) {
        return new Message(RTM_NEWQDISC, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq)
                .tcmsg(ifindex, CLSACT_HANDLE, TC_H_CLSACT, 0).string(TCA_KIND, "clsact").bytes();
    }

    /** RTM_DELQDISC clsact on {@code ifindex}: its filters, ingress and egress, go with it. */
    static byte[] delClsact(int seq, int ifindex) {
        return new Message(RTM_DELQDISC, NLM_F_REQUEST | NLM_F_ACK, seq)
                .tcmsg(ifindex, CLSACT_HANDLE, TC_H_CLSACT, 0).string(TCA_KIND, "clsact").bytes();
    }

    /**
     * RTM_NEWTFILTER: a direct-action bpf filter for every protocol at clsact's ingress running
     * program {@code progFd}. {@code replace} swaps the program of the filter already at that
     * priority and handle (one a dead run left); without it that filter answers EEXIST.
     */
    static byte[] newBpfFilter(int seq, int ifindex, int prio, int handle, int progFd, String name, boolean replace) {
        Message m = new Message(RTM_NEWTFILTER, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL), seq)
                .tcmsg(ifindex, handle, INGRESS, filterInfo(prio, ETH_P_ALL)).string(TCA_KIND, "bpf");
        int options = m.begin(TCA_OPTIONS);
        m.u32(TCA_BPF_FD, progFd).string(TCA_BPF_NAME, name).u32(TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
        return m.end(options).bytes();
    }

    /** RTM_DELTFILTER: the one bpf filter at {@code prio}/{@code handle} of clsact's ingress. */
    static byte[] delFilter(int seq, int ifindex, int prio, int handle) {
        return new Message(RTM_DELTFILTER, NLM_F_REQUEST | NLM_F_ACK, seq)
                .tcmsg(ifindex, handle, INGRESS, filterInfo(prio, ETH_P_ALL)).string(TCA_KIND, "bpf").bytes();
    }

    /** RTM_GETTFILTER dump of the filters under {@code parent} (INGRESS or EGRESS) of {@code ifindex}. */
    static byte[] dumpFilters(int seq, int ifindex, int parent) {
        return new Message(RTM_GETTFILTER, NLM_F_REQUEST | NLM_F_DUMP, seq).tcmsg(ifindex, 0, parent, 0).bytes();
    }

    /** A netlink message being built; the header's length is set by {@link #bytes}. */
    private static final class Message {
        private ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

        Message(int type, int flags, int seq) {
            b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        }

        Message tcmsg(int ifindex, int handle, int parent, int info) {
            b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(handle).putInt(parent).putInt(info);
            return this;
        }

        Message string(int type, String s) {
            byte[] v = s.getBytes(StandardCharsets.US_ASCII);
            int at = begin(type);
            b.put(v).put((byte) 0);
            return end(at);
        }

        Message u32(int type, int v) {
            int at = begin(type);
            b.putInt(v);
            return end(at);
        }

        /** Opens an attribute (or a nest); returns where its header is, for {@link #end}. */
        int begin(int type) {
            int at = b.position();
            b.putShort((short) 0).putShort((short) type);
            return at;
        }

        /** Closes the attribute at {@code at}: its length without padding, then pads to 4. */
        Message end(int at) {
            b.putShort(at, (short) (b.position() - at));
            while ((b.position() & 3) != 0) b.put((byte) 0);
            return this;
        }

        byte[] bytes() {
            b.putInt(0, b.position());
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }
}
