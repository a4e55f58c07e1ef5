package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rose.cli.status.Hardware;

class BoardsTest {
    @Test
    void profileBecomesHardware() throws Exception {
        Board b = Boards.choose("ccr2116");
        Hardware hw = b.hardware();
        assertEquals("ccr2116", b.id());
        assertEquals("CCR2116-12G-4S+", hw.boardName());
        assertTrue(hw.routerboard());
        assertEquals("ether1", hw.ports().get(0).name());
        Hardware.Port sfp = hw.ports().stream().filter(p -> p.name().equals("sfp-sfpplus1")).findFirst().orElseThrow();
        assertEquals("10Gbps", sfp.speed());
        assertEquals(1500, sfp.mtu());
        assertEquals(9570, sfp.maxL2mtu());
        assertEquals(hw.ports().size(), hw.ports().stream().map(Hardware.Port::macAddress).distinct().count());
    }

    @Test
    void idsIgnoreCaseAndUnknownIdsAreRefused() throws Exception {
        assertEquals("chr", Boards.choose("CHR").id());
        assertFalse(Boards.choose("chr").hardware().routerboard());
        assertThrows(Boards.UnknownBoardException.class, () -> Boards.choose("rb-nonexistent"));
    }

    @Test
    void withoutABoardOneIsDetected() throws Exception {
        Board b = Boards.choose(null);
        assertNotNull(b.id());
        assertFalse(b.hardware().ports().isEmpty());
    }

    @Test
    void speeds() {
        assertEquals("100Mbps", Boards.speed(100));
        assertEquals("1Gbps", Boards.speed(1000));
        assertEquals("2.5Gbps", Boards.speed(2500));
    }
}
