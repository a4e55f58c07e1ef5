package rose.dataplane.trafficgen;

/**
 * A stream's counters at one moment ({@code at}, router clock ns; the test began at {@code startedAt}). Latencies are nanoseconds;
 * {@code intervalMin/Max} cover the samples since the previous interval was taken
 * ({@code Long.MAX_VALUE}/0 when nothing returned in it).
 */
public record TgSample(long at, long startedAt, long txPackets, long txBytes, long rxPackets, long rxBytes, long rxOoo, long rxBadCsum,
                       long latencySum, long latencyMin, long latencyMax, long intervalMin, long intervalMax,
                       long jitterSum, long jitterCount) {

    /** Sent and not (yet) returned. */
    public long lost() { return Math.max(0, txPackets - rxPackets); }

    public long latencyAvg() { return rxPackets == 0 ? 0 : latencySum / rxPackets; }

    public long jitter() { return jitterCount == 0 ? 0 : jitterSum / jitterCount; }
}
