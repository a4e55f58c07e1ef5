package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated copies of real traffic (IKE_SA_INIT, fragmented IKE_AUTH, CREATE_CHILD_SA,
 * INFORMATIONAL, NAT-T with the marker, keepalives) thrown at two established daemons: no
 * exception escapes and the established SAs are not disturbed (every protected mutation fails
 * integrity and is dropped without an answer).
 */
class DaemonFuzzTest {
    @Test void mutatedTrafficNeverThrowsNorDisturbsEstablishedSas() {
        BackToBack.Napt[] napt = new BackToBack.Napt[1];
        BackToBack w = new BackToBack(NatTraversalTest.INSIDE, BackToBack.B, s -> s.withFragmentation(true, 300), s -> s.withFragmentation(true, 300));
        napt[0] = new BackToBack.Napt(NatTraversalTest.INSIDE, NatTraversalTest.PUBLIC);
        w.path = napt[0];
        w.a.daemon.setPeers(List.of(BackToBack.peer("boise", BackToBack.B, "10.1.202.0/24", "10.1.101.0/24",
                rose.ike.config.IkeProfile.defaults(), rose.ike.config.ChildProposal.defaults(), rose.ike.config.Identity.psk("k"))));
        w.b.daemon.setPeers(List.of(BackToBack.peer("seattle", NatTraversalTest.PUBLIC, "10.1.101.0/24", "10.1.202.0/24",
                rose.ike.config.IkeProfile.defaults(), rose.ike.config.ChildProposal.defaults(), rose.ike.config.Identity.psk("k"))));
        w.a.daemon.initiate("boise");
        w.run();
        RekeyTest.rekeyChild(w.a, "boise");
        w.runFor(Duration.ofSeconds(30), Duration.ofSeconds(1));
        List<Datagram> corpus = new ArrayList<>(w.delivered);
        assertTrue(corpus.size() > 10);
        IkeSaView before = w.b.daemon.activePeers().get(0);
        List<NegotiatedChildSa> childrenBefore = w.b.daemon.established("seattle").children();
        int installedA = w.a.installed.size(), installedB = w.b.installed.size();
        Random r = new Random(1);
        String prop = System.getProperty("rose.ike.fuzz.iterations", "");
        long n = Math.max(20_000, (prop.isBlank() || prop.startsWith("$") ? 100_000 : Long.parseLong(prop)) / 10);
        for (long i = 0; i < n; i++) {
            Datagram d = corpus.get(r.nextInt(corpus.size()));
            byte[] m = d.data().clone();
            switch (r.nextInt(4)) {
                case 0: m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: m = java.util.Arrays.copyOf(m, r.nextInt(m.length + 1)); break;
                case 2: for (int k = 0; k < 1 + r.nextInt(8); k++) m[r.nextInt(m.length)] = (byte) r.nextInt(); break;
                default: if (m.length > 40) m[4 + 28 + r.nextInt(8)] = (byte) r.nextInt(); break;
            }
            BackToBack.Side to = d.destination().getAddress().equals(w.a.address) ? w.a : w.b;
            to.daemon.onDatagram(new Datagram(d.source(), d.destination(), m));
            if (i % 1000 == 0) w.wire.clear(); // answers to mutated IKE_SA_INITs go nowhere
        }
        w.wire.clear();
        IkeSaView after = w.b.daemon.activePeers().stream().filter(v -> v.state() == IkeSaState.ESTABLISHED).findFirst().orElseThrow();
        assertEquals(before.spiI(), after.spiI());
        assertEquals(childrenBefore, w.b.daemon.established("seattle").children());
        assertEquals(installedA, w.a.installed.size());
        assertEquals(installedB, w.b.installed.size());
        w.runFor(Duration.ofMinutes(3), Duration.ofSeconds(1)); // DPD still works both ways
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.established("boise").state());
    }
}
