package rose.dataplane.firewall;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns mark names (connection, packet and routing marks) to small ints so the packet path
 * compares ints. Id 0 is {@code no-mark}. Ids are never reused, so a mark id stored in a
 * connection entry stays meaningful across recompiles.
 */
public final class MarkTable {
    public static final int NO_MARK = 0;
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, String> names = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    public int id(String name) {
        if (name == null || name.isEmpty() || name.equals("no-mark")) return NO_MARK;
        return ids.computeIfAbsent(name, n -> { int id = next.getAndIncrement(); names.put(id, n); return id; });
    }

    public String name(int id) { return id == NO_MARK ? "" : names.getOrDefault(id, "?"); }
}
