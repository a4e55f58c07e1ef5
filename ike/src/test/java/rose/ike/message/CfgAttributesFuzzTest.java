package rose.ike.message;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mode-config attributes: a CP payload body (as the codec would hand it over after its own
 * checks) mutated and decoded, then typed by {@link CfgAttributes}; only {@link IkeException}
 * may come out, and a well-formed reply round-trips. Iterations: {@code rose.ike.fuzz.iterations}.
 */
class CfgAttributesFuzzTest {
    static CpPayload sampleReply() throws Exception {
        return CfgAttributes.reply(InetAddress.getByName("192.168.77.254"), 24, List.of(InetAddress.getByName("10.5.8.1")),
                List.of(InetAddress.getByName("10.5.8.0"), InetAddress.getByName("172.16.0.0")), List.of(24, 12));
    }

    /** IKEv1's way (RouterOS, Cisco Unity): split networks in UNITY_SPLIT_INCLUDE, split-DNS domains comma separated. */
    static CpPayload unityReply() throws Exception {
        byte[] nets = new byte[28];
        System.arraycopy(InetAddress.getByName("10.5.8.0").getAddress(), 0, nets, 0, 4);
        System.arraycopy(CfgAttributes.mask(24), 0, nets, 4, 4);
        System.arraycopy(InetAddress.getByName("172.16.0.0").getAddress(), 0, nets, 14, 4);
        System.arraycopy(CfgAttributes.mask(12), 0, nets, 18, 4);
        return new CpPayload(CpPayload.CFG_REPLY, List.of(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_ADDRESS, InetAddress.getByName("192.168.77.254").getAddress()),
                new CpPayload.Attribute(CfgAttributes.UNITY_SPLIT_INCLUDE, nets),
                new CpPayload.Attribute(CfgAttributes.UNITY_SPLITDNS_NAME, "corp.example,lab.example".getBytes()),
                new CpPayload.Attribute(CfgAttributes.INTERNAL_DNS_DOMAIN, "v2.example".getBytes())));
    }

    @Test void unityNetworksAndSplitDnsDomainsAreRead() throws Exception {
        CfgAttributes a = CfgAttributes.of(CpPayload.decode(Reader.of(body(unityReply()), "CP")));
        assertEquals(2, a.subnets().size());
        assertEquals(InetAddress.getByName("172.16.0.0"), a.subnets().get(1)[0]);
        assertEquals(List.of("corp.example", "lab.example", "v2.example"), a.domains());
        CpPayload badLength = new CpPayload(CpPayload.CFG_REPLY, List.of(new CpPayload.Attribute(CfgAttributes.UNITY_SPLIT_INCLUDE, new byte[13])));
        assertThrows(IkeException.class, () -> CfgAttributes.of(badLength));
        CpPayload notAName = new CpPayload(CpPayload.CFG_REPLY, List.of(new CpPayload.Attribute(CfgAttributes.INTERNAL_DNS_DOMAIN, "a b".getBytes())));
        assertThrows(IkeException.class, () -> CfgAttributes.of(notAName));
        CpPayload v2 = CfgAttributes.reply(InetAddress.getByName("192.168.77.254"), 32, List.of(), List.of(), List.of(), List.of("corp.example"));
        assertEquals(List.of("corp.example"), CfgAttributes.of(CpPayload.decode(Reader.of(body(v2), "CP"))).domains(), "INTERNAL_DNS_DOMAIN round-trips");
    }

    static byte[] body(CpPayload cp) {
        Writer w = new Writer();
        cp.encodeBody(w);
        return w.toByteArray();
    }

    @Test void aReplyRoundTrips() throws Exception {
        CfgAttributes a = CfgAttributes.of(CpPayload.decode(Reader.of(body(sampleReply()), "CP")));
        assertEquals(InetAddress.getByName("192.168.77.254"), a.address());
        assertEquals(24, a.prefixLength());
        assertEquals(List.of(InetAddress.getByName("10.5.8.1")), a.dns());
        assertEquals(2, a.subnets().size());
        assertEquals(InetAddress.getByName("255.240.0.0"), a.subnets().get(1)[1]);
        CfgAttributes q = CfgAttributes.of(CpPayload.decode(Reader.of(body(CfgAttributes.request()), "CP")));
        assertTrue(q.addressRequested() && q.dnsRequested() && q.address() == null);
    }

    @Test void malformedAttributesAreInvalidSyntax() {
        CpPayload shortAddress = new CpPayload(CpPayload.CFG_REPLY, List.of(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_ADDRESS, new byte[3])));
        assertEquals(NotifyType.INVALID_SYNTAX, assertThrows(IkeException.class, () -> CfgAttributes.of(shortAddress)).notifyType());
        CpPayload holeyMask = new CpPayload(CpPayload.CFG_REPLY, List.of(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_NETMASK, new byte[] {(byte) 255, 0, (byte) 255, 0})));
        assertThrows(IkeException.class, () -> CfgAttributes.of(holeyMask));
    }

    @Test void noExceptionOtherThanIkeExceptionEscapes() throws Exception {
        Random r = new Random(0xCF6);
        byte[][] corpus = {body(sampleReply()), body(CfgAttributes.request()), body(unityReply())};
        long n = DecoderFuzzTest.iterations(), typed = 0, rejected = 0;
        for (long i = 0; i < n; i++) {
            byte[] in;
            if (i % 10 == 0) {
                in = new byte[r.nextInt(64)];
                r.nextBytes(in);
            } else {
                in = corpus[r.nextInt(corpus.length)].clone();
                for (int k = 1 + r.nextInt(4); k > 0 && in.length > 0; k--) {
                    switch (r.nextInt(3)) {
                        case 0: in[r.nextInt(in.length)] ^= (byte) (1 << r.nextInt(8)); break;
                        case 1: in[r.nextInt(in.length)] = (byte) r.nextInt(256); break;
                        default: in = java.util.Arrays.copyOf(in, Math.max(0, in.length + r.nextInt(9) - 4)); break;
                    }
                }
            }
            try {
                CfgAttributes.of(CpPayload.decode(Reader.of(in, "CP")));
                typed++;
            } catch (IkeException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("CP body " + rose.ike.Hex.encode(in) + " threw " + e, e);
            }
        }
        assertEquals(n, typed + rejected);
        assertTrue(typed > 0 && rejected > 0, "typed " + typed + ", rejected " + rejected);
    }
}
