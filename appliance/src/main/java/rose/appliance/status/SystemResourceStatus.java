package rose.appliance.status;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.appliance.Board;
import rose.appliance.BuildInfo;
import rose.cli.schema.Durations;
import rose.cli.status.Hardware;
import rose.cli.status.StatusSource;

/**
 * {@code /system resource}: one row, in RouterOS's print order (reference 04 §7). Memory and
 * CPU load are the host's, disk is the file system holding the data directory, the CPU and
 * board names come from the board profile.
 */
public final class SystemResourceStatus implements StatusSource {
    private final Clock clock;
    private final Instant boot;
    private final BuildInfo build;
    private final Board board;
    private final Host host;
    private final Path dataDir;

    public SystemResourceStatus(Clock clock, Instant boot, BuildInfo build, Board board, Host host, Path dataDir) {
        this.clock = clock;
        this.boot = boot;
        this.build = build;
        this.board = board;
        this.host = host;
        this.dataDir = dataDir;
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        Hardware hw = board.hardware();
        Map<String, String> r = new LinkedHashMap<>();
        long up = Math.max(0, Duration.between(boot, clock.instant()).getSeconds());
        r.put("uptime", Durations.format(up * 1_000_000L));
        r.put("version", build.routerOsVersion());
        put(r, "build-time", build.buildTime());
        r.put("free-memory", Sizes.binary(host.freeMemoryBytes()));
        r.put("total-memory", Sizes.binary(host.totalMemoryBytes()));
        put(r, "cpu", hw.cpu());
        r.put("cpu-count", Integer.toString(hw.cpuCount() > 0 ? hw.cpuCount() : Runtime.getRuntime().availableProcessors()));
        if (board.cpuFrequencyMhz() != null) r.put("cpu-frequency", board.cpuFrequencyMhz() + "MHz");
        r.put("cpu-load", host.cpuLoadPercent() + "%");
        try {
            FileStore fs = Files.getFileStore(dataDir);
            r.put("free-hdd-space", Sizes.binary(fs.getUsableSpace()));
            r.put("total-hdd-space", Sizes.binary(fs.getTotalSpace()));
        } catch (IOException e) {
            // the data directory's file system cannot be asked: the fields are unknown
        }
        put(r, "architecture-name", hw.architecture());
        put(r, "board-name", hw.boardName());
        r.put("platform", "MikroTik");
        return List.of(r);
    }

    private static void put(Map<String, String> row, String key, String value) {
        if (value != null) row.put(key, value);
    }
}
