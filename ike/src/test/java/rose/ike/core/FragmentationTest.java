package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;
import rose.ike.message.IkeMessage;

/** IKE_AUTH bigger than the path MTU, sent in SKF fragments and reassembled (RFC 7383). */
class FragmentationTest {
    static final int PATH_LIMIT = 700;

    /** A my-id long enough to push IKE_AUTH well past the path limit (as a certificate chain would). */
    static BackToBack pair(boolean aFrag, boolean bFrag) {
        BackToBack w = new BackToBack(A, B, s -> s.withFragmentation(aFrag, 576), s -> s.withFragmentation(bFrag, 576));
        String longId = "fqdn:" + "seattle-".repeat(150) + "example.net";
        Identity ia = new Identity(Identity.AuthMethod.PRE_SHARED_KEY, "k".getBytes(), IdSpec.parse(longId), IdSpec.AUTO);
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), ia)));
        w.b.daemon.setPeers(List.of(peer("seattle", A, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.drop = d -> d.data().length > PATH_LIMIT;
        return w;
    }

    static boolean fragment(Datagram d) {
        try { return IkeMessage.decode(d.data()).skf() != null; } catch (Exception e) { return false; }
    }

    @Test void bigIkeAuthIsFragmentedAndReassembled() {
        BackToBack w = pair(true, true);
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state(), w.b.dump());
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(1, w.a.installed.size());
        assertTrue(w.b.logged("reassembled from"), w.b.dump());
        assertTrue(w.delivered.stream().filter(FragmentationTest::fragment).count() >= 2);
        assertTrue(w.delivered.stream().allMatch(d -> d.data().length <= 576));
    }

    @Test void aLostFragmentIsRecoveredByRetransmission() {
        BackToBack w = pair(true, true);
        AtomicInteger seen = new AtomicInteger();
        w.drop = d -> d.data().length > PATH_LIMIT || (fragment(d) && seen.incrementAndGet() == 2);
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofSeconds(20), Duration.ofMillis(500));
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(1, w.b.installed.size());
    }

    @Test void withoutFragmentationTheOversizedIkeAuthNeverArrives() {
        BackToBack w = pair(true, false); // B does not announce IKEV2_FRAGMENTATION_SUPPORTED
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofSeconds(200), Duration.ofSeconds(1));
        assertTrue(w.a.daemon.activePeers().isEmpty());
        assertTrue(w.a.logged("phase1 negotiation failed due to time up"));
    }

    @Test void fragmentBufferIsBoundedAndPrefersTheLargerTotal() throws Exception {
        FragmentBuffer f = new FragmentBuffer();
        assertNull(f.add(3, 1, 2, 35, new byte[] {1}));
        assertNull(f.add(3, 1, 3, 35, new byte[] {1}), "a larger total restarts (the sender re-fragmented)");
        assertNull(f.add(3, 2, 2, 0, new byte[] {9}), "a smaller total is dropped");
        assertNull(f.add(3, 2, 3, 0, new byte[] {2}));
        assertArrayEquals(new byte[] {1, 2, 3}, f.add(3, 3, 3, 0, new byte[] {3}));
        assertEquals(35, f.firstInner());
        assertNull(f.add(3, 3, 3, 0, new byte[] {3}), "a copy after completion is dropped");
        assertThrows(rose.ike.message.IkeException.class, () -> f.add(4, 1, FragmentBuffer.MAX_FRAGMENTS + 1, 35, new byte[1]));
    }
}
