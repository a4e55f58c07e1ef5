package rose.ike.core;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Daemon-wide knobs. Retransmission: the k-th retransmission is sent {@code retransmitBase * 2^k}
 * after the previous send; after {@code retransmitTries} retransmissions the exchange gives up
 * (defaults: 2 s, 5 tries, i.e. give-up after 2+4+8+16+32+64 = 126 s).
 *
 * @param natTPort            UDP port IKE floats to when NAT is detected (RFC 7296 §2.23, 4500)
 * @param natKeepalive        NAT-T keepalive interval for the side behind NAT (RFC 3948 §4, 20 s)
 * @param ddosCookieThreshold half-open IKE SAs (responder) above which IKE_SA_INIT must carry a COOKIE (§2.6)
 * @param cookieSecretLifetime how long one cookie secret is used before it rotates (the previous one is still accepted)
 * @param fragmentation       offer and accept IKE fragmentation (RFC 7383)
 * @param fragmentSize        largest IKE datagram (UDP payload, marker included) we send once fragmentation is negotiated
 * @param rekeyRetireDelay    how long the inbound half of a rekeyed CHILD_SA stays after its replacement's outbound is in
 * @param initLimitHalfOpen   IKE SAs we initiate that may be between IKE_SA_INIT and the end of IKE_AUTH at once; further
 *                            initiations wait their turn (strongSwan's {@code charon.init_limit_half_open}; 0 = no limit)
 */
public record IkeSettings(InetAddress defaultLocalAddress, int ikePort, Duration retransmitBase, int retransmitTries,
                          Duration halfOpenTimeout, int natTPort, Duration natKeepalive, int ddosCookieThreshold,
                          Duration cookieSecretLifetime, boolean fragmentation, int fragmentSize, Duration rekeyRetireDelay,
                          int initLimitHalfOpen) {
    public IkeSettings {
        if (initLimitHalfOpen < 0) throw new IllegalArgumentException("initLimitHalfOpen " + initLimitHalfOpen);
    }

    public static IkeSettings defaults(InetAddress local) {
        return new IkeSettings(local, 500, Duration.ofSeconds(2), 5, Duration.ofSeconds(30), 4500, Duration.ofSeconds(20), 30,
                Duration.ofMinutes(2), true, 1280, Duration.ofSeconds(5), 0);
    }

    public IkeSettings withDdosCookieThreshold(int n) {
        return new IkeSettings(defaultLocalAddress, ikePort, retransmitBase, retransmitTries, halfOpenTimeout, natTPort, natKeepalive, n,
                cookieSecretLifetime, fragmentation, fragmentSize, rekeyRetireDelay, initLimitHalfOpen);
    }

    public IkeSettings withFragmentation(boolean on, int size) {
        return new IkeSettings(defaultLocalAddress, ikePort, retransmitBase, retransmitTries, halfOpenTimeout, natTPort, natKeepalive,
                ddosCookieThreshold, cookieSecretLifetime, on, size, rekeyRetireDelay, initLimitHalfOpen);
    }

    public IkeSettings withInitLimitHalfOpen(int n) {
        return new IkeSettings(defaultLocalAddress, ikePort, retransmitBase, retransmitTries, halfOpenTimeout, natTPort, natKeepalive,
                ddosCookieThreshold, cookieSecretLifetime, fragmentation, fragmentSize, rekeyRetireDelay, n);
    }
}
