package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The p2p signatures, one real-looking first payload per protocol, the near misses that must not
 * be taken for them, and a fuzz run: the classifier reads bytes from the network, so no input may
 * make it throw or read outside the window it was given.
 */
class P2pClassifierTest {
    private static final int TCP = Protocols.TCP, UDP = Protocols.UDP;

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    static byte[] le32(int v) { return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)}; }

    static byte[] filled(int n, int v) { byte[] b = new byte[n]; java.util.Arrays.fill(b, (byte) v); return b; }

    /** BEP 3: pstrlen 19, pstr, 8 reserved bytes, info hash, peer id. */
    static byte[] bitTorrentHandshake() { return cat(ascii("\u0013BitTorrent protocol"), new byte[8], filled(20, 0xab), ascii("-ROSE01-123456789012")); }

    /** BEP 5: a ping query. */
    static byte[] dhtPing() { return ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"); }

    /** eDonkey hello: 0xe3, LE32 size, opcode 0x01, hash size 16, user hash ... */
    static byte[] edonkeyHello() {
        byte[] body = cat(new byte[] {0x01, 16}, filled(16, 0x5a), new byte[10]);
        return cat(new byte[] {(byte) 0xe3}, le32(body.length), body);
    }

    static int classify(int proto, byte[] p) { return P2pClassifier.classify(proto, p, 0, p.length); }

    @Test
    void eachProtocolIsRecognisedByItsOpening() {
        assertEquals(P2pClassifier.BIT_TORRENT, classify(TCP, bitTorrentHandshake()));
        assertEquals(P2pClassifier.BIT_TORRENT, classify(TCP, ascii("GET /announce?info_hash=%12%34&peer_id=x&port=6881 HTTP/1.0\r\n\r\n")));
        assertEquals(P2pClassifier.BIT_TORRENT, classify(UDP, dhtPing()));
        assertEquals(P2pClassifier.BIT_TORRENT, classify(UDP, cat(new byte[] {0, 0, 4, 0x17, 0x27, 0x10, 0x19, (byte) 0x80}, new byte[4], le32(77))));
        assertEquals(P2pClassifier.EDONKEY, classify(TCP, edonkeyHello()));
        assertEquals(P2pClassifier.EDONKEY, classify(UDP, new byte[] {(byte) 0xe3, (byte) 0x96, 1, 2, 3, 4}));
        assertEquals(P2pClassifier.EDONKEY, classify(UDP, cat(new byte[] {(byte) 0xe4, 0x11}, filled(20, 1))));
        assertEquals(P2pClassifier.GNUTELLA, classify(TCP, ascii("GNUTELLA CONNECT/0.6\r\nUser-Agent: x\r\n\r\n")));
        assertEquals(P2pClassifier.GNUTELLA, classify(TCP, ascii("GNUTELLA/0.6 200 OK\r\n\r\n")));
        assertEquals(P2pClassifier.GNUTELLA, classify(TCP, ascii("GIV 0:0123456789ABCDEF/file\n\n")));
        assertEquals(P2pClassifier.DIRECT_CONNECT, classify(TCP, ascii("$MyNick alice|$Lock EXTENDEDPROTOCOLabc Pk=x|")));
        assertEquals(P2pClassifier.DIRECT_CONNECT, classify(TCP, ascii("$Lock EXTENDEDPROTOCOL_verlihub Pk=version0.9.8e|")));
        byte[] user = ascii("alice");
        byte[] peerInit = cat(new byte[] {1}, le32(user.length), user, le32(1), ascii("P"), le32(42));
        assertEquals(P2pClassifier.SOULSEEK, classify(TCP, cat(le32(peerInit.length), peerInit)));
        byte[] pw = ascii("secret");
        byte[] login = cat(le32(1), le32(user.length), user, le32(pw.length), pw, le32(157), le32(32), filled(32, 'a'), le32(17));
        assertEquals(P2pClassifier.SOULSEEK, classify(TCP, cat(le32(login.length), login)));
        assertEquals(P2pClassifier.SOULSEEK, classify(TCP, cat(le32(5), new byte[] {0}, le32(1234))));
        assertEquals(P2pClassifier.FASTTRACK, classify(TCP, ascii("GET /.hash=0123456789abcdef HTTP/1.1\r\n\r\n")));
        assertEquals(P2pClassifier.FASTTRACK, classify(TCP, ascii("GET /x HTTP/1.1\r\nHost: a\r\nX-Kazaa-Username: bob\r\n\r\n")));
        assertEquals(P2pClassifier.WINMX, classify(TCP, ascii("SEND")));
        assertEquals(P2pClassifier.WINMX, classify(TCP, ascii("GET")));
    }

    @Test
    void ordinaryTrafficAndNearMissesAreNotP2p() {
        assertEquals(0, classify(TCP, ascii("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n")));
        assertEquals(0, classify(TCP, ascii("GET /announce HTTP/1.1\r\n\r\n")), "an announce page without info_hash");
        assertEquals(0, classify(TCP, ascii("SSH-2.0-OpenSSH_9.6\r\n")));
        assertEquals(0, classify(TCP, ascii("$HOME is not a command|")));
        assertEquals(0, classify(TCP, ascii("$MyNick alice")), "a DC command ends with |");
        assertEquals(0, classify(TCP, ascii("SENDER")));
        byte[] hello = edonkeyHello();
        hello[1]++;   // the length no longer matches the segment
        assertEquals(0, classify(TCP, hello));
        assertEquals(0, classify(UDP, new byte[] {(byte) 0xe3, 0x01, 0, 0}), "0xe3 with a TCP-only opcode");
        assertEquals(0, classify(UDP, ascii("d1:ad2:id20:abcdefghij0123456789ee")), "bencode without a KRPC type");
        assertEquals(0, classify(TCP, dhtPing()), "KRPC is UDP");
        assertEquals(0, classify(UDP, bitTorrentHandshake()), "the peer handshake is TCP");
        assertEquals(0, classify(TCP, new byte[0]));
        assertEquals(0, classify(Protocols.ICMP, bitTorrentHandshake()));
        // DNS query and a TLS ClientHello
        assertEquals(0, classify(UDP, new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', 0, 0, 1, 0, 1}));
        assertEquals(0, classify(TCP, ClientHellos.withSni("www.example.com")));
    }

    @Test
    void protocolWordsParseAndTheUnknowableAreRefused() {
        assertEquals(P2pClassifier.ALL, P2pMatch.parse("all-p2p").protocols());
        assertEquals(P2pClassifier.EDONKEY, P2pMatch.parse("edonkey").protocols());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> P2pMatch.parse("blubster")).getMessage().contains("not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> P2pMatch.parse("warez")).getMessage().contains("not supported"));
        assertEquals("invalid value for argument p2p: kazaa", assertThrows(IllegalArgumentException.class, () -> P2pMatch.parse("kazaa")).getMessage());
    }

    @Test
    void mutatedCutAndRandomPayloadsNeverThrowNorReadOutsideTheWindow() {
        SplittableRandom rnd = new SplittableRandom(4);
        byte[][] seeds = {bitTorrentHandshake(), dhtPing(), edonkeyHello(), ascii("GNUTELLA CONNECT/0.6\r\n\r\n"),
                ascii("$MyNick alice|"), cat(le32(9), new byte[] {1}, le32(0), le32(1)), ascii("GET /.hash=ab HTTP/1.1\r\n")};
        int hits = 0;
        for (int i = 0; i < 300_000; i++) {
            byte[] b;
            int pick = rnd.nextInt(10);
            if (pick == 0) {
                b = new byte[rnd.nextInt(200)];
                for (int k = 0; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
            } else {
                b = seeds[rnd.nextInt(seeds.length)].clone();
                int flips = rnd.nextInt(4);
                for (int k = 0; k < flips && b.length > 0; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            // the window is a slice of a larger buffer whose outside is poisoned with signature bytes
            int pad = rnd.nextInt(8);
            byte[] buf = new byte[b.length + 2 * pad];
            java.util.Arrays.fill(buf, (byte) '$');
            System.arraycopy(b, 0, buf, pad, b.length);
            int end = pad + (rnd.nextInt(4) == 0 ? rnd.nextInt(b.length + 1) : b.length);
            int proto = rnd.nextBoolean() ? TCP : UDP;
            int c = P2pClassifier.classify(proto, buf, pad, end);
            assertTrue(c == 0 || Integer.bitCount(c) == 1 && (c & P2pClassifier.ALL) == c, "one protocol bit at input " + i);
            // the answer depends only on the window: the same bytes alone give the same result
            assertEquals(c, P2pClassifier.classify(proto, java.util.Arrays.copyOfRange(buf, pad, end), 0, end - pad), "input " + i);
            if (c != 0) hits++;
        }
        assertTrue(hits > 1000, "the mutated signatures are still found often: " + hits);
        assertEquals(0, P2pClassifier.classify(TCP, null, 0, 0));
        assertEquals(0, P2pClassifier.classify(TCP, new byte[4], 3, 9), "a window past the buffer");
    }
}
