package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeMessage;

/**
 * What an IKE SA keeps once IKE_AUTH is over: neither end holds the DH private value or the
 * IKE_SA_INIT messages, and the responder no longer finds the SA by its IKE_SA_INIT (the
 * half-open lookup), so 100 tunnels do not hold 100 of each for their whole life.
 */
class ExchangeStateTest {

    private static void assertNoExchangeState(IkeSa sa, String side) {
        assertNotNull(sa, side + ": no established IKE SA");
        assertNull(sa.ke, side + ": DH private value kept after IKE_AUTH");
        assertNull(sa.initRequestRaw, side + ": IKE_SA_INIT request kept after IKE_AUTH");
        assertNull(sa.initResponseRaw, side + ": IKE_SA_INIT response kept after IKE_AUTH");
        assertNull(sa.halfOpenKey, side + ": still registered as half-open");
    }

    @Test void afterIkeAuthNeitherEndKeepsTheInitialExchangesState() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        BackToBackTest.assertTunnelUp(w);
        assertNoExchangeState(w.a.daemon.established("boise"), "initiator");
        assertNoExchangeState(w.b.daemon.established("seattle"), "responder");
        assertEquals(0, w.b.daemon.halfOpenCount());
        assertEquals(0, w.b.daemon.halfOpenLookups(), "the responder's half-open lookup still holds the SA");
        // the nonces stay: a CHILD_SA rekey without PFS still gets keys both ends agree on
        assertNotNull(w.b.daemon.established("seattle").ni);
    }

    @Test void whileIkeAuthIsAwaitedTheResponderStillAnswersARetransmittedIkeSaInit() throws IkeException {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        Datagram init = w.wire.poll();
        assertEquals(ExchangeType.IKE_SA_INIT, IkeMessage.decode(init.data()).header().exchange());
        w.b.daemon.onDatagram(init);
        Datagram answer = w.wire.poll();
        assertEquals(1, w.b.daemon.halfOpenLookups());
        w.b.daemon.onDatagram(init);   // the initiator's retransmission: the same answer, no second SA
        assertArrayEquals(answer.data(), w.wire.poll().data());
        assertEquals(1, w.b.daemon.activePeers().size());
        w.wire.add(answer);
        w.run();
        BackToBackTest.assertTunnelUp(w);
        assertEquals(0, w.b.daemon.halfOpenLookups());
    }

    @Test void anIkeSaInitArrivingAfterIkeAuthLeavesTheTunnelAloneAndItsHalfOpenSaTimesOut() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        BackToBackTest.assertTunnelUp(w);
        IkeSa up = w.b.daemon.established("seattle");
        Datagram init = w.delivered.get(0);
        w.b.daemon.onDatagram(init);   // a late duplicate from the network
        w.run();
        assertSame(up, w.b.daemon.established("seattle"));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(1, w.a.installed.size());
        assertEquals(1, w.b.installed.size());
        w.runFor(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertEquals(0, w.b.daemon.halfOpenCount(), "the duplicate's half-open SA times out");
        assertEquals(0, w.b.daemon.halfOpenLookups());
        assertEquals(1, w.b.daemon.activePeers().size());
        assertSame(up, w.b.daemon.established("seattle"));
        assertNoExchangeState(up, "responder");
    }
}
