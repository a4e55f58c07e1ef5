package rose.os;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The codec without a kernel: layouts round-trip, and every truncation is EBADMSG, never an index error. */
class XfrmCodecTest {
    static InetAddress a(String s) throws Exception { return InetAddress.getByName(s); }

    @Test void aNewSaRequestHasTheStructSizesAndAttributesTheKernelExpects() throws Exception {
        XfrmSa sa = new XfrmSa(a("10.0.0.2"), 0xc0ffee01, Xfrm.IPPROTO_ESP, a("10.0.0.1"), Xfrm.MODE_TUNNEL, 9, 128, true, 0,
                XfrmLifetime.NONE, Optional.empty(), Optional.of(new XfrmAlgorithm("cbc(aes)", new byte[16], 0)),
                Optional.of(new XfrmAlgorithm("hmac(sha1)", new byte[20], 96)), Optional.of(new XfrmSa.XfrmEncap(2, 4500, 4500)),
                Optional.empty(), 7, 0);
        byte[] m = XfrmCodec.sa(Xfrm.MSG_NEWSA, 1, sa);
        // header + usersa_info + crypt(4+68+16) + auth(4+72+20) + encap(4+24) + esn(4+24+16) + if_id(8)
        assertEquals(16 + 224 + 88 + 96 + 28 + 44 + 8, m.length);
        XfrmCodec.Reader r = new XfrmCodec.Reader(m, 16, m.length, "test");
        XfrmSaInfo info = XfrmCodec.readSa(r, 0, XfrmCodec.USERSA_INFO);
        assertEquals(0xc0ffee01, info.spi());
        assertEquals(a("10.0.0.2"), info.dst());
        assertEquals(a("10.0.0.1"), info.src());
        assertEquals(9, info.reqid());
        assertEquals(Optional.of(new XfrmSa.XfrmEncap(2, 4500, 4500)), info.encap());
        assertEquals(7, info.ifId());
        assertEquals(XfrmLifetime.NONE, info.lifetime());
    }

    @Test void truncatedRepliesAndAttributesAreEbadmsg() throws Exception {
        XfrmPolicy p = new XfrmPolicy(new XfrmSelector(a("10.0.0.0"), 24, a("10.0.1.0"), 24, 6, 0, 443, 0), Xfrm.POLICY_OUT, Xfrm.POLICY_ALLOW, 3, 0,
                List.of(new XfrmTemplate(Xfrm.AF_INET, Xfrm.IPPROTO_ESP, Xfrm.MODE_TRANSPORT, Optional.empty(), Optional.empty(), 0, 4, true)), 0);
        byte[] m = XfrmCodec.policy(Xfrm.MSG_NEWPOLICY, 1, p);
        assertEquals(p, XfrmCodec.readPolicy(new XfrmCodec.Reader(m, 16, m.length, "test"), 0, XfrmCodec.USERPOLICY_INFO));
        for (int end = 16; end < m.length; end++) {
            int e = end;
            try {
                XfrmCodec.readPolicy(new XfrmCodec.Reader(m, 16, e, "cut"), 0, XfrmCodec.USERPOLICY_INFO);
                // a cut exactly between attributes parses as a policy without them: acceptable
                assertTrue(e == 16 + XfrmCodec.USERPOLICY_INFO, "cut at " + e + " parsed");
            } catch (NativeException x) {
                assertEquals("EBADMSG", x.errnoName(), x.getMessage());
            }
        }
        m[16 + XfrmCodec.USERPOLICY_INFO] = 2;   // attribute length 2 < 4
        NativeException x = assertThrows(NativeException.class, () -> XfrmCodec.readPolicy(new XfrmCodec.Reader(m, 16, m.length, "bad"), 0, XfrmCodec.USERPOLICY_INFO));
        assertEquals("EBADMSG", x.errnoName());
    }
}
