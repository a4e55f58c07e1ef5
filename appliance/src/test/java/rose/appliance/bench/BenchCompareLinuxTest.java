package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rose.appliance.Io;
import rose.appliance.netns.NetLab;

/**
 * A short {@code rose bench --compare} (1 s cells, two sizes): every path of the comparison is
 * there for every size, with numbers or an explicit reason. Where this machine can run a path
 * (root, namespaces, iperf3; strongSwan installed) it must have numbers, not a reason.
 */
class BenchCompareLinuxTest {
    @Test
    void shortCompareRunHasEveryColumnWithNumbersOrAReason() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true), false, Map.of());
        int status = BenchCommand.run(List.of("--compare", "--duration", "1000", "--sizes", "64,1400", "--format", "json", "--no-progress"), io);
        assertEquals(0, status, err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        JsonNode cells = j.get("cells");
        assertEquals(ComparePath.values().length * 2, cells.size(), cells.toString());
        String why = CompareRun.unavailable();
        if (why != null) System.err.println("LINUX TIER (BenchCompareLinuxTest): every path n/a here: " + why);
        for (ComparePath p : ComparePath.values()) {
            for (int size : new int[] {64, 1400}) {
                JsonNode c = null;
                for (JsonNode x : cells) if (x.get("path").asText().equals(p.key) && x.get("size_bytes").asInt() == size) c = x;
                assertTrue(c != null, p + " " + size + " missing: " + cells);
                if (c.has("unavailable")) {
                    assertFalse(c.get("unavailable").asText().isBlank(), c.toString());
                    boolean mustRun = why == null && (p == ComparePath.ROSE_IPSEC || p == ComparePath.ROSE_ROUTED || p == ComparePath.LINUX_ROUTED
                            || p == ComparePath.STRONGSWAN && NetLab.strongswanMissing() == null);
                    assertFalse(mustRun, "this machine can run " + p + ": " + c);
                } else {
                    assertTrue(c.get("kpps").asDouble() > 0 && c.get("mbps").asDouble() > 0, c.toString());
                }
            }
        }
        assertEquals(2, j.get("ratios").size());
    }
}
