package rose.os;

/**
 * XFRM netlink numbers ({@code linux/xfrm.h}, {@code linux/netlink.h}, {@code linux/udp.h}).
 * Struct layouts are in {@link XfrmCodec}, next to the code that reads and writes them.
 */
public final class Xfrm {
    private Xfrm() {}

    // netlink
    public static final int NLMSG_HDRLEN = 16, NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public static final int NLM_F_REQUEST = 1, NLM_F_MULTI = 2, NLM_F_ACK = 4, NLM_F_DUMP = 0x300,
            NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;

    // message types
    public static final int MSG_NEWSA = 16, MSG_DELSA = 17, MSG_GETSA = 18, MSG_NEWPOLICY = 19, MSG_DELPOLICY = 20,
            MSG_GETPOLICY = 21, MSG_ALLOCSPI = 22, MSG_ACQUIRE = 23, MSG_EXPIRE = 24, MSG_UPDPOLICY = 25, MSG_UPDSA = 26,
            MSG_POLEXPIRE = 27, MSG_FLUSHSA = 28, MSG_FLUSHPOLICY = 29, MSG_MAPPING = 38;

    // attributes
    public static final int XFRMA_ALG_AUTH = 1, XFRMA_ALG_CRYPT = 2, XFRMA_ENCAP = 4, XFRMA_TMPL = 5, XFRMA_SA = 6,
            XFRMA_POLICY = 7, XFRMA_LTIME_VAL = 9, XFRMA_REPLAY_VAL = 10, XFRMA_SRCADDR = 13, XFRMA_ALG_AEAD = 18,
            XFRMA_ALG_AUTH_TRUNC = 20, XFRMA_MARK = 21, XFRMA_REPLAY_ESN_VAL = 23, XFRMA_SA_EXTRA_FLAGS = 24,
            XFRMA_PROTO = 25, XFRMA_PAD = 27, XFRMA_IF_ID = 31;

    // multicast groups (bind with 1 << (group - 1))
    public static final int GRP_ACQUIRE = 1, GRP_EXPIRE = 2, GRP_SA = 3, GRP_POLICY = 4, GRP_MAPPING = 8;

    public static int groupMask(int... groups) {
        int m = 0;
        for (int g : groups) m |= 1 << (g - 1);
        return m;
    }

    public static final int MODE_TRANSPORT = 0, MODE_TUNNEL = 1;
    public static final int POLICY_IN = 0, POLICY_OUT = 1, POLICY_FWD = 2;
    public static final int POLICY_ALLOW = 0, POLICY_BLOCK = 1;
    public static final int STATE_NOECN = 1, STATE_DECAP_DSCP = 2, STATE_NOPMTUDISC = 4, STATE_WILDRECV = 8,
            STATE_ICMP = 16, STATE_AF_UNSPEC = 32, STATE_ALIGN4 = 64, STATE_ESN = 128;
    public static final int SA_XFLAG_DONT_ENCAP_DSCP = 1, SA_XFLAG_OSEQ_MAY_WRAP = 2;
    public static final int UDP_ENCAP_ESPINUDP = 2;
    public static final int IPPROTO_ESP = 50, IPPROTO_AH = 51;
    public static final int AF_INET = 2, AF_INET6 = 10;
    /** XFRM_INF: "no limit" for byte and packet counts. */
    public static final long INF = -1L;

    public static String messageName(int type) {
        switch (type) {
            case MSG_NEWSA: return "XFRM_MSG_NEWSA";
            case MSG_DELSA: return "XFRM_MSG_DELSA";
            case MSG_GETSA: return "XFRM_MSG_GETSA";
            case MSG_NEWPOLICY: return "XFRM_MSG_NEWPOLICY";
            case MSG_DELPOLICY: return "XFRM_MSG_DELPOLICY";
            case MSG_GETPOLICY: return "XFRM_MSG_GETPOLICY";
            case MSG_ACQUIRE: return "XFRM_MSG_ACQUIRE";
            case MSG_EXPIRE: return "XFRM_MSG_EXPIRE";
            case MSG_UPDSA: return "XFRM_MSG_UPDSA";
            case MSG_UPDPOLICY: return "XFRM_MSG_UPDPOLICY";
            case MSG_FLUSHSA: return "XFRM_MSG_FLUSHSA";
            case MSG_FLUSHPOLICY: return "XFRM_MSG_FLUSHPOLICY";
            case MSG_MAPPING: return "XFRM_MSG_MAPPING";
            default: return "XFRM message " + type;
        }
    }
}
