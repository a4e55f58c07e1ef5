package rose.ike.core;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Daemon-wide knobs. Retransmission: the k-th retransmission is sent {@code retransmitBase * 2^k}
 * after the previous send; after {@code retransmitTries} retransmissions the exchange gives up
 * (defaults: 2 s, 5 tries, i.e. give-up after 2+4+8+16+32+64 = 126 s).
 */
public record IkeSettings(InetAddress defaultLocalAddress, int ikePort, Duration retransmitBase, int retransmitTries,
                          Duration halfOpenTimeout) {
    public static IkeSettings defaults(InetAddress local) {
        return new IkeSettings(local, 500, Duration.ofSeconds(2), 5, Duration.ofSeconds(30));
    }
}
