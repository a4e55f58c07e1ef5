package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The PPTP control message reader takes bytes from the network: lengths are checked before any field. */
class PptpMessageFuzzTest {
    @Test
    void readsAReplyAndRefusesEveryTruncation() {
        byte[] m = PptpEndToEndTest.control(PptpMessage.OUT_CALL_REPLY, 32, 100, 7, 1);
        PptpMessage r = new PptpMessage();
        assertTrue(r.read(m, 0, m.length));
        assertEquals(PptpMessage.OUT_CALL_REPLY, r.type);
        assertEquals(100, r.id(m, 0));
        assertEquals(7, r.id(m, 1));
        assertEquals(1, r.resultCode(m));
        for (int n = 0; n < m.length; n++) assertFalse(r.read(m, 0, n), "cut at " + n);
        byte[] shortReply = PptpEndToEndTest.control(PptpMessage.OUT_CALL_REPLY, 20, 100, 7, 1);
        assertTrue(r.read(shortReply, 0, shortReply.length));
        assertEquals(0, r.type, "a reply shorter than RFC 2637's names no call");
    }

    @Test
    void mutatedAndRandomInputsNeverThrowAndStayInTheWindow() {
        SplittableRandom rnd = new SplittableRandom(23);
        PptpMessage r = new PptpMessage();
        int[][] seeds = {{PptpMessage.OUT_CALL_REQUEST, 168}, {PptpMessage.OUT_CALL_REPLY, 32}, {PptpMessage.CALL_DISCONNECT_NOTIFY, 148},
                {PptpMessage.SET_LINK_INFO, 24}};
        int typed = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (rnd.nextInt(5) == 0) {
                b = new byte[rnd.nextInt(200)];
                for (int k = 0; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
            } else {
                int[] s = seeds[rnd.nextInt(seeds.length)];
                byte[] one = PptpEndToEndTest.control(s[0], s[1], rnd.nextInt(65536), rnd.nextInt(65536), 1);
                b = new byte[one.length * 2];
                System.arraycopy(one, 0, b, 0, one.length);
                System.arraycopy(one, 0, b, one.length, one.length);
                for (int k = 0, flips = rnd.nextInt(3); k < flips; k++) b[rnd.nextInt(12)] = (byte) rnd.nextInt(256);
            }
            int end = rnd.nextInt(3) == 0 ? rnd.nextInt(b.length + 1) : b.length;
            for (int at = 0; r.read(b, at, end); at = r.at + r.length) {
                assertTrue(r.length >= 12 && r.at + r.length <= end, "message inside the window, input " + i);
                if (r.type != 0) { typed++; r.id(b, 1); }
            }
        }
        assertTrue(typed > 1000, "mutations keep some messages whole: " + typed);
    }
}
