package rose.appliance.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.status.StatusSource;
import rose.cli.status.SystemLog;

/**
 * {@code /log}: the memory log as rows of {@code time}, {@code topics}, {@code message}.
 * Entries from today show only the time of day, older ones the date too (reference 04 §9.1,
 * the 7.10+ form).
 */
public final class LogStatus implements StatusSource {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SystemLog log;

    public LogStatus(SystemLog log) {
        this.log = log;
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        ZoneId zone = log.clock().getZone();
        LocalDate today = LocalDate.now(log.clock());
        List<Map<String, String>> rows = new ArrayList<>();
        for (SystemLog.Entry e : log.entries()) {
            ZonedDateTime t = e.time().atZone(zone);
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", "*" + Long.toHexString(e.id()).toUpperCase(java.util.Locale.ROOT));
            row.put("time", (t.toLocalDate().equals(today) ? TODAY : OLDER).format(t));
            row.put("topics", e.topics());
            row.put("message", e.message());
            rows.add(row);
        }
        return rows;
    }
}
