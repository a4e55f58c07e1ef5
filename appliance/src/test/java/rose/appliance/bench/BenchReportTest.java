package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The crypto limit beside the tunnel rows: a limit below its tunnel is flagged with its cause, never printed as a limit. */
class BenchReportTest {
    private static final long SECOND = 1_000_000_000L;

    /** The session-6 run: 320.3 kpps through the tunnel, 18.2 kpps "crypto limit" after a warm-up that had not settled. */
    private static BenchReport report(CryptoFigure limit) {
        List<BenchCell> cells = List.of(new BenchCell("aes-128-gcm", 1, 1400, 320_300, SECOND, true), new BenchCell("aes-128-gcm", 256, 1400, 300_000, SECOND, true));
        return new BenchReport("test", cells, List.of(limit));
    }

    @Test
    void aLimitBelowTheTunnelIsFlaggedWithWhatTheMeasurementSaw() throws Exception {
        BenchReport r = report(new CryptoFigure("aes-128-gcm", 1400, "jce", 18_200, false, 0.97, null));
        String table = r.table();
        assertTrue(table.contains("               AES-128-GCM            |     18.2     203.8!"), table);
        assertTrue(table.contains("! AES-128-GCM 1400 B: below the tunnel that runs the same crypto (Single tunnel, 320.3 kpps), so no bound: "
                + "the JIT had not settled when the warm-up time ran out"), table);

        JsonNode json = new ObjectMapper().readTree(r.json());
        assertTrue(json.get("cells").get(0).get("cryptoLimitBelowTunnel").asBoolean());
        JsonNode limit = json.get("cryptoLimits").get(0);
        assertTrue(limit.get("belowTunnel").asBoolean());
        assertEquals("jce", limit.get("engine").asText());
        assertTrue(limit.get("cause").asText().startsWith("the JIT had not settled"));
        assertTrue(r.csv().lines().skip(1).allMatch(l -> l.endsWith(",jce,true,true")), r.csv());
        assertTrue(r.svg().contains("stroke=\"red\""), "the chart's tick too");
    }

    @Test
    void theCauseNamesABusyMachineWhenTheWarmUpHadSettled() {
        BenchReport r = report(new CryptoFigure("aes-128-gcm", 1400, "jce", 200_000, true, 0.42, null));
        assertTrue(r.table().contains("so no bound: the machine was busy: the measuring thread got 42% of a CPU."), r.table());
    }

    @Test
    void aLimitAboveEveryTunnelIsPrintedAsTheLimitWithoutAFlag() {
        BenchReport r = report(new CryptoFigure("aes-128-gcm", 1400, "jce", 650_000, true, 1.0, null));
        String table = r.table();
        assertTrue(table.contains("               AES-128-GCM            |    650.0     7280.0\n"), table);
        assertFalse(table.contains("!"), table);
        assertTrue(table.contains("Crypto limit: the tunnel's own crypto engine (jce)"), table);
        assertFalse(r.belowTunnel(r.limit("aes-128-gcm", 1400)));
        assertTrue(r.csv().lines().skip(1).allMatch(l -> l.endsWith(",650.0,7280.0,320300,1.000,jce,false,true") || l.endsWith(",650.0,7280.0,300000,1.000,jce,false,true")), r.csv());
    }

    @Test
    void theFastestTunnelCountIsTheBoundNotTheFirst() {
        // 256 tunnels faster than one: a limit between the two is still below a tunnel
        List<BenchCell> cells = List.of(new BenchCell("aes-128-gcm", 1, 64, 100_000, SECOND, true), new BenchCell("aes-128-gcm", 256, 64, 900_000, SECOND, true));
        BenchReport r = new BenchReport("test", cells, List.of(new CryptoFigure("aes-128-gcm", 64, "jce", 500_000, true, 1.0, null)));
        assertTrue(r.belowTunnel(r.limit("aes-128-gcm", 64)));
        assertTrue(r.table().contains("(256 tunnels, 900.0 kpps)"), r.table());
    }

    @Test
    void anUnsettledLimitAboveTheTunnelSaysItMayReadLow() {
        BenchReport r = report(new CryptoFigure("aes-128-gcm", 1400, "jce", 650_000, false, 1.0, null));
        assertTrue(r.table().contains("|    650.0    7280.0~"), r.table());
        assertTrue(r.table().contains("~ AES-128-GCM 1400 B: the JIT had not settled"), r.table());
    }

    @Test
    void aTunnelCellMeasuredBeforeTheJitSettledIsMarked() throws Exception {
        List<BenchCell> cells = List.of(new BenchCell("aes-128-gcm", 1, 1400, 320_300, SECOND, false));
        BenchReport r = new BenchReport("test", cells, List.of(new CryptoFigure("aes-128-gcm", 1400, "jce", 650_000, true, 1.0, null)));
        assertTrue(r.table().contains("Single tunnel  AES-128-GCM            |    320.3    3587.4~\n"), r.table());
        assertTrue(r.table().contains("~ the JIT was still compiling this cell's lab when its warm-up time ran out (3 s of CPU): it may read low."), r.table());
        assertFalse(new ObjectMapper().readTree(r.json()).get("cells").get(0).get("settled").asBoolean());
        assertTrue(r.csv().lines().skip(1).allMatch(l -> l.endsWith(",false")), r.csv());
    }
}
