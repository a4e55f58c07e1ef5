package rose.cli.auth;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live sessions behind {@code /user active print}: each front end registers a session at
 * login and closes its handle at logout. Rows follow reference 04 §5.3.
 */
public final class ActiveSessions {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, Map<String, String>> sessions = new ConcurrentSkipListMap<>();

    public ActiveSessions(Clock clock) {
        this.clock = clock;
    }

    public ActiveSessions() {
        this(Clock.systemDefaultZone());
    }

    /** A registered session; closing it removes the row. */
    public interface Handle extends AutoCloseable {
        @Override void close();
    }

    public Handle register(Principal p) {
        int id = nextId.getAndIncrement();
        Map<String, String> row = new LinkedHashMap<>();
        row.put(".id", "*" + Integer.toHexString(id).toUpperCase(java.util.Locale.ROOT));
        row.put("when", LocalDateTime.now(clock).format(WHEN));
        row.put("name", p.name());
        row.put("address", p.address());
        row.put("via", p.via().word());
        row.put("group", p.group());
        row.put("radius", "no");
        sessions.put(id, Map.copyOf(row));
        return () -> sessions.remove(id);
    }

    /** Rows for the status menu, oldest first. */
    public List<Map<String, String>> rows() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> r : sessions.values()) {
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String k : List.of(".id", "when", "name", "address", "via", "group", "radius")) ordered.put(k, r.get(k));
            out.add(ordered);
        }
        return out;
    }
}
