package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code rose bench --cores}: a short real run produces the table with a figure in every cell;
 * how large the figures are is the bench's business, not this test's (the machine is shared).
 */
class CoreScalingTest {
    @Test
    void aShortRunFillsEveryCellAndPrintsTheProductPageLayout() throws Exception {
        int most = Math.min(2, Runtime.getRuntime().availableProcessors());
        List<Integer> cores = most == 1 ? List.of(1) : List.of(1, 2);
        int[] progress = {0};
        CoreScaling s = CoreScaling.run(cores, "aes-128-gcm", List.of(512), 100_000_000L, done -> progress[0] = done);
        assertEquals(CoreScaling.cellCount(cores, List.of(512)), progress[0], "the progress bar reached the end");
        assertEquals(3 * cores.size(), s.cells().size(), "forwarding, encrypt and decrypt at each core count");
        for (CoreScaling.Cell c : s.cells()) {
            assertTrue(c.pps() > 0, "packets delivered: " + c);
            assertTrue(c.cpus() > 0, "CPU time measured: " + c);
        }
        assertEquals(0, s.outOfOrder(), "ESP left the encrypting router in sequence order");
        s.drops().forEach((cell, d) -> assertEquals(java.util.Map.of(), d, cell + " dropped nothing"));
        String t = s.table();
        assertTrue(t.contains("on a host with " + Runtime.getRuntime().availableProcessors() + " CPUs"), t);
        for (String row : List.of("Forwarding     1 core", "Encrypt        1 core", "Decrypt        1 core", "CPUs the router got", "Load average"))
            assertTrue(t.contains(row), row + " in\n" + t);
        if (most == 2) {
            assertTrue(t.contains("2 / 1 per CPU used"), t);
            assertTrue(t.contains("Work per worker at 2 cores"), t);
        }
        assertTrue(s.csv().startsWith("workload,algorithm,size_bytes,cores,kpps,mbps,cpus_used\n"), s.csv());
    }
}
