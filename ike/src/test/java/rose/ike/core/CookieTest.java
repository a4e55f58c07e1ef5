package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;
import rose.ike.crypto.DhGroup;
import rose.ike.message.*;

/** Responder cookies under a flood of half-open IKE SAs (RFC 7296 §2.6). */
class CookieTest {

    static byte[] forgedInit(long spi, byte[] ke, SecureRandom r) {
        IkeProfile p = IkeProfile.defaults();
        byte[] ni = new byte[32];
        r.nextBytes(ni);
        List<Payload> ps = List.of(new SaPayload(rose.ike.config.RouterOsAlgorithms.ikeProposals(p.hashAlgorithms(), p.prfAlgorithm(), p.encAlgorithms(), p.dhGroups())),
                new KePayload(DhGroup.byRouterOsName("modp2048").id(), ke), new NoncePayload(ni));
        return IkeMessage.encodePlain(spi, 0, ExchangeType.IKE_SA_INIT, IkeHeader.FLAG_INITIATOR, 0, ps);
    }

    @Test void aFloodOfHalfOpenSasIsAnsweredWithCookiesAndTheRealPeerStillGetsIn() {
        BackToBack w = new BackToBack(A, B, s -> s, s -> s.withDdosCookieThreshold(5));
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        SecureRandom r = new SecureRandom(new byte[] {7});
        byte[] ke = DhGroup.byRouterOsName("modp2048").newExchange(r).publicValue();
        for (int i = 0; i < 200; i++) {
            // spoofed: same address as the real peer (it passes the peer lookup), any port, new SPI each time
            w.b.daemon.onDatagram(new Datagram(new InetSocketAddress(A, 1000 + i), ep(B), forgedInit(0x1000 + i, ke, r)));
        }
        assertEquals(5, w.b.daemon.halfOpenCount());
        assertEquals(5, w.b.daemon.activePeers().size(), "no state for the flood beyond the threshold");
        assertEquals(195, w.b.daemon.cookiesSent());
        assertTrue(w.b.logged("ddos-cookie-threshold 5"));
        long cookieAnswers = w.wire.stream().filter(d -> {
            try { return IkeMessage.notify(IkeMessage.decode(d.data()).payloads(), NotifyType.COOKIE) != null; } catch (IkeException e) { return false; }
        }).count();
        assertEquals(195, cookieAnswers);
        w.wire.removeIf(d -> d.destination().getAddress().equals(A)); // answers to spoofed sources go nowhere
        w.a.daemon.initiate("boise");
        w.run();
        assertTrue(w.a.logged("asked for a COOKIE"), w.a.dump());
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(1, w.a.installed.size());
        assertEquals(1, w.b.installed.size());
        w.runFor(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertEquals(0, w.b.daemon.halfOpenCount(), "the flood's half-open SAs time out");
        assertEquals(1, w.b.daemon.activePeers().size());
    }

    @Test void belowTheThresholdNoCookieIsAsked() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(0, w.b.daemon.cookiesSent());
        assertFalse(w.a.logged("COOKIE"));
    }

    @Test void cookiesAreBoundToNonceAddressAndSpiAndSurviveOneRotation() {
        Cookies c = new Cookies(new SecureRandom(new byte[] {1}), 60_000, 0);
        byte[] ni = new byte[32];
        byte[] cookie = c.make(ni, A, 42, 1_000);
        assertTrue(c.valid(cookie, ni, A, 42, 2_000));
        assertFalse(c.valid(cookie, ni, B, 42, 2_000));
        assertFalse(c.valid(cookie, ni, A, 43, 2_000));
        assertFalse(c.valid(cookie, new byte[32 + 1], A, 42, 2_000));
        assertTrue(c.valid(cookie, ni, A, 42, 61_000), "previous secret still accepted after one rotation");
        assertFalse(c.valid(cookie, ni, A, 42, 122_000), "two rotations later it is not");
        assertFalse(c.valid(new byte[36], ni, A, 42, 122_000));
        assertFalse(c.valid(new byte[3], ni, A, 42, 122_000));
    }

    /**
     * Under load the responder's cookie mode flips on and off: the first IKE_SA_INIT gets a COOKIE,
     * its retransmission (sent before the COOKIE arrived) finds the responder below the threshold
     * and creates the SA. The initiator accepts that answer but has sent the cookie'd request by
     * then and signs that one; when the cookie'd request reaches the responder it must take it
     * as the signed request (all payloads but the COOKIE are the same, §2.6), or AUTH fails. Seen
     * with 1,000 tunnels started at once (bench), where one in six failed with AUTHENTICATION_FAILED.
     */
    @Test void aCookieRetryThatCrossesTheAnswerToTheRetransmittedRequestStillAuthenticates() {
        BackToBack w = new BackToBack(A, B, s -> s, s -> s.withDdosCookieThreshold(1));
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        SecureRandom r = new SecureRandom(new byte[] {9});
        w.b.daemon.onDatagram(new Datagram(new InetSocketAddress(A, 999), ep(B),
                forgedInit(0x99, DhGroup.byRouterOsName("modp2048").newExchange(r).publicValue(), r)));
        assertEquals(1, w.b.daemon.halfOpenCount());
        w.wire.clear();
        w.a.daemon.initiate("boise");
        w.b.daemon.onDatagram(w.wire.poll());                    // IKE_SA_INIT #1: at the threshold, answered with a COOKIE
        Datagram cookie = w.wire.poll();
        assertTrue(w.wire.isEmpty());
        w.clock.advance(Duration.ofSeconds(31));
        w.b.daemon.onTick();                                      // the other half-open SA times out: below the threshold again
        assertEquals(0, w.b.daemon.halfOpenCount());
        w.a.daemon.onTick();                                      // A retransmits #1 (it has not seen the COOKIE yet)
        w.b.daemon.onDatagram(w.wire.poll());                    // ... which now creates the SA
        Datagram answerToRetransmission = w.wire.poll();
        w.a.daemon.onDatagram(cookie);                            // A retries with the COOKIE (#2) ...
        Datagram cookieRetry = w.wire.poll();
        w.a.daemon.onDatagram(answerToRetransmission);            // ... and takes the answer to #1': IKE_AUTH, signing #2
        Datagram auth = w.wire.poll();
        w.b.daemon.onDatagram(cookieRetry);                       // B answers #2 with the same answer, and signs against #2
        w.a.daemon.onDatagram(w.wire.poll());                     // (a duplicate to A: dropped)
        w.b.daemon.onDatagram(auth);
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump() + "\n---\n" + w.b.dump());
        assertEquals(1, w.a.installed.size());
        assertEquals(1, w.b.installed.size());
    }

    /**
     * A loaded responder answers both the IKE_SA_INIT and its retransmission with the same COOKIE;
     * the second one is a stale duplicate, not a reason to give up (the bench's 1,000 tunnels lost
     * some to "responder repeated the same COOKIE").
     */
    @Test void aRepeatedCookieAnsweringARetransmissionIsDroppedNotFatal() {
        BackToBack w = new BackToBack(A, B, s -> s, s -> s.withDdosCookieThreshold(0));
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.a.daemon.initiate("boise");
        Datagram first = w.wire.poll();
        w.clock.advance(Duration.ofSeconds(3));                    // 2 s and up to a quarter more of jitter
        w.a.daemon.onTick();                                       // no answer yet: A retransmits IKE_SA_INIT
        Datagram again = w.wire.poll();
        w.b.daemon.onDatagram(first);
        w.b.daemon.onDatagram(again);
        Datagram cookie1 = w.wire.poll(), cookie2 = w.wire.poll();
        w.a.daemon.onDatagram(cookie1);                            // retry with the COOKIE ...
        w.a.daemon.onDatagram(cookie2);                            // ... and the same COOKIE again: dropped
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(1, w.a.installed.size());
    }
}
