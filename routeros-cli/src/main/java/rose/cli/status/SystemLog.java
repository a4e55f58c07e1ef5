package rose.cli.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The router's memory log ({@code /log print}): a bounded ring of entries with topics, as
 * RouterOS's {@code memory} logging action keeps them (1000 lines by default).
 */
public final class SystemLog {
    /** One log line. {@code topics} is comma-separated as printed ({@code ipsec,error}). */
    public record Entry(long id, Instant time, String topics, String message) {
    }

    private final ArrayDeque<Entry> ring = new ArrayDeque<>();
    private final int capacity;
    private final Clock clock;
    private long nextId = 1;
    private final List<Consumer<Entry>> followers = new CopyOnWriteArrayList<>();

    public SystemLog(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public SystemLog() {
        this(1000, Clock.systemDefaultZone());
    }

    public void log(String topics, String message) {
        Entry e;
        synchronized (this) {
            e = new Entry(nextId++, clock.instant(), topics, message);
            ring.addLast(e);
            while (ring.size() > capacity) ring.removeFirst();
        }
        for (Consumer<Entry> f : followers) f.accept(e);
    }

    public void info(String topic, String message) {
        log(topic + ",info", message);
    }

    public void warning(String topic, String message) {
        log(topic + ",warning", message);
    }

    public void error(String topic, String message) {
        log(topic + ",error", message);
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(ring);
    }

    /** Every new entry is also handed to {@code follower} (stdout of {@code rose run}, print follow). */
    public void follow(Consumer<Entry> follower) {
        followers.add(follower);
    }

    public void unfollow(Consumer<Entry> follower) {
        followers.remove(follower);
    }

    public Clock clock() {
        return clock;
    }
}
