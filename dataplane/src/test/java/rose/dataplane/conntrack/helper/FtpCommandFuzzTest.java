package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The FTP and IRC DCC readers take bytes from the network: known lines parse to the right
 * address and port, and truncated, mutated and random inputs never throw and never report a
 * span outside the window they were given.
 */
class FtpCommandFuzzTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static final String[] CLIENT = {"PORT 192,168,1,10,4,1\r\n", "port 10,0,0,1,255,255\n", "EPRT |1|132.235.1.2|6275|\r\n",
            "EPRT !1!10.1.2.3!21!\r\n"};
    private static final String[] SERVER = {"227 Entering Passive Mode (192,168,1,2,19,137).\r\n", "227 =10,0,0,5,200,1\r\n",
            "229 Entering Extended Passive Mode (|||6446|)\r\n"};

    @Test
    void knownLinesParse() {
        FtpCommand c = new FtpCommand();
        assertTrue(c.parse(b(CLIENT[0]), 0, CLIENT[0].length(), false));
        assertEquals(FtpCommand.PORT, c.kind);
        assertEquals(0xC0A8010A, c.address);
        assertEquals(1025, c.port);
        assertEquals("192,168,1,10,4,1", CLIENT[0].substring(c.textStart, c.textEnd));
        assertTrue(c.parse(b(CLIENT[2]), 0, CLIENT[2].length(), false));
        assertEquals(FtpCommand.EPRT, c.kind);
        assertEquals(6275, c.port);
        assertEquals("|1|132.235.1.2|6275|", CLIENT[2].substring(c.textStart, c.textEnd));
        assertTrue(c.parse(b(SERVER[0]), 0, SERVER[0].length(), true));
        assertEquals(FtpCommand.PASV, c.kind);
        assertEquals(5001, c.port);
        assertTrue(c.parse(b(SERVER[1]), 0, SERVER[1].length(), true), "227 without a parenthesis (RFC 1123 leniency)");
        assertTrue(c.parse(b(SERVER[2]), 0, SERVER[2].length(), true));
        assertEquals(FtpCommand.EPSV, c.kind);
        assertEquals("6446", SERVER[2].substring(c.textStart, c.textEnd));
        assertFalse(c.parse(b(CLIENT[0]), 0, CLIENT[0].length(), true), "PORT from the server is not a command");
        assertFalse(c.parse(b("PORT 192,168,1,256,4,1\r\n"), 0, 24, false), "octet over 255");
        assertFalse(c.parse(b("PORT 1,2,3,4,0,0\r\n"), 0, 19, false), "port 0");
        assertFalse(c.parse(b("EPRT |2|::1|5282|\r\n"), 0, 19, false), "IPv6 is not ours");
        assertFalse(c.parse(b("PORT 1,2,3,4,5,6 extra\r\n"), 0, 24, false));
    }

    @Test
    void everyTruncationOfALineIsRefused() {
        FtpCommand c = new FtpCommand();
        for (String s : CLIENT) for (int n = 0; n < s.length() - 1; n++) assertFalse(c.parse(b(s), 0, n, false), s + " cut at " + n);
        for (String s : SERVER) for (int n = 0; n < s.length() - 1; n++) assertFalse(c.parse(b(s), 0, n, true), s + " cut at " + n);
    }

    @Test
    void formatThenParseGivesBackAddressAndPort() {
        SplittableRandom rnd = new SplittableRandom(5);
        FtpCommand c = new FtpCommand();
        byte[] text = new byte[64];
        for (String s : new String[] {CLIENT[0], CLIENT[2], SERVER[0], SERVER[2]}) {
            boolean server = s.startsWith("2");
            for (int i = 0; i < 2000; i++) {
                assertTrue(c.parse(b(s), 0, s.length(), server));
                int addr = rnd.nextInt(), port = 1 + rnd.nextInt(65535);
                int n = c.format(addr, port, text);
                String line = s.substring(0, c.textStart) + new String(text, 0, n, StandardCharsets.ISO_8859_1) + s.substring(c.textEnd);
                assertTrue(c.parse(b(line), 0, line.length(), server), line);
                assertEquals(port, c.port, line);
                if (c.kind != FtpCommand.EPSV) assertEquals(addr, c.address, line);
            }
        }
    }

    @Test
    void mutatedAndRandomInputsNeverThrowAndStayInTheWindow() {
        SplittableRandom rnd = new SplittableRandom(17);
        FtpCommand c = new FtpCommand();
        DccOffer d = new DccOffer();
        String dcc = "PRIVMSG x :\u0001DCC SEND f 3232235786 4000 10\u0001\r\n";
        String[] seeds = {CLIENT[0], CLIENT[2], SERVER[0], SERVER[2], dcc};
        int parsed = 0;
        for (int i = 0; i < 300_000; i++) {
            byte[] in;
            if (rnd.nextInt(6) == 0) {
                in = new byte[rnd.nextInt(80)];
                for (int k = 0; k < in.length; k++) in[k] = (byte) rnd.nextInt(256);
            } else {
                in = b(seeds[rnd.nextInt(seeds.length)]);
                int flips = 1 + rnd.nextInt(3);
                for (int k = 0; k < flips && in.length > 0; k++) in[rnd.nextInt(in.length)] = (byte) "0123456789,|()\r\n .\u0001"
                        .charAt(rnd.nextInt(19));
            }
            int off = in.length == 0 || rnd.nextInt(4) != 0 ? 0 : rnd.nextInt(Math.min(5, in.length));
            int end = rnd.nextInt(4) != 0 ? in.length : off + rnd.nextInt(in.length - off + 1);
            for (boolean server : new boolean[] {false, true}) {
                if (c.parse(in, off, end, server)) {
                    parsed++;
                    assertTrue(c.textStart >= off && c.textStart <= c.textEnd && c.textEnd <= end, "span inside the window, input " + i);
                    assertTrue(c.port > 0 && c.port <= 65535);
                }
            }
            if (d.find(in, off, end)) {
                assertTrue(d.textStart >= off && d.textStart < d.textEnd && d.textEnd <= end, "dcc span, input " + i);
                assertTrue(d.port > 0 && d.port <= 65535);
            }
        }
        assertTrue(parsed > 1000, "mutations keep some lines valid: " + parsed);
    }

    @Test
    void dccOffersOfEveryKind() {
        DccOffer d = new DccOffer();
        for (String type : new String[] {"SEND f.txt", "CHAT chat", "MOVE f", "TSEND f", "SCHAT chat"}) {
            String s = "PRIVMSG b :\u0001DCC " + type + " 3232235786 4000\u0001";
            assertTrue(d.find(b(s), 0, s.length()), s);
            assertEquals(0xC0A8010A, d.address);
            assertEquals(4000, d.port);
        }
        String bad = "PRIVMSG b :\u0001DCC RESUME f 3232235786 4000\u0001";
        assertFalse(d.find(b(bad), 0, bad.length()));
        String huge = "PRIVMSG b :\u0001DCC SEND f 99999999999 4000\u0001";
        assertFalse(d.find(b(huge), 0, huge.length()), "address over 32 bits");
    }
}
