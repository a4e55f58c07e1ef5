package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.cli.status.StatusSource;

class StatusMenusTest {
    @TempDir
    Path data;

    private static Map<String, String> one(StatusSource s, String menu) {
        List<Map<String, String>> rows = s.rows(menu);
        assertEquals(1, rows.size(), menu);
        return rows.get(0);
    }

    @Test
    void systemResourceOnAProfiledBoard() throws Exception {
        try (Appliance app = Appliance.boot(Boards.choose("ccr2116"), data, new BuildInfo("7.18.2", "2025-01-02 03:04:05"))) {
            Map<String, String> r = one(app.router().status(), "system resource");
            assertEquals(List.of("uptime", "version", "build-time", "free-memory", "total-memory", "cpu", "cpu-count",
                    "cpu-frequency", "cpu-load", "free-hdd-space", "total-hdd-space", "architecture-name", "board-name",
                    "platform"), List.copyOf(r.keySet()));
            assertEquals("7.18.2", r.get("version"));
            assertEquals("2025-01-02 03:04:05", r.get("build-time"));
            assertEquals("16", r.get("cpu-count"));
            assertEquals("2000MHz", r.get("cpu-frequency"));
            assertEquals("arm64", r.get("architecture-name"));
            assertEquals("CCR2116-12G-4S+", r.get("board-name"));
            assertEquals("MikroTik", r.get("platform"));
            assertTrue(r.get("total-memory").matches("\\d+\\.\\dGiB|\\d+\\.\\dMiB"), r.get("total-memory"));
            assertTrue(r.get("cpu-load").matches("\\d+%"), r.get("cpu-load"));
            assertTrue(r.get("uptime").matches("(\\d+[wdhms])+"), r.get("uptime"));
        }
    }

    @Test
    void routerboardYesOnMikroTikHardwareNoOnChr() throws Exception {
        try (Appliance app = Appliance.boot(Boards.choose("ccr2116"), data, new BuildInfo("7.18.2", null))) {
            Map<String, String> r = one(app.router().status(), "system routerboard");
            assertEquals("yes", r.get("routerboard"));
            assertEquals("CCR2116-12G-4S+", r.get("model"));
            assertEquals("7.18.2", r.get("current-firmware"));
            assertFalse(r.containsKey("serial-number"), "unknown facts are absent");
        }
        try (Appliance app = Appliance.boot(Boards.choose("chr"), data.resolve("chr"), new BuildInfo("7.18.2", null))) {
            Map<String, String> r = one(app.router().status(), "system routerboard");
            assertEquals("no", r.get("routerboard"));
            assertFalse(r.containsKey("current-firmware"));
        }
    }

    @Test
    void logRowsAndUnknownMenus() throws Exception {
        try (Appliance app = Appliance.boot(Boards.choose("chr"), data, new BuildInfo("7.18.2", null))) {
            app.router().log().info("ipsec", "peer 10.0.0.2 established");
            List<Map<String, String>> log = app.router().status().rows("log");
            Map<String, String> last = log.get(log.size() - 1);
            assertEquals("ipsec,info", last.get("topics"));
            assertEquals("peer 10.0.0.2 established", last.get("message"));
            assertTrue(last.get("time").matches("\\d\\d:\\d\\d:\\d\\d"), last.get("time"));
            assertTrue(last.get(".id").startsWith("*"));
            assertEquals(List.of(), app.router().status().rows("ip ipsec installed-sa"));
        }
    }

    @Test
    void systemClockShowsTheTimeBesideItsSettings() throws Exception {
        try (Appliance app = Appliance.boot(Boards.choose("chr"), data.resolve("clock"), new BuildInfo("7.18.2", null))) {
            rose.cli.lang.Session s = new rose.cli.lang.Session(app.router(), "admin");
            StringBuilder out = new StringBuilder();
            assertTrue(s.execute("/system clock print", out), out.toString());
            String text = out.toString();
            assertTrue(text.matches("(?s).*\\btime: \\d\\d:\\d\\d:\\d\\d.*"), text);
            assertTrue(text.matches("(?s).*\\bdate: \\d{4}-\\d\\d-\\d\\d.*"), text);
            assertTrue(text.contains("time-zone-name: manual"), text);
        }
    }
}
