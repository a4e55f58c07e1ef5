package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rose.ike.message.HeaderMutations;
import rose.ike.message.Writer;
import rose.ike.v1.message.*;

/**
 * Random and mutated ISAKMP datagrams: into the decoder (only IsakmpException may come out) and
 * into two established IKEv1 daemons (nothing escapes, the tunnel stays up). Iterations:
 * {@code -Drose.ike.fuzz.iterations=N} (default 1,000,000 in CI (ike/pom.xml)), e.g.
 * {@code mvn -pl ike test -Dtest=IkeV1FuzzTest -Drose.ike.fuzz.iterations=10000000}.
 */
class IkeV1FuzzTest {
    static long iterations() {
        String s = System.getProperty("rose.ike.fuzz.iterations", "");
        return s.isBlank() || s.startsWith("$") ? 100_000 : Long.parseLong(s);
    }

    /** Every datagram of a main mode + quick mode + aggressive mode + DPD run, markers stripped. */
    static List<byte[]> capturedCorpus() {
        List<byte[]> c = new ArrayList<>();
        BackToBack w = IkeV1BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.runFor(Duration.ofMinutes(5), Duration.ofSeconds(5));
        BackToBack ag = IkeV1BackToBackTest.pair(rose.ike.config.PeerConfig.ExchangeMode.AGGRESSIVE, rose.ike.config.IkeProfile.defaults(),
                rose.ike.config.IkeProfile.defaults(), rose.ike.config.ChildProposal.defaults(), rose.ike.config.ChildProposal.defaults(), "k", "k");
        ag.a.daemon.initiate("boise");
        ag.run();
        for (Datagram d : w.delivered) if (d.data().length > 28) c.add(d.data());
        for (Datagram d : ag.delivered) if (d.data().length > 28) c.add(d.data());
        return c;
    }

    static List<byte[]> plainCorpus() {
        List<byte[]> c = new ArrayList<>();
        List<V1Payload> all = List.of(
                SaPayload.ipsec(List.of(new V1Proposal(1, 1, new byte[0], List.of(new V1Transform(1, 1, List.of(DataAttribute.basic(1, 7),
                        DataAttribute.number(12, 86400), new DataAttribute(16, false, new byte[] {1, 2, 3}))))))),
                new KePayload(new byte[128]), new IdPayload(IdPayload.ID_IPV4_ADDR_SUBNET, 17, 500, new byte[8]), new CertPayload(4, new byte[20]),
                new CertRequestPayload(4, new byte[0]), new HashPayload(new byte[20]), new SigPayload(new byte[64]), new NoncePayload(new byte[32]),
                NotificationPayload.of(1, new byte[16], V1NotifyType.R_U_THERE, new byte[4]),
                new DeletePayload(1, 3, 4, List.of(new byte[4], new byte[4])), new VendorIdPayload(new byte[16]), new NatDPayload(new byte[20]),
                new NatOaPayload(IdPayload.ID_IPV4_ADDR, new byte[4]), new UnknownV1Payload(15, new byte[8]),
                new AttributePayload(AttributePayload.REPLY, 7, List.of(DataAttribute.basic(AttributePayload.XAUTH_TYPE, 0),
                        new DataAttribute(AttributePayload.XAUTH_USER_NAME, false, "alice".getBytes()), new DataAttribute(AttributePayload.XAUTH_USER_PASSWORD, false, new byte[0]))));
        for (V1Payload p : all) c.add(IsakmpMessage.encodePlain(0x1122334455667788L, 0, V1ExchangeType.IDENTITY_PROTECTION, 0, List.of(p)));
        c.add(IsakmpMessage.encodePlain(1, 2, V1ExchangeType.QUICK, 7, all));
        return c;
    }

    @Test void decoderLetsOnlyIsakmpExceptionOut() {
        Random r = new Random(0x15A);
        List<byte[]> corpus = new ArrayList<>(plainCorpus());
        corpus.addAll(capturedCorpus());
        long n = iterations(), decoded = 0, rejected = 0;
        for (long i = 0; i < n; i++) {
            byte[] in;
            if (i % 10 == 0) {
                in = new byte[r.nextInt(200)];
                r.nextBytes(in);
                if (in.length >= IsakmpHeader.SIZE) { in[17] = 0x10; in[19] &= 0x07; Writer.putU32At(in, 24, in.length); }
            } else {
                in = HeaderMutations.mutate(corpus.get(r.nextInt(corpus.size())), r);
            }
            try {
                IsakmpMessage m = IsakmpMessage.decode(in);
                if (m.chain() == null) V1PayloadChain.decode(r.nextInt(22), in, IsakmpHeader.SIZE, in.length - IsakmpHeader.SIZE, true);
                decoded++;
            } catch (IsakmpException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("input " + rose.ike.Hex.encode(in) + " threw " + e, e);
            }
        }
        assertEquals(n, decoded + rejected);
        assertTrue(decoded > 0 && rejected > 0, "decoded " + decoded + ", rejected " + rejected);
    }

    @Test void mutatedDatagramsNeverDisturbEstablishedDaemons() {
        BackToBack w = IkeV1BackToBackTest.pair();
        w.a.daemon.initiate("boise");
        w.run();
        List<Datagram> seen = new ArrayList<>(w.delivered);
        Random r = new Random(7);
        long n = Math.max(1000, iterations() / 20);
        for (long i = 0; i < n; i++) {
            Datagram d = seen.get(r.nextInt(seen.size()));
            byte[] data = d.data().clone();
            // keep the cookies most of the time so the message reaches the SA and its exchanges
            int from = r.nextInt(4) == 0 ? 0 : 16;
            for (int k = 0; k < 1 + r.nextInt(3); k++) if (data.length > from) data[from + r.nextInt(data.length - from)] ^= (byte) (1 << r.nextInt(8));
            if (r.nextBoolean() && data.length >= 28) Writer.putU32At(data, 24, data.length);
            BackToBack.Side to = d.destination().getAddress().equals(w.a.address) ? w.a : w.b;
            try {
                to.daemon.onDatagram(new Datagram(d.source(), d.destination(), data));
                to.daemon.onDatagram(new Datagram(new InetSocketAddress(d.source().getAddress(), 4500), new InetSocketAddress(d.destination().getAddress(), 4500),
                        prefixMarker(data)));
            } catch (RuntimeException | Error e) {
                fail("datagram " + rose.ike.Hex.encode(data) + " threw " + e, e);
            }
            w.wire.clear();
        }
        // a mutation that leaves a valid first message (zero responder cookie) opens a half-open SA beside ours, as any MM1 would
        assertTrue(w.a.daemon.activePeers().stream().anyMatch(v -> v.state() == IkeSaState.ESTABLISHED), w.a.dump());
        assertTrue(w.b.daemon.activePeers().stream().anyMatch(v -> v.state() == IkeSaState.ESTABLISHED), w.b.dump());
        assertEquals(1, w.a.outbound.size());
    }

    /** Mode-config transactions (pull, then a REQUEST replayed as mutated garbage): the road warrior keeps its one address. */
    @Test void mutatedModeConfigTransactionsNeverDisturbTheRoadWarrior() {
        ModeConfigTest.Pool pool = new ModeConfigTest.Pool("192.168.77.254", "192.168.77.253");
        BackToBack w = IkeV1ModeConfigTest.roadWarrior(pool);
        w.a.daemon.initiate("office");
        w.run();
        List<Datagram> seen = new ArrayList<>();
        for (Datagram d : w.delivered) if (d.data().length > 18 && d.data()[18] == V1ExchangeType.TRANSACTION) seen.add(d);
        assertFalse(seen.isEmpty());
        Random r = new Random(0x6CF6);
        long n = Math.max(1000, iterations() / 20);
        for (long i = 0; i < n; i++) {
            Datagram d = seen.get(r.nextInt(seen.size()));
            byte[] data = d.data().clone();
            for (int k = 0; k < 1 + r.nextInt(3); k++) data[16 + r.nextInt(data.length - 16)] ^= (byte) (1 << r.nextInt(8));
            BackToBack.Side to = d.destination().getAddress().equals(w.a.address) ? w.a : w.b;
            try {
                to.daemon.onDatagram(new Datagram(d.source(), d.destination(), data));
            } catch (RuntimeException | Error e) {
                fail("datagram " + rose.ike.Hex.encode(data) + " threw " + e, e);
            }
            int before = w.delivered.size();
            w.run();
            assertTrue(w.delivered.size() - before < 50, "datagram " + rose.ike.Hex.encode(data) + " started an exchange of " + (w.delivered.size() - before) + " datagrams:\n" + w.a.dump());
        }
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump());
        assertEquals(IkeSaState.ESTABLISHED, w.b.daemon.activePeers().get(0).state(), w.b.dump());
        assertEquals(List.of(BackToBack.addr("192.168.77.254")), pool.leased, "still one lease");
        assertEquals(1, w.a.modeConfig.size());
    }

    private static byte[] prefixMarker(byte[] b) {
        byte[] o = new byte[b.length + 4];
        System.arraycopy(b, 0, o, 4, b.length);
        return o;
    }
}
