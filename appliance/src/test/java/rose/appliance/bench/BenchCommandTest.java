package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rose.appliance.Io;

/** A tiny {@code rose bench} run: the table's layout, the files, and option errors. */
class BenchCommandTest {
    @Test
    void smallRunPrintsTheProductPageTableAndWritesCsvJsonSvg(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true), false, Map.of());
        int status = BenchCommand.run(List.of("--algorithms", "aes-128-gcm,aes-128-cbc/sha1", "--sizes", "64,1400", "--tunnels", "1,4",
                "--duration", "20", "--board", "rb5009", "--csv", dir.resolve("b.csv").toString(), "--json", dir.resolve("b.json").toString(),
                "--svg", dir.resolve("b.svg").toString()), io);
        String text = out.toString();
        assertEquals(0, status, err.toString());
        assertTrue(text.contains("Mode           Configuration          | 1400 byte           | 64 byte"), text);
        assertTrue(text.matches("(?s).*Single tunnel  AES-128-GCM +\\| +[0-9.]+ +[0-9.]+ \\|.*"), text);
        assertTrue(text.contains("4 tunnels      AES-128-CBC + SHA1"), text);
        assertTrue(text.matches("(?s).*Crypto limit   \\(seal\\+open, 1 CPU\\)     \\| 1400 byte.*\n               AES-128-GCM            \\| +[0-9.]+ +[0-9.]+[!~]? \\|.*"), text);
        assertTrue(text.contains("not from the board"), text);
        assertTrue(text.contains("RouterOS acceleration row 88F7040"), text);
        assertTrue(err.toString().contains("[##############################] 12/12"), err.toString());

        List<String> csv = Files.readAllLines(dir.resolve("b.csv"));
        assertEquals(1 + 8, csv.size());
        assertTrue(csv.get(0).startsWith("mode,configuration,algorithm,tunnels,size_bytes,kpps,mbps"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("b.json").toFile());
        assertEquals(8, json.get("cells").size());
        for (JsonNode c : json.get("cells")) assertTrue(c.get("kpps").asDouble() > 0, c.toString());
        String svg = Files.readString(dir.resolve("b.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("AES-128-CBC + SHA1") && svg.trim().endsWith("</svg>"));
    }

    @Test
    void badOptionsAreRefusedWithUsage() {
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--algorithms", "aes-999-gcm")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--tunnels", "1000")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--compare", "--algorithms", "aes-128-gcm,aes-256-gcm")),
                "one algorithm per comparison");
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--compare", "--sizes", "40")), "below iperf3's UDP minimum");
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--format", "xml")));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--cores", "0")));
        int cpus = Runtime.getRuntime().availableProcessors();
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--cores", "1," + (cpus + 1))));
        assertEquals("--cores " + (cpus + 1) + ": this machine has " + cpus + " CPU" + (cpus == 1 ? "" : "s") + "; " + (cpus + 1)
                + " workers would share them and measure that, not scaling (at most --cores " + cpus + ")", tooMany.getMessage());
        assertEquals(List.of(1, cpus), BenchCommand.parse(List.of("--cores", "1," + cpus)).cores());
        assertEquals(ScalingLab.Scheme.PER_CPU_SAS, BenchCommand.parse(List.of()).scheme(), "per-CPU SAs unless asked otherwise");
        assertEquals(ScalingLab.Scheme.SPLIT, BenchCommand.parse(List.of("--scheme", "split")).scheme());
        assertEquals(ScalingLab.Scheme.OWNER, BenchCommand.parse(List.of("--scheme", "owner")).scheme());
        assertEquals("--scheme is per-cpu-sas, split or owner, not fork",
                assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--scheme", "fork"))).getMessage());
        BenchCommand.Options c = BenchCommand.parse(List.of("--compare"));
        assertEquals(List.of("aes-128-gcm"), c.algorithms());
        assertEquals(List.of(1), c.tunnels());
        assertEquals(1000, c.durationMillis());
        assertEquals(32, c.burst(), "iperf3 paces bursts of 32 unless asked otherwise");
        assertEquals(1, BenchCommand.parse(List.of("--compare", "--burst", "1")).burst());
        assertEquals(1, c.repeat(), "one round unless asked");
        assertEquals(3, BenchCommand.parse(List.of("--compare", "--repeat", "3")).repeat());
        assertEquals("burst 0 is outside 1..1024",
                assertThrows(IllegalArgumentException.class, () -> BenchCommand.parse(List.of("--compare", "--burst", "0"))).getMessage());
        BenchCommand.Options o = BenchCommand.parse(List.of());
        assertEquals(List.of(64, 512, 1400), o.sizes());
        assertEquals(List.of(1, 256), o.tunnels());
    }

    @Test
    void mbpsCountsTheInnerPacketAsMikroTikDoes() {
        BenchCell c = new BenchCell("aes-128-gcm", 1, 1400, 100_000, 1_000_000_000L, true);
        assertEquals(100.0, c.kpps(), 1e-9);
        assertEquals(1120.0, c.mbps(), 1e-9);
        assertEquals("AES-128-CBC + SHA256", BenchReport.configuration("aes-128-cbc/sha256"));
    }
}
