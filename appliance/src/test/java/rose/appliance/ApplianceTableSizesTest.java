package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rose.appliance.dataplane.RouterDataplane;
import rose.dataplane.TableSizes;

/** A router's fixed tables follow its board's RAM, and the boot log says what they were sized to. */
class ApplianceTableSizesTest {
    @TempDir
    Path data;

    @Test
    void a256MegabyteBoardGetsAQuarterOfTheConntrackTable() throws Exception {
        try (Appliance app = Appliance.boot(Boards.choose("hex-rb750gr3"), data, new BuildInfo("7.18.2", null),
                RouterDataplane.Options.THREADED)) {
            assertEquals(new TableSizes(16_384, 1_024), app.dataplane().sizes());
            int free = app.dataplane().router().freeBuffers();   // idle: all of the pool but a vector in flight
            assertTrue(free <= 1_024 && free > 512, "free buffers " + free);
            assertTrue(app.router().log().entries().stream().anyMatch(e -> e.message().equals(
                    "connection tracking max-entries 16384, 1024 packet buffers, sized for 256MiB of RAM")),
                    app.router().log().entries().toString());
        }
    }

    @Test
    void aLargeBoardKeepsTheFullTableWhenTheHeapHoldsIt() throws Exception {
        TableSizes expected = TableSizes.forMemory(16L << 30, Runtime.getRuntime().maxMemory(), 1);
        try (Appliance app = Appliance.boot(Boards.choose("ccr2116"), data, new BuildInfo("7.18.2", null))) {
            assertEquals(expected, app.dataplane().sizes());
        }
    }
}
