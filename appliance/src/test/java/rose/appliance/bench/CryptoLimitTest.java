package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.ipsec.crypto.CryptoEngines;

/** The crypto limit runs the tunnel's own engine on its ESP packets; how fast is the bench's business, not this test's. */
class CryptoLimitTest {
    private static final long SLICE = 10_000_000L;

    @Test
    void measuresTheEngineTheTunnelsSasGet() throws Exception {
        CryptoEngines engines = CryptoEngines.standard();
        for (String alg : List.of("aes-128-gcm", "aes-128-cbc/sha1", "chacha20poly1305")) {
            CryptoFigure f = CryptoLimit.measure(engines, alg, 1400, SLICE);
            assertEquals(engines.select(BenchCommand.transform(alg)).orElseThrow().name(), f.engine(), alg);
            assertTrue(f.measured(), f.toString());
            assertNull(f.unavailable());
            assertTrue(f.cpuShare() > 0 && f.cpuShare() <= 1, f.toString());
        }
    }

    @Test
    void aLimitBelowTheTunnelIsMeasuredAgainAndStaysFlagged() throws Exception {
        // a tunnel no crypto reaches (a million packets in a microsecond): the second measurement cannot lift the limit above it
        List<BenchCell> cells = List.of(new BenchCell("aes-128-gcm", 1, 64, 1_000_000, 1_000, true));
        CryptoFigure f = BenchCommand.cryptoLimit(CryptoEngines.standard(), "aes-128-gcm", 64, SLICE, cells);
        assertTrue(f.measured());
        BenchReport r = new BenchReport("test", cells, List.of(f));
        assertTrue(r.belowTunnel(f));
        assertTrue(r.table().contains("! AES-128-GCM 64 B: below the tunnel that runs the same crypto"), r.table());
    }

    @Test
    void theSliceFollowsTheCellDurationWithinBounds() {
        assertEquals(10_000_000L, BenchCommand.sliceNanos(20_000_000L), "--duration 20");
        assertEquals(37_500_000L, BenchCommand.sliceNanos(300_000_000L), "--compare's 300 ms cells");
        assertEquals(50_000_000L, BenchCommand.sliceNanos(800_000_000L), "the default 800 ms");
    }
}
