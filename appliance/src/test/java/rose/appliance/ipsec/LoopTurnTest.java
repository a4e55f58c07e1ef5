package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.ike.core.Datagram;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.Transform;

/**
 * A turn of the IKE loop publishes its SA changes as one dataplane table, and only then sends
 * its datagrams: a peer that hears of an SA from us finds it in our dataplane.
 */
class LoopTurnTest {
    private final DataplaneIpsecBackend backend = new DataplaneIpsecBackend(CryptoEngines.standard(), System::nanoTime);
    /** What left on the wire, with the number of tables published at that moment. */
    private final List<String> wire = java.util.Collections.synchronizedList(new ArrayList<>());   // the threaded test sends from the loop
    private final LoopTurn turn = new LoopTurn(d -> wire.add(new String(d.data()) + "@" + backend.publications()), backend);

    private static SaParams sa(int spi) throws Exception {
        Transform t = Transform.of("aes-128-gcm", "");
        return new SaParams(new SaId(spi, InetAddress.getByName("10.0.0.2"), IpsecProtocol.ESP), InetAddress.getByName("10.0.0.1"),
                SaMode.TUNNEL, t, new byte[t.encKeymatBytes()], new byte[t.authKeymatBytes()], Optional.empty(), 64, false,
                Lifetime.UNLIMITED, 1, 0, Optional.empty());
    }

    private static Datagram datagram(String text) {
        return new Datagram(new InetSocketAddress("10.0.0.1", 500), new InetSocketAddress("10.0.0.2", 500), text.getBytes());
    }

    private void install(int spi) {
        try {
            backend.addSa(sa(spi));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTurnsDatagramsLeaveAfterItsSasArePublishedOnce() throws Exception {
        long before = backend.publications();
        turn.begin();
        install(0x100);
        turn.send(datagram("auth-answer-1"));
        install(0x101);
        turn.send(datagram("auth-answer-2"));
        assertEquals(List.of(), wire, "held until the turn ends");
        assertEquals(before, backend.publications());
        turn.end();
        long after = before + 1;
        assertEquals(List.of("auth-answer-1@" + after, "auth-answer-2@" + after), wire, "both SAs in one table, published before either answer left");
        assertEquals(2, backend.installedSas().size());
    }

    /** What could not announce an unpublished SA goes at once (the peer is not kept idle); after a change, sends keep their order behind it. */
    @Test
    void aSendBeforeAnyChangeLeavesAtOnceAndLaterOnesKeepTheirOrder() {
        long before = backend.publications();
        turn.begin();
        turn.send(datagram("init-request"));
        assertEquals(List.of("init-request@" + before), wire, "nothing pending: sent at once");
        install(0x110);
        turn.send(datagram("auth-answer"));
        turn.end();
        assertEquals(List.of("init-request@" + before, "auth-answer@" + (before + 1)), wire);
    }

    /** A long batch (Diffie-Hellman on a loaded CPU) keeps an answer waiting no longer than HOLD_NANOS. */
    @Test
    void afterWorkReleasesWhatHasWaitedLongEnough() throws Exception {
        long before = backend.publications();
        turn.begin();
        install(0x120);
        turn.send(datagram("auth-answer"));
        turn.afterWork();
        assertEquals(List.of(), wire, "not waited long enough yet");
        Thread.sleep(LoopTurn.HOLD_NANOS / 1_000_000L + 5);
        turn.afterWork();
        assertEquals(List.of("auth-answer@" + (before + 1)), wire, "published, then sent, mid-turn");
        turn.end();
        assertEquals(before + 1, backend.publications(), "nothing more to publish at the end");
    }

    @Test
    void outsideATurnASendLeavesAtOnce() {
        turn.send(datagram("keepalive"));
        assertEquals(List.of("keepalive@" + backend.publications()), wire);
    }

    /** The stepped loop: a drain of many datagrams is one turn, so one table for all their SAs. */
    @Test
    void aDrainOfDatagramsPublishesOneTable() {
        IkeLoop loop = IkeLoop.stepped(64);
        loop.turns(turn);
        long before = backend.publications();
        for (int i = 0; i < 20; i++) {
            int spi = 0x200 + i;
            assertTrue(loop.offer(() -> { install(spi); turn.send(datagram("answer-" + spi)); }));
        }
        loop.drain();
        assertEquals(before + 1, backend.publications(), "20 SAs, one table");
        assertEquals(20, wire.size());
        assertTrue(wire.stream().allMatch(w -> w.endsWith("@" + (before + 1))), wire.toString());
    }

    /** A console command's caller, once answered, finds its changes in the dataplane and its datagrams sent. */
    @Test
    void aCallReleasesItsChangesBeforeItsCallerIsAnswered() throws Exception {
        try (IkeLoop loop = IkeLoop.threaded("turn-test", 64, () -> { }, e -> { })) {
            loop.turns(turn);
            long before = backend.publications();
            loop.call(() -> { install(0x300); turn.send(datagram("delete")); return null; });
            assertEquals(before + 1, backend.publications());
            assertEquals(1, backend.installedSas().size());
            synchronized (wire) { assertEquals(List.of("delete@" + (before + 1)), wire); }
        }
    }

    /** One datagram the wire refuses does not keep the rest of the turn's datagrams from leaving. */
    @Test
    void aRefusedDatagramDoesNotHoldBackTheOthers() {
        List<String> sent = new ArrayList<>();
        LoopTurn t = new LoopTurn(d -> {
            if (new String(d.data()).equals("bad")) throw new IllegalArgumentException("IPv6");
            sent.add(new String(d.data()));
        }, backend);
        t.begin();
        install(0x400);                 // a change pending: both wait for the turn's end
        t.send(datagram("bad"));
        t.send(datagram("good"));
        try {
            t.end();
        } catch (IllegalArgumentException expected) {
            // rethrown after the others went out
        }
        assertEquals(List.of("good"), sent);
    }
}
