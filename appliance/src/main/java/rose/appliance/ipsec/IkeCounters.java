package rose.appliance.ipsec;

/**
 * Where a router's IKE datagrams went, read from one status snapshot: what tells a loss on the
 * way (a full receive queue here, a drop in the dataplane counted under its node, a peer that
 * did not answer) from a slow peer.
 *
 * @param datagramsSent       datagrams the daemon handed to the dataplane (punt/inject path)
 * @param datagramsReceived   UDP 500/4500 datagrams the dataplane delivered to IKE
 * @param receiveQueueDrops   of those, dropped because the IKE receive queue was full (a socket's RcvbufErrors)
 * @param retransmits         our requests sent again for want of an answer (RFC 7296 §2.1)
 * @param cookiesSent         IKE_SA_INITs answered with a COOKIE (responder under load, §2.6)
 * @param halfOpen            responder IKE SAs between IKE_SA_INIT and IKE_AUTH
 * @param initiationsInFlight our IKE SAs between IKE_SA_INIT and the end of IKE_AUTH
 * @param initiationsWaiting  initiations waiting for a slot (init-limit-half-open)
 * @param initLimitHalfOpen   that limit (0: none)
 */
public record IkeCounters(long datagramsSent, long datagramsReceived, long receiveQueueDrops, long retransmits, long cookiesSent,
                          int halfOpen, int initiationsInFlight, int initiationsWaiting, int initLimitHalfOpen) {
    public static final IkeCounters ZERO = new IkeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
