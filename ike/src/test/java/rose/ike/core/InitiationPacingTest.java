package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeMessage;

/** init-limit-half-open: many tunnels to one peer start a bounded number at a time, and none waits forever. */
class InitiationPacingTest {
    static final int TUNNELS = 40, LIMIT = 5;

    /** A with {@code TUNNELS} peers (one per LAN) towards B, which answers them all with one wide policy. */
    static BackToBack manyTunnels(int limit) {
        BackToBack w = new BackToBack(A, B, s -> s.withInitLimitHalfOpen(limit), s -> s.withDdosCookieThreshold(LIMIT + 1));
        List<PeerConfig> peers = new ArrayList<>();
        for (int i = 0; i < TUNNELS; i++) peers.add(noInitialContact(peer("t" + i, B, "10.1." + i + ".0/24", "172.16." + i + ".0/24",
                IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.a.daemon.setPeers(peers);
        w.b.daemon.setPeers(List.of(peer("a", A, "172.16.0.0/16", "10.1.0.0/16", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        return w;
    }

    /** Each of A's tunnels is its own IKE SA; INITIAL_CONTACT would tell B to drop the others. */
    static PeerConfig noInitialContact(PeerConfig p) {
        return new PeerConfig(p.name(), p.address(), p.localAddress(), p.port(), p.passive(), p.exchangeMode(), p.profile(), p.identity(), p.policies(), false);
    }

    static long initRequests(List<Datagram> ds) {
        return ds.stream().filter(d -> {
            try {
                IkeMessage m = IkeMessage.decode(d.data());
                return m.header().exchange() == ExchangeType.IKE_SA_INIT && !m.header().isResponse();
            } catch (IkeException e) {
                return false;
            }
        }).count();
    }

    @Test void onlyTheLimitIsInFlightAndTheRestFollowAsSlotsFree() {
        BackToBack w = manyTunnels(LIMIT);
        for (int i = 0; i < TUNNELS; i++) w.a.daemon.initiate("t" + i);
        assertEquals(LIMIT, w.a.daemon.initiationsInFlight());
        assertEquals(TUNNELS - LIMIT, w.a.daemon.initiationsWaiting());
        assertEquals(LIMIT, initRequests(new ArrayList<>(w.wire)), "one IKE_SA_INIT per slot, not one per tunnel");
        w.a.daemon.initiate("t39");   // asked again while waiting: still once in the queue
        assertEquals(TUNNELS - LIMIT, w.a.daemon.initiationsWaiting());

        int maxHalfOpen = 0;
        while (!w.wire.isEmpty()) {   // deliver one at a time, watching the responder's half-open table
            Datagram d = w.wire.poll();
            (d.destination().getAddress().equals(A) ? w.a : w.b).daemon.onDatagram(d);
            w.delivered.add(d);
            maxHalfOpen = Math.max(maxHalfOpen, w.b.daemon.halfOpenCount());
        }
        assertTrue(maxHalfOpen <= LIMIT, "responder saw " + maxHalfOpen + " half-open");
        assertEquals(TUNNELS, w.a.installed.size(), w.a.dump());
        assertEquals(TUNNELS, w.b.installed.size(), w.b.dump());
        assertEquals(0, w.a.daemon.initiationsInFlight());
        assertEquals(0, w.a.daemon.initiationsWaiting());
        assertEquals(TUNNELS - LIMIT, w.a.daemon.initiationsDeferred());
        assertEquals(TUNNELS, initRequests(w.delivered), "no IKE_SA_INIT sent twice");
        assertEquals(0, w.a.daemon.retransmits());
        assertEquals(0, w.b.daemon.cookiesSent(), "a paced initiator stays under the responder's COOKIE threshold");
    }

    @Test void withoutALimitEveryTunnelStartsAtOnce() {
        BackToBack w = manyTunnels(0);
        for (int i = 0; i < TUNNELS; i++) w.a.daemon.initiate("t" + i);
        assertEquals(TUNNELS, initRequests(new ArrayList<>(w.wire)));
        assertEquals(0, w.a.daemon.initiationsWaiting());
    }

    @Test void aPeerThatNeverAnswersGivesItsSlotBackWhenItGivesUp() {
        BackToBack w = new BackToBack(A, B, s -> s.withInitLimitHalfOpen(1), s -> s);
        PeerConfig dead = peer("dead", addr("203.0.113.9"), "10.1.1.0/24", "10.2.1.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"));
        PeerConfig boise = peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"));
        w.a.daemon.setPeers(List.of(dead, boise));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.a.daemon.initiate("dead");
        w.a.daemon.initiate("boise");
        assertEquals(1, w.a.daemon.initiationsWaiting());
        w.runFor(Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertTrue(w.a.installed.isEmpty(), "boise waits while the dead peer holds the only slot");
        w.runFor(Duration.ofSeconds(100), Duration.ofSeconds(1));   // 2+4+...+64 s of RFC 7296 retransmissions, then "time up"
        assertTrue(w.a.daemon.lastFailure("dead").orElse("").contains("no reply"), w.a.dump());
        assertEquals(1, w.a.installed.size(), w.a.dump());
        assertEquals(0, w.a.daemon.initiationsInFlight());
    }

    @Test void aKilledPeerLeavesTheQueue() {
        BackToBack w = manyTunnels(1);
        w.a.daemon.initiate("t0");
        w.a.daemon.initiate("t1");
        w.a.daemon.terminate("t1");
        w.run();
        assertEquals(1, w.a.installed.size());
        assertEquals(0, w.a.daemon.initiationsWaiting());
    }
}
