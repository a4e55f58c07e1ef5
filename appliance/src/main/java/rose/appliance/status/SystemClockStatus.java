package rose.appliance.status;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.status.StatusSource;

/**
 * The read-only half of {@code /system clock}: time, date (v7.10+ form, {@code 2026-11-22}),
 * gmt-offset and dst-active, from the router's clock; the settings half lives in the configuration.
 */
public final class SystemClockStatus implements StatusSource {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private final Clock clock;

    public SystemClockStatus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        return List.of();
    }

    @Override
    public Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("time", TIME.format(now));
        out.put("date", DATE.format(now));
        String offset = now.getOffset().getId();
        out.put("gmt-offset", offset.equals("Z") ? "+00:00" : offset);
        out.put("dst-active", now.getZone().getRules().isDaylightSavings(now.toInstant()) ? "yes" : "no");
        return out;
    }
}
