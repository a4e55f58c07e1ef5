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
        CoreScaling s = CoreScaling.run(cores, "aes-128-gcm", List.of(512), 100_000_000L, ScalingLab.Scheme.PER_CPU_SAS, done -> progress[0] = done);
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
            // per-CPU SAs: each worker seals and opens with its own SA, so no packet is handed to an owner
            assertTrue(t.contains("encrypt      512 B") && t.contains("hand-offs 0 steered, 0 to the owner"), t);
            CoreScaling.Spread enc = s.spread(CoreScaling.Workload.ENCRYPT, 512), dec = s.spread(CoreScaling.Workload.DECRYPT, 512);
            assertTrue(enc.crypto()[0] > 0 && enc.crypto()[1] > 0, "both workers sealed: " + java.util.Arrays.toString(enc.crypto()));
            assertTrue(dec.crypto()[0] > 0 && dec.crypto()[1] > 0, "both workers opened: " + java.util.Arrays.toString(dec.crypto()));
            assertEquals(0, enc.handedToOwner()[0] + enc.handedToOwner()[1] + dec.handedToOwner()[0] + dec.handedToOwner()[1]);
        }
        assertTrue(t.contains("One tunnel over N workers (--scheme per-cpu-sas): per-CPU SAs"), t);
        assertTrue(s.csv().startsWith("workload,algorithm,scheme,size_bytes,cores,kpps,mbps,cpus_used\n"), s.csv());
        assertTrue(s.csv().contains("encrypt,aes-128-gcm,per-cpu-sas,512,1,"), s.csv());
    }
}
