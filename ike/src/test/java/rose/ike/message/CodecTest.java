package rose.ike.message;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {

    /** The chain codec is tested without the exchange rules (which would refuse this mix). */
    @Test void everyPayloadRoundTrips() throws IkeException {
        for (Payload p : Samples.all()) {
            byte[] enc = PayloadChain.encode(List.of(p));
            List<Payload> back = PayloadChain.decode(p.type(), enc, 0, enc.length);
            assertEquals(1, back.size(), p.toString());
            assertArrayEquals(enc, PayloadChain.encode(back), "re-encode of " + p);
            assertEquals(p.getClass(), back.get(0).getClass());
        }
        byte[] all = PayloadChain.encode(Samples.all());
        List<Payload> back = PayloadChain.decode(Samples.all().get(0).type(), all, 0, all.length);
        assertEquals(Samples.all().size(), back.size());
        assertArrayEquals(all, PayloadChain.encode(back));
    }

    @Test void skAndSkfRoundTrip() throws IkeException {
        for (Payload p : List.of(new SkPayload(PayloadType.IDI, Samples.n(64, 1)), new SkfPayload(PayloadType.IDI, 1, 3, Samples.n(40, 2)),
                new SkfPayload(0, 3, 3, Samples.n(40, 2)))) {
            byte[] m = IkeMessage.encodePlain(1, 2, ExchangeType.IKE_AUTH, IkeHeader.FLAG_INITIATOR, 1, List.of(p));
            IkeMessage d = IkeMessage.decode(m);
            assertEquals(p.nextPayloadOverride(), d.payloads().get(0).nextPayloadOverride());
            assertArrayEquals(m, IkeMessage.encodePlain(1, 2, ExchangeType.IKE_AUTH, IkeHeader.FLAG_INITIATOR, 1, d.payloads()));
        }
    }

    @Test void ikeSaInitMessageRoundTrips() throws IkeException {
        byte[] m = initRequest();
        IkeMessage d = IkeMessage.decode(m);
        assertEquals(0x1122334455667788L, d.header().spiI());
        assertEquals(ExchangeType.IKE_SA_INIT, d.header().exchange());
        assertTrue(d.header().fromInitiator());
        assertEquals(4, d.payloads().size());
    }

    static byte[] initRequest() {
        return IkeMessage.encodePlain(0x1122334455667788L, 0, ExchangeType.IKE_SA_INIT, IkeHeader.FLAG_INITIATOR, 0,
                List.of(Samples.sa(), new KePayload(14, Samples.n(256, 3)), new NoncePayload(Samples.n(32, 9)),
                        NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, Samples.n(20, 1))));
    }

    @Test void everyTruncationIsRejectedWithATypedException() {
        byte[] m = initRequest();
        for (int len = 0; len < m.length; len++) {
            byte[] t = Arrays.copyOf(m, len);
            assertThrows(IkeException.class, () -> IkeMessage.decode(t), "prefix " + len);
            // and with the header length patched, so the payload decoders' own checks are exercised
            if (len >= IkeHeader.SIZE) {
                Writer.putU32At(t, 24, len);
                assertThrows(IkeException.class, () -> IkeMessage.decode(t), "patched prefix " + len);
            }
        }
    }

    @Test void oversizedInputIsRejected() {
        byte[] m = initRequest();
        byte[] longer = Arrays.copyOf(m, m.length + 3);
        assertThrows(IkeException.class, () -> IkeMessage.decode(longer));
        Writer.putU32At(longer, 24, longer.length);
        assertThrows(IkeException.class, () -> IkeMessage.decode(longer), "trailing bytes after the last payload");
        byte[] bigPayload = m.clone();
        Writer.putU16At(bigPayload, IkeHeader.SIZE + 2, 0xffff); // SA payload claims 65535 bytes
        assertThrows(IkeException.class, () -> IkeMessage.decode(bigPayload));
    }

    @Test void perPayloadTruncationAndOversize() {
        for (Payload p : Samples.all()) {
            byte[] enc = PayloadChain.encode(List.of(p));
            for (int cut = 1; cut <= 4 && cut < enc.length; cut++) {
                byte[] t = Arrays.copyOf(enc, enc.length - cut);
                Writer.putU16At(t, 2, t.length);
                boolean variable = p instanceof VendorIdPayload || p instanceof CertPayload || p instanceof CertReqPayload && cut % 20 == 0
                        || p instanceof IdPayload id && id.idType() == IdPayload.ID_FQDN || p instanceof NotifyPayload || p instanceof AuthPayload
                        || p instanceof KePayload || p instanceof NoncePayload;
                if (!variable) assertThrows(IkeException.class, () -> PayloadChain.decode(p.type(), t, 0, t.length), p + " cut " + cut);
            }
            byte[] over = Arrays.copyOf(enc, enc.length);
            Writer.putU16At(over, 2, enc.length + 1);
            assertThrows(IkeException.class, () -> PayloadChain.decode(p.type(), over, 0, over.length), p + " oversize");
        }
    }

    @Test void wrongMajorVersionCarriesItsNotify() {
        byte[] m = initRequest();
        m[17] = 0x30;
        IkeException e = assertThrows(IkeException.class, () -> IkeMessage.decode(m));
        assertEquals(NotifyType.INVALID_MAJOR_VERSION, e.notifyType());
    }

    @Test void unknownCriticalPayloadIsRefusedAndNonCriticalSkipped() throws IkeException {
        List<Payload> ps = new ArrayList<>(List.of(new UnknownPayload(200, new byte[] {1, 2})));
        byte[] chain = PayloadChain.encode(ps);
        assertEquals(1, PayloadChain.decode(200, chain, 0, chain.length).size());
        chain[1] = (byte) 0x80;
        IkeException e = assertThrows(IkeException.class, () -> PayloadChain.decode(200, chain, 0, chain.length));
        assertEquals(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, e.notifyType());
    }

    @Test void exchangeRulesRefuseMisplacedAndMissingPayloads() {
        assertThrows(IkeException.class, () -> PayloadRules.check(ExchangeType.IKE_SA_INIT, false, List.of(Samples.sa(), new NoncePayload(Samples.n(16, 1)))));
        assertThrows(IkeException.class, () -> PayloadRules.check(ExchangeType.INFORMATIONAL, false, List.of(Samples.sa())));
        assertThrows(IkeException.class, () -> PayloadRules.check(ExchangeType.IKE_AUTH, false,
                List.of(new IdPayload(true, 1, new byte[4]), new AuthPayload(2, new byte[4]), Samples.espSa(), Samples.ts(true))));
        assertThrows(IkeException.class, () -> PayloadRules.check(ExchangeType.IKE_SA_INIT, false,
                List.of(Samples.sa(), Samples.sa(), new KePayload(14, new byte[1]), new NoncePayload(Samples.n(16, 1)))));
        assertDoesNotThrow(() -> PayloadRules.check(ExchangeType.IKE_SA_INIT, true, List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN))));
        assertDoesNotThrow(() -> PayloadRules.check(ExchangeType.IKE_AUTH, true, List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED))));
        assertThrows(IkeException.class, () -> IkeMessage.decode(IkeMessage.encodePlain(1, 2, ExchangeType.IKE_AUTH, 0, 1,
                List.of(new IdPayload(true, 1, new byte[4])))), "IKE_AUTH in the clear");
    }

    @Test void notifyRegistryNamesKnownAndUnknownTypes() {
        assertEquals("NO_PROPOSAL_CHOSEN", NotifyType.name(14));
        assertEquals("NAT_DETECTION_SOURCE_IP", NotifyType.name(16388));
        assertEquals("NOTIFY(9999)", NotifyType.name(9999));
        assertTrue(NotifyType.isError(NotifyType.AUTHENTICATION_FAILED));
        assertFalse(NotifyType.isError(NotifyType.COOKIE));
    }

    @Test void trafficSelectorNarrowing() {
        TrafficSelector wide = TrafficSelector.ofPrefix(new byte[] {10, 0, 0, 0}, 8, 0, 0);
        TrafficSelector narrow = TrafficSelector.ofPrefix(new byte[] {10, 1, 2, 0}, 24, 0, 0);
        assertEquals(narrow, wide.intersect(narrow));
        assertTrue(narrow.within(wide));
        assertFalse(wide.within(narrow));
        assertNull(narrow.intersect(TrafficSelector.ofPrefix(new byte[] {10, 1, 3, 0}, 24, 0, 0)));
    }
}
