package rose.dataplane.trafficgen;

import java.util.List;

/**
 * One traffic-generator test: its id, streams and their counters, and when it started and stops
 * sending (router clock ns; {@code stopAt} {@code Long.MAX_VALUE} for "until stopped"). Immutable
 * but for the counters and the start and stop times, set once by {@link #begin} and brought
 * forward by {@link #stop}.
 */
public final class TgRun {
    private final int testId;
    private final List<TgStream> streams;
    private final TgCounters[] counters = new TgCounters[256];
    private volatile long startAt = Long.MAX_VALUE;
    private volatile long stopAt = Long.MAX_VALUE;

    /** A test that has not begun: its ports may resolve next hops, but send nothing until {@link #begin}. */
    public TgRun(int testId, List<TgStream> streams) {
        if (testId < 0 || testId > 255) throw new IllegalArgumentException("test-id must be 0..255");
        this.testId = testId;
        this.streams = List.copyOf(streams);
        for (TgStream s : this.streams) {
            if (counters[s.num()] != null) throw new IllegalArgumentException("two streams with num " + s.num());
            counters[s.num()] = new TgCounters();
        }
    }

    /** Sending starts at {@code at} and stops at {@code stopAt} ({@code Long.MAX_VALUE}: until {@link #stop}). */
    public void begin(long at, long stopAt) {
        for (TgStream s : streams) counters[s.num()].begin(at);
        this.stopAt = stopAt;
        this.startAt = at;
    }

    public int testId() { return testId; }
    public List<TgStream> streams() { return streams; }
    public long startAt() { return startAt; }
    public long stopAt() { return stopAt; }

    /** Stops sending at {@code at} (returning frames are still counted). */
    public void stop(long at) { if (at < stopAt) stopAt = at; }

    /** Counters of stream {@code num}, or null when the test has no such stream. */
    public TgCounters counters(int num) { return num >= 0 && num < counters.length ? counters[num] : null; }

    /** Whether every stream has sent what it will send: the clock passed the stop time, or every packet-count is reached. */
    public boolean doneSending(long now) {
        if (now >= stopAt) return true;
        for (TgStream s : streams)
            if (s.packetCount() == 0 || counters[s.num()].sample(now, false).txPackets() < s.packetCount()) return false;
        return true;
    }
}
