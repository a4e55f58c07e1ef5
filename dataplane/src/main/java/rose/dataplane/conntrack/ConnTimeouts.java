package rose.dataplane.conntrack;

import java.time.Duration;

/**
 * /ip firewall connection tracking timeouts, RouterOS defaults (reference 03 §6). Nanoseconds,
 * because the packet path adds them to the worker's nanoTime.
 */
public record ConnTimeouts(long tcpSynSent, long tcpSynReceived, long tcpEstablished, long tcpFinWait, long tcpCloseWait,
                           long tcpLastAck, long tcpTimeWait, long tcpClose, long udp, long udpStream, long icmp, long generic) {

    public static final ConnTimeouts DEFAULTS = new ConnTimeouts(
            s(5), s(5), Duration.ofDays(1).toNanos(), s(10), s(10), s(10), s(10), s(10), s(10), s(180), s(10), s(600));

    private static long s(long seconds) { return seconds * 1_000_000_000L; }

    /** Timeout for a TCP state ({@link TcpState} constant). */
    public long tcp(int state) {
        switch (state) {
            case TcpState.SYN_SENT: return tcpSynSent;
            case TcpState.SYN_RECV: return tcpSynReceived;
            case TcpState.ESTABLISHED: return tcpEstablished;
            case TcpState.FIN_WAIT: return tcpFinWait;
            case TcpState.CLOSE_WAIT: return tcpCloseWait;
            case TcpState.LAST_ACK: return tcpLastAck;
            case TcpState.TIME_WAIT: return tcpTimeWait;
            default: return tcpClose;
        }
    }
}
