package rose.appliance.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.appliance.Board;
import rose.appliance.BuildInfo;
import rose.cli.status.Hardware;
import rose.cli.status.StatusSource;

/**
 * {@code /system routerboard}: one row (reference 04 §8). A MikroTik board shows its model,
 * serial and firmware; on x86 and CHR RouterOS shows {@code routerboard: no} and little else.
 * The running firmware of a ROSE router is ROSE itself, so current and upgrade firmware are
 * its RouterOS version.
 */
public final class RouterboardStatus implements StatusSource {
    private final Board board;
    private final BuildInfo build;

    public RouterboardStatus(Board board, BuildInfo build) {
        this.board = board;
        this.build = build;
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        Hardware hw = board.hardware();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("routerboard", hw.routerboard() ? "yes" : "no");
        put(r, "board-name", hw.boardName());
        put(r, "model", hw.model());
        put(r, "revision", board.revision());
        put(r, "serial-number", hw.serialNumber());
        put(r, "firmware-type", board.firmwareType());
        put(r, "factory-firmware", board.factoryFirmware());
        if (hw.routerboard()) {
            r.put("current-firmware", build.routerOsVersion());
            r.put("upgrade-firmware", build.routerOsVersion());
        }
        return List.of(r);
    }

    private static void put(Map<String, String> row, String key, String value) {
        if (value != null) row.put(key, value);
    }
}
