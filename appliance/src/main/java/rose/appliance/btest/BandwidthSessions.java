package rose.appliance.btest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import rose.cli.status.StatusSource;

/** {@code /tool bandwidth-server session print}: the tests the server runs now. */
public final class BandwidthSessions implements StatusSource {
    public static final String MENU = "tool bandwidth-server session";
    private final Map<Long, Map<String, String>> rows = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    long add(String client, String protocol, String direction, String user) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("client", client);
        r.put("protocol", protocol);
        r.put("direction", direction);
        r.put("user", user);
        long id = ids.incrementAndGet();
        rows.put(id, r);
        return id;
    }

    void remove(long id) { rows.remove(id); }

    int count() { return rows.size(); }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        return MENU.equals(menuPath) ? new ArrayList<>(rows.values()) : List.of();
    }
}
