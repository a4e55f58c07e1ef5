package rose.dataplane.conntrack;

import rose.dataplane.firewall.TcpFlagsMatch;

/**
 * TCP connection states as /ip firewall connection prints them, and the transition function:
 * a compact form of Linux nf_conntrack_tcp's table with loose tracking on (RouterOS's
 * loose-tcp-tracking=yes default): a mid-stream ACK picks a connection up as established.
 * Sequence windows are not checked (RouterOS liberal behaviour).
 */
public final class TcpState {
    private TcpState() {}

    public static final int NONE = 0, SYN_SENT = 1, SYN_RECV = 2, ESTABLISHED = 3, FIN_WAIT = 4, CLOSE_WAIT = 5,
            LAST_ACK = 6, TIME_WAIT = 7, CLOSE = 8;
    /** Result of {@link #next}: the packet is invalid for this connection; state unchanged. */
    public static final int INVALID = -1;

    private static final String[] NAMES = {"none", "syn-sent", "syn-recv", "established", "fin-wait", "close-wait",
            "last-ack", "time-wait", "close"};

    public static String name(int s) { return s >= 0 && s < NAMES.length ? NAMES[s] : "none"; }

    private static final int SYN = TcpFlagsMatch.SYN, ACK = TcpFlagsMatch.ACK, FIN = TcpFlagsMatch.FIN, RST = TcpFlagsMatch.RST;

    /** State for the first packet of a connection, or INVALID if it cannot open one. */
    public static int first(int flags) {
        if ((flags & RST) != 0) return INVALID;
        if ((flags & (SYN | ACK)) == SYN) return (flags & FIN) != 0 ? INVALID : SYN_SENT;
        if ((flags & SYN) != 0) return INVALID;                  // SYN/ACK with no SYN seen
        if ((flags & ACK) != 0) return ESTABLISHED;              // loose pick-up mid-stream
        return INVALID;                                          // FIN or no flags alone
    }

    /**
     * Next state after a packet with {@code flags} in direction {@code reply}.
     * {@code finBy} is which side sent the first FIN (0 orig, 1 reply, -1 none), kept by the table.
     */
    public static int next(int state, int flags, boolean reply, int finBy) {
        if ((flags & RST) != 0) return CLOSE;
        boolean syn = (flags & SYN) != 0, ack = (flags & ACK) != 0, fin = (flags & FIN) != 0;
        switch (state) {
            case SYN_SENT:
                if (reply && syn && ack) return SYN_RECV;
                if (reply && syn) return SYN_RECV;                // simultaneous open
                if (!reply && syn && !ack) return SYN_SENT;       // retransmission
                return INVALID;
            case SYN_RECV:
                if (!reply && ack && !syn) return fin ? FIN_WAIT : ESTABLISHED;
                if (reply && syn && ack) return SYN_RECV;         // SYN/ACK retransmitted
                if (!reply && syn && !ack) return SYN_RECV;
                return INVALID;
            case ESTABLISHED:
                if (syn && !ack) return reply ? INVALID : ESTABLISHED;   // stray SYN: ignore, keep state
                return fin ? FIN_WAIT : ESTABLISHED;
            case FIN_WAIT: {
                boolean otherSide = reply == (finBy == 0);
                if (otherSide && fin) return LAST_ACK;
                if (otherSide && ack) return CLOSE_WAIT;
                return FIN_WAIT;
            }
            case CLOSE_WAIT: {
                boolean otherSide = reply == (finBy == 0);
                return otherSide && fin ? LAST_ACK : CLOSE_WAIT;
            }
            case LAST_ACK:
                return ack && !fin ? TIME_WAIT : LAST_ACK;
            case TIME_WAIT: case CLOSE:
                if (!reply && syn && !ack) return SYN_SENT;       // port reuse: a new handshake
                return state;
            default:
                return first(flags);
        }
    }
}
