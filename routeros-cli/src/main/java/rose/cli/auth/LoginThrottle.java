package rose.cli.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per source address. After {@link #FREE_FAILURES} failures in a row, the
 * source must wait before the next attempt is even checked; the wait doubles with each further
 * failure up to {@link #MAX_DELAY_MS}. A success clears the source. The table is bounded: the
 * oldest sources are forgotten first, so a flood of addresses cannot exhaust memory.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    static final long BASE_DELAY_MS = 1_000;
    static final long MAX_DELAY_MS = 60_000;
    private static final int MAX_SOURCES = 10_000;

    private record State(int failures, long lastFailure) {
    }

    private final Clock clock;
    private final Map<String, State> sources = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    /** Milliseconds {@code source} must still wait before it may try again; 0 when it may try now. */
    public synchronized long waitMillis(String source) {
        State s = sources.get(source);
        if (s == null || s.failures < FREE_FAILURES) return 0;
        int over = Math.min(s.failures - FREE_FAILURES, 16);
        long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << over);
        long left = s.lastFailure + delay - clock.millis();
        return Math.max(0, left);
    }

    public synchronized void failed(String source) {
        State s = sources.get(source);
        sources.put(source, new State(s == null ? 1 : s.failures + 1, clock.millis()));
    }

    public synchronized void succeeded(String source) {
        sources.remove(source);
    }
}
