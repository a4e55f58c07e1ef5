package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The SIP/SDP reader takes bytes from the network: known messages give the right spots, media
 * and lengths; cut, mutated and random inputs never throw, and every spot, the body and the
 * Content-Length digits stay inside the window the reader was given, in text order.
 */
class SipMessageFuzzTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static final String INVITE = SipEndToEndTest.invite(SipEndToEndTest.sdp("10.0.1.10", 40000));
    private static final String OK = SipEndToEndTest.ok("10.0.2.1:5060", SipEndToEndTest.sdp("10.0.2.10", 50000));
    private static final String COMPACT = "REGISTER sip:registrar.example.com SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 192.168.1.20;rport;branch=z9hG4bKx\r\n"
            + "m: \"Bob\" <sips:bob@192.168.1.20:5070;transport=udp>;expires=3600\r\n"
            + "c: application/sdp\r\n"
            + "l: 62\r\n"
            + "\r\n"
            + "v=0\r\nc=IN IP4 192.168.1.20\r\nm=audio 0 RTP/AVP 0\r\nm=video 0 x\r\n";

    @Test
    void knownMessagesParse() {
        SipMessage m = new SipMessage();
        byte[] inv = b(INVITE);
        assertTrue(m.parse(inv, 0, inv.length));
        assertTrue(m.request);
        assertEquals(SipMessage.INVITE, m.method);
        assertTrue(m.sdp);
        assertEquals(1, m.media);
        assertEquals(40000, m.mediaPort[0]);
        assertEquals(0x0A00010A, m.mediaAddr[0]);
        assertEquals(inv.length - m.bodyStart, m.contentLength);
        // request URI, Via, Contact, o=, c=, m=; From's URI is not a spot (Linux leaves it too)
        assertEquals(6, m.spots);
        assertEquals("10.0.2.10", INVITE.substring(m.spotStart[0], m.spotEnd[0]));
        assertEquals("10.0.1.10:5060", INVITE.substring(m.spotStart[1], m.spotEnd[1]));
        assertEquals("10.0.1.10:5060", INVITE.substring(m.spotStart[2], m.spotEnd[2]));
        assertEquals(SipMessage.SDP_PORT, m.spotKind[5]);
        assertEquals("40000", INVITE.substring(m.spotStart[5], m.spotEnd[5]));

        byte[] ok = b(OK);
        assertTrue(m.parse(ok, 0, ok.length));
        assertFalse(m.request);
        assertEquals(200, m.status);
        assertEquals(50000, m.mediaPort[0]);

        byte[] reg = b(COMPACT);
        assertTrue(m.parse(reg, 0, reg.length));
        assertEquals(SipMessage.REGISTER, m.method);
        assertEquals("192.168.1.20", COMPACT.substring(m.spotStart[0], m.spotEnd[0]), "Via without a port");
        assertFalse(m.spotHasPort[0]);
        assertEquals(5060, m.spotPort[0]);
        assertEquals("192.168.1.20:5070", COMPACT.substring(m.spotStart[1], m.spotEnd[1]), "sips: Contact behind a display name");
        assertEquals(2, m.media);
        assertEquals(0, m.mediaPort[0], "port 0: a refused stream");
        assertEquals(0xC0A80114, m.mediaAddr[1], "the session's c= applies to every medium");

        String resp = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 10.0.2.1:5062;received=10.0.2.1;branch=x;rport=6000\r\n\r\n";
        assertTrue(m.parse(b(resp), 0, resp.length()));
        assertEquals(3, m.spots);
        assertEquals(SipMessage.VIA_RECEIVED, m.spotKind[1]);
        assertEquals("10.0.2.1", resp.substring(m.spotStart[1], m.spotEnd[1]));
        assertEquals(SipMessage.VIA_RPORT, m.spotKind[2]);
        assertEquals("6000", resp.substring(m.spotStart[2], m.spotEnd[2]));
        assertEquals(0x0A000201, m.spotAddr[2], "rport belongs to the received address");

        assertFalse(m.parse(b("HTTP/1.1 200 OK\r\n\r\n"), 0, 19));
        assertFalse(m.parse(b("INVITE sip:a@1.2.3.4 SIP/3.0\r\n\r\n"), 0, 32));
        String longer = "OPTIONS sip:x@1.2.3.4 SIP/2.0\r\nContent-Length: 10\r\n\r\nabc";
        assertFalse(m.parse(b(longer), 0, longer.length()), "Content-Length past the datagram: cut");
        String name = "OPTIONS sip:x@1.2.3.4.example.com SIP/2.0\r\n\r\n";
        assertTrue(m.parse(b(name), 0, name.length()));
        assertEquals(0, m.spots, "a host name is no address");
    }

    @Test
    void everyTruncationIsRefusedOrStaysInside() {
        SipMessage m = new SipMessage();
        for (String s : new String[] {INVITE, OK, COMPACT}) {
            byte[] full = b(s);
            int headersEnd = s.indexOf("\r\n\r\n") + 4;
            for (int n = 0; n < full.length; n++) {
                boolean ok = m.parse(full, 0, n);
                if (n < headersEnd - 2) assertFalse(ok, s + " cut at " + n);   // no empty line yet
                else if (ok) assertInside(m, 0, n);
                if (n >= headersEnd && n < full.length) assertFalse(ok, "a body shorter than Content-Length, cut at " + n);
            }
        }
    }

    @Test
    void mutatedAndRandomInputsNeverThrowAndStayInTheWindow() {
        SplittableRandom rnd = new SplittableRandom(23);
        SipMessage m = new SipMessage();
        String[] seeds = {INVITE, OK, COMPACT, "SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP 10.0.2.1:5062;received=10.0.2.1;rport=6000,SIP/2.0/UDP 1.2.3.4\r\nl: 0\r\n\r\n"};
        byte[] buf = new byte[2048];
        for (int i = 0; i < 200_000; i++) {
            byte[] s = b(seeds[rnd.nextInt(seeds.length)]);
            int off = rnd.nextInt(64);
            System.arraycopy(s, 0, buf, off, s.length);
            int end = off + s.length;
            int flips = 1 + rnd.nextInt(6);
            for (int k = 0; k < flips; k++) {
                int at = off + rnd.nextInt(s.length);
                switch (rnd.nextInt(4)) {
                    case 0: buf[at] = (byte) rnd.nextInt(256); break;
                    case 1: buf[at] = (byte) "0123456789.:@ \r\n=/;<>".charAt(rnd.nextInt(21)); break;
                    case 2: end = at; break;                                     // cut
                    default: buf[at] = (byte) ('0' + rnd.nextInt(10)); break;
                }
            }
            if (m.parse(buf, off, end)) assertInside(m, off, end);
        }
        for (int i = 0; i < 100_000; i++) {
            int n = rnd.nextInt(300);
            for (int k = 0; k < n; k++) buf[k] = (byte) rnd.nextInt(256);
            if (m.parse(buf, 0, n)) assertInside(m, 0, n);
        }
        assertFalse(m.parse(buf, -1, 10));
        assertFalse(m.parse(buf, 0, buf.length + 1));
    }

    @Test
    void readingAMessageAllocatesNothing() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        SipMessage m = new SipMessage();
        byte[] inv = b(INVITE), text = new byte[64];
        for (int i = 0; i < 20_000; i++) { m.parse(inv, 0, inv.length); SipHelper.dotted(i, text, 0); }   // warm up (JIT)
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) { m.parse(inv, 0, inv.length); SipHelper.dotted(i, text, 0); }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 4096, bytes + " bytes allocated by 100,000 reads");   // the counter's own call may take a few
    }

    private static void assertInside(SipMessage m, int from, int to) {
        assertTrue(m.bodyStart >= from && m.bodyStart <= m.bodyEnd && m.bodyEnd <= to);
        if (m.lengthStart >= 0) assertTrue(m.lengthStart >= from && m.lengthEnd <= m.bodyStart && m.lengthStart < m.lengthEnd);
        int last = from;
        for (int i = 0; i < m.spots; i++) {
            assertTrue(m.spotStart[i] >= last && m.spotStart[i] < m.spotEnd[i] && m.spotEnd[i] <= to, "spot " + i);
            last = m.spotEnd[i];
            if (m.spotKind[i] == SipMessage.SDP_PORT) assertTrue(m.spotMedia[i] >= 0 && m.spotMedia[i] < m.media);
        }
        for (int i = 0; i < m.media; i++) assertTrue(m.mediaPort[i] >= 0 && m.mediaPort[i] <= 65535);
    }
}
