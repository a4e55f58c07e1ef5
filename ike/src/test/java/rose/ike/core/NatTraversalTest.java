package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;

/** NAT detection, floating to 4500 with the non-ESP marker, keepalives and mapping changes (RFC 7296 §2.23, RFC 3948). */
class NatTraversalTest {
    static final InetAddress INSIDE = addr("10.0.0.2"), PUBLIC = addr("203.0.113.1");

    static BackToBack behindNapt(BackToBack.Napt[] napt) {
        BackToBack w = new BackToBack(INSIDE, B, s -> s, s -> s);
        napt[0] = new BackToBack.Napt(INSIDE, PUBLIC);
        w.path = napt[0];
        w.a.daemon.setPeers(List.of(peer("boise", B, "10.1.202.0/24", "10.1.101.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(peer("seattle", PUBLIC, "10.1.101.0/24", "10.1.202.0/24", IkeProfile.defaults(), ChildProposal.defaults(), Identity.psk("k"))));
        w.a.daemon.initiate("boise");
        w.run();
        return w;
    }

    @Test void natIsDetectedAndBothSidesFloatTo4500WithTheNonEspMarker() {
        BackToBack.Napt[] napt = new BackToBack.Napt[1];
        BackToBack w = behindNapt(napt);
        IkeSaView a = w.a.daemon.activePeers().get(0), b = w.b.daemon.activePeers().get(0);
        assertEquals(IkeSaState.ESTABLISHED, a.state(), w.a.dump());
        assertEquals(IkeSaState.ESTABLISHED, b.state(), w.b.dump());
        assertTrue(a.natDetected() && b.natDetected());
        assertEquals(4500, a.local().getPort());
        assertEquals(4500, a.remote().getPort());
        assertEquals(4500, b.local().getPort());
        assertEquals(PUBLIC, b.remote().getAddress());
        assertNotEquals(4500, b.remote().getPort(), "the NAPT picked the port");
        NegotiatedChildSa ca = w.a.installed.get(0), cb = w.b.installed.get(0);
        assertEquals(NegotiatedChildSa.Encapsulation.UDP, ca.encapsulation());
        assertEquals(NegotiatedChildSa.Encapsulation.UDP, cb.encapsulation());
        assertEquals(b.remote(), cb.remote(), "ESP-in-UDP goes to the NAPT's mapping");
        long on4500 = w.delivered.stream().filter(d -> d.destination().getPort() == 4500 || d.source().getPort() == 4500).count();
        assertTrue(on4500 >= 2);
        for (Datagram d : w.delivered) {
            boolean natT = d.destination().getPort() == 4500 || (d.source().getPort() == 4500 && d.source().getAddress().equals(B));
            if (natT) assertArrayEquals(new byte[4], java.util.Arrays.copyOf(d.data(), 4), "non-ESP marker");
            else assertEquals(500, d.destination().getPort() == 500 ? 500 : d.source().getPort());
        }
    }

    @Test void withoutNatNothingFloats() {
        BackToBack w = BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        assertEquals(500, w.a.daemon.activePeers().get(0).local().getPort());
        assertFalse(w.a.daemon.activePeers().get(0).natDetected());
        w.runFor(Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertEquals(0, w.a.daemon.keepalivesSent());
    }

    @Test void theSideBehindNatSendsKeepalivesEvery20Seconds() {
        BackToBack.Napt[] napt = new BackToBack.Napt[1];
        BackToBack w = behindNapt(napt);
        w.delivered.clear();
        w.runFor(Duration.ofSeconds(100), Duration.ofSeconds(1));
        assertTrue(w.a.daemon.keepalivesSent() >= 4 && w.a.daemon.keepalivesSent() <= 5, "sent " + w.a.daemon.keepalivesSent());
        assertEquals(0, w.b.daemon.keepalivesSent(), "B is not behind NAT");
        assertTrue(w.delivered.stream().anyMatch(d -> d.data().length == 1 && d.data()[0] == (byte) 0xff && d.destination().getPort() == 4500));
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state());
    }

    @Test void aChangedNatMappingIsFollowedAndReported() {
        BackToBack.Napt[] napt = new BackToBack.Napt[1];
        BackToBack w = behindNapt(napt);
        var before = w.b.daemon.activePeers().get(0).remote();
        napt[0].remap(); // the NAT forgot us: the next packet leaves from a new port
        IkeSa sa = w.a.daemon.established("boise");
        sa.enqueue(new DpdInitiator(sa)); // any authenticated message will do
        w.run();
        var after = w.b.daemon.activePeers().get(0).remote();
        assertNotEquals(before, after);
        assertEquals(PUBLIC, after.getAddress());
        assertTrue(w.b.logged("NAT mapping of peer changed"), w.b.dump());
        assertEquals(1, w.b.natChanges.size());
        assertEquals(after, w.b.natChanges.get(0).remote());
        assertEquals(after, w.b.daemon.established("seattle").children().get(0).remote());
        // and the tunnel keeps working from the new mapping: B's DPD reaches A
        w.runFor(Duration.ofMinutes(5), Duration.ofSeconds(1));
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state());
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state());
    }

    @Test void aForgedUnauthenticatedMessageDoesNotMoveTheSa() {
        BackToBack.Napt[] napt = new BackToBack.Napt[1];
        BackToBack w = behindNapt(napt);
        IkeSa sa = w.b.daemon.established("seattle");
        var before = sa.remote();
        byte[] junk = new byte[60];
        java.nio.ByteBuffer.wrap(junk).putLong(sa.spiI()).putLong(sa.spiR()).put((byte) 46).put((byte) 0x20).put((byte) 37).put((byte) 0x08).putInt(5).putInt(60);
        byte[] marked = new byte[64];
        System.arraycopy(junk, 0, marked, 4, 60);
        w.b.daemon.onDatagram(new Datagram(new java.net.InetSocketAddress(PUBLIC, 1234), new java.net.InetSocketAddress(B, 4500), marked));
        assertEquals(before, sa.remote());
        assertTrue(w.b.natChanges.isEmpty());
    }
}
