package rose.ike.core;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * How many IKE SAs we initiate at once (strongSwan's {@code charon.init_limit_half_open}).
 *
 * <p>A router booting with a thousand tunnels configured used to send a thousand IKE_SA_INITs in
 * the same instant. Every queue on the way (its own transmit ring, the wire, the peer's receive
 * queue, the peer's half-open table and its COOKIE threshold, RFC 7296 §2.6) then overflowed,
 * and each loss cost a 2 s retransmission. With a bounded number in flight, an initiation
 * waits here instead and starts when one of ours leaves the half-open state (established, or
 * failed): the window moves as fast as the two ends can compute, and nothing is lost to
 * the burst. Retransmission of what is in flight stays as RFC 7296 §2.1 has it.
 *
 * <p>Peers wait in first-come order, each at most once. Single-threaded, like the daemon.
 */
final class InitiationPacing {
    private final int limit;
    private final LinkedHashSet<String> waiting = new LinkedHashSet<>();
    private int inFlight;
    private long deferred;

    /** {@code limit} 0: no limit. */
    InitiationPacing(int limit) { this.limit = limit; }

    boolean mayStart() { return limit == 0 || inFlight < limit; }

    void started() { inFlight++; }

    void finished() { if (inFlight > 0) inFlight--; }

    /** The peer initiates when a slot frees (again only once if asked twice meanwhile). */
    void defer(String peer) { if (waiting.add(peer)) deferred++; }

    void cancel(String peer) { waiting.remove(peer); }

    /** The longest-waiting peer, taken off the queue, when a slot is free; else null. */
    String next() {
        if (!mayStart() || waiting.isEmpty()) return null;
        Iterator<String> it = waiting.iterator();
        String p = it.next();
        it.remove();
        return p;
    }

    int inFlight() { return inFlight; }
    int waiting() { return waiting.size(); }
    long deferred() { return deferred; }
}
