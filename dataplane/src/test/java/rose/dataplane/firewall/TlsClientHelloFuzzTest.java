package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The ClientHello reader behind tls-host takes bytes from the network: truncated, bit-flipped and
 * random inputs must never throw, and what it returns must always lie inside the given window.
 */
class TlsClientHelloFuzzTest {
    @Test
    void readsTheServerNameAtAnyOffsetInTheBuffer() {
        byte[] hello = ClientHellos.withSni("www.example.com");
        byte[] buf = new byte[hello.length + 7];
        System.arraycopy(hello, 0, buf, 5, hello.length);
        long sni = TlsClientHello.serverName(buf, 5, 5 + hello.length);
        assertTrue(sni >= 0);
        assertEquals("www.example.com", new String(buf, (int) (sni >>> 32), (int) sni, StandardCharsets.US_ASCII));
        assertEquals(-1, TlsClientHello.serverName(ClientHellos.withoutSni(), 0, ClientHellos.withoutSni().length));
    }

    @Test
    void everyTruncationIsRefusedUntilTheNameIsWhole() {
        byte[] hello = ClientHellos.withSni("a.example.net");
        for (int n = 0; n < hello.length; n++)
            assertEquals(-1, TlsClientHello.serverName(hello, 0, n), "cut at " + n);
        assertTrue(TlsClientHello.serverName(hello, 0, hello.length) >= 0);
    }

    @Test
    void mutatedAndRandomInputsNeverThrowAndStayInTheWindow() {
        SplittableRandom rnd = new SplittableRandom(11);
        byte[] hello = ClientHellos.withSni("mutated.example.com");
        TlsHostMatch glob = TlsHostMatch.parse("*.example.*");
        int found = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if (rnd.nextInt(8) == 0) {
                b = new byte[rnd.nextInt(300)];
                for (int k = 0; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
                if (b.length > 5) { b[0] = 22; b[1] = 3; b[5] = 1; }
            } else {
                b = hello.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            // mostly the whole record (as a segment carries it), sometimes a shifted or cut window
            int off = b.length == 0 || rnd.nextInt(4) != 0 ? 0 : rnd.nextInt(Math.min(4, b.length));
            int end = rnd.nextInt(4) != 0 ? b.length : off + rnd.nextInt(b.length - off + 1);
            long sni = TlsClientHello.serverName(b, off, end);
            if (sni >= 0) {
                int at = (int) (sni >>> 32), len = (int) sni;
                assertTrue(at >= off && len > 0 && at + len <= end, "name inside [off, end) at input " + i);
                found++;
            }
            glob.in(b, off, end);
        }
        assertTrue(found > 1000, "mutations that keep the structure are still read: " + found);
    }

    @Test
    void globIsLinearOnHostileNames() {
        TlsHostMatch g = TlsHostMatch.parse("*a*a*a*a*a*a*a*b");
        byte[] name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        assertEquals(false, g.glob(name, 0, name.length));
        assertTrue(TlsHostMatch.parse("*").glob(name, 0, name.length));
        assertTrue(TlsHostMatch.parse("a*a").glob(name, 0, name.length));
    }
}
