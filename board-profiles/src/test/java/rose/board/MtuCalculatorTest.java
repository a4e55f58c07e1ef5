package rose.board;

import org.junit.jupiter.api.Test;

import java.util.Map;

import rose.board.MtuCalculator.Encapsulation;
import rose.board.MtuCalculator.EspSizes;
import rose.board.MtuCalculator.Family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reference 07 §C.2 and §C.3, cell by cell, plus the fixed-overhead tunnels of §C.1. */
class MtuCalculatorTest {
    // §C.1 field sizes: IV, pad block, ICV.
    static final EspSizes CBC_SHA1 = new EspSizes("aes-cbc+sha1", 16, 16, 12);
    static final EspSizes CBC_SHA256 = new EspSizes("aes-cbc+sha256", 16, 16, 16);
    static final EspSizes CBC_SHA384 = new EspSizes("aes-cbc+sha384", 16, 16, 24);
    static final EspSizes CBC_SHA512 = new EspSizes("aes-cbc+sha512", 16, 16, 32);
    static final EspSizes CTR_SHA1 = new EspSizes("aes-ctr+sha1", 8, 4, 12);
    static final EspSizes GCM = new EspSizes("aes-gcm", 8, 4, 16);
    static final EspSizes CHACHA = new EspSizes("chacha20poly1305", 8, 4, 16);
    static final EspSizes DES3_SHA1 = new EspSizes("3des+sha1", 8, 8, 12);
    static final EspSizes GCM_IMPLICIT_IV = new EspSizes("aes-gcm (RFC 8750)", 0, 4, 16);

    /** §C.2: IPv4 outer, IPv4 + NAT-T, IPv6 outer, IPv6 + NAT-T for a 1500-byte outer MTU. */
    static final Map<EspSizes, int[]> C2 = Map.of(
            CBC_SHA1, new int[] {1438, 1422, 1422, 1406},
            CBC_SHA256, new int[] {1438, 1422, 1406, 1406},
            CBC_SHA384, new int[] {1422, 1422, 1406, 1390},
            CBC_SHA512, new int[] {1422, 1406, 1390, 1390},
            CTR_SHA1, new int[] {1450, 1442, 1430, 1422},
            GCM, new int[] {1446, 1438, 1426, 1418},
            CHACHA, new int[] {1446, 1438, 1426, 1418},
            DES3_SHA1, new int[] {1446, 1438, 1430, 1422},
            GCM_IMPLICIT_IV, new int[] {1454, 1446, 1434, 1426});

    /** §C.3: outer IPv4 length, tunnel, no NAT-T, for 64, 512, 1400, 1500-byte inner packets. */
    static final int[] C3_SIZES = {64, 512, 1400, 1500};
    static final Map<EspSizes, int[]> C3 = Map.of(
            CBC_SHA1, new int[] {136, 584, 1464, 1560},
            CBC_SHA256, new int[] {140, 588, 1468, 1564},
            CBC_SHA512, new int[] {156, 604, 1484, 1580},
            GCM, new int[] {120, 568, 1456, 1556},
            DES3_SHA1, new int[] {120, 568, 1456, 1552});

    @Test
    void largestInnerPacketMatchesC2() {
        C2.forEach((esp, want) -> {
            int[] got = {
                    Encapsulation.tunnel(esp, Family.IPV4, false).largestInner(1500),
                    Encapsulation.tunnel(esp, Family.IPV4, true).largestInner(1500),
                    Encapsulation.tunnel(esp, Family.IPV6, false).largestInner(1500),
                    Encapsulation.tunnel(esp, Family.IPV6, true).largestInner(1500)};
            for (int i = 0; i < 4; i++) assertEquals(want[i], got[i], esp.name() + " column " + i);
        });
    }

    @Test
    void outerLengthMatchesC3AndItsNotes() {
        C3.forEach((esp, want) -> {
            for (int i = 0; i < C3_SIZES.length; i++) {
                int n = C3_SIZES[i];
                assertEquals(want[i], Encapsulation.tunnel(esp, Family.IPV4, false).outerLength(n), esp.name() + " @" + n);
                // "Add 8 bytes for NAT-T and 20 for an IPv6 outer header."
                assertEquals(want[i] + 8, Encapsulation.tunnel(esp, Family.IPV4, true).outerLength(n), esp.name() + " NAT-T @" + n);
                assertEquals(want[i] + 20, Encapsulation.tunnel(esp, Family.IPV6, false).outerLength(n), esp.name() + " v6 @" + n);
            }
        });
    }

    @Test
    void largestInnerIsTheLargestThatFits() {
        for (EspSizes esp : C2.keySet()) for (Family f : Family.values()) for (boolean natT : new boolean[] {false, true})
            for (Encapsulation e : new Encapsulation[] {Encapsulation.tunnel(esp, f, natT), Encapsulation.transport(esp, f, natT)})
                for (int mtu = 576; mtu <= 1500; mtu += 7) {
                    int max = e.largestInner(mtu);
                    assertEquals(true, e.outerLength(max) <= mtu, e + " mtu " + mtu);
                    assertEquals(true, e.outerLength(max + 1) > mtu, e + " mtu " + mtu);
                }
    }

    @Test
    void transportModeKeepsTheHeaderAndAlignsOnlyThePayload() {
        // 1500 - 20 IP - 8 ESP - 16 IV - 12 ICV = 1444 for payload+trailer -> 1440 -> payload 1438.
        Encapsulation e = Encapsulation.transport(CBC_SHA1, Family.IPV4, false);
        assertEquals(20 + 1438, e.largestInner(1500));
        assertEquals(1496, e.outerLength(1458));   // 1440 of payload+trailer fills 90 blocks; 4 bytes stay unused
        // 20 IP + 8 ESP + 8 IV + (1380 + 2 -> 1384) + 16 ICV: no outer header, 36 bytes less than tunnel mode.
        assertEquals(1436, Encapsulation.transport(GCM, Family.IPV4, false).outerLength(1400));
    }

    @Test
    void mssAndFixedTunnels() {
        assertEquals(1398, MtuCalculator.tcpMss(1438, Family.IPV4));
        assertEquals(1378, MtuCalculator.tcpMss(1418, Family.IPV4));   // HamWAN's ESP + NAT-T worst case, §C.2
        assertEquals(1378, MtuCalculator.tcpMss(1438, Family.IPV6));
        assertEquals(1476, MtuCalculator.tunnelMtu(1500, MtuCalculator.GRE_OVERHEAD));
        assertEquals(1480, MtuCalculator.tunnelMtu(1500, MtuCalculator.IPIP_OVERHEAD));
        assertEquals(1458, MtuCalculator.tunnelMtu(1500, MtuCalculator.EOIP_OVERHEAD));
    }

    @Test
    void padBlockBelowFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EspSizes("bad", 8, 1, 16));
    }
}
