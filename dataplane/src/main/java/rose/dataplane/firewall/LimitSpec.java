package rose.dataplane.firewall;

import java.time.Duration;

/**
 * limit {@code count[/time],burst:mode}: a token bucket of {@code count} per {@code time}
 * (default 1s) allowing {@code burst} at once; mode packet (each packet costs one) or bit (each
 * packet costs its length in bits). The matcher is true while the packet is within the limit.
 */
public record LimitSpec(long count, Duration per, long burst, boolean bitMode) {
    public static LimitSpec parse(String s) {
        s = s.trim();
        boolean bits = false;
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            String mode = s.substring(colon + 1).trim();
            if (mode.equals("bit")) bits = true;
            else if (!mode.equals("packet")) throw new IllegalArgumentException("limit mode: " + mode);
            s = s.substring(0, colon);
        }
        int comma = s.indexOf(',');
        String rate = comma < 0 ? s : s.substring(0, comma);
        long burst = comma < 0 ? 0 : RosTime.parseCount(s.substring(comma + 1));
        int slash = rate.indexOf('/');
        long count = RosTime.parseCount(slash < 0 ? rate : rate.substring(0, slash));
        Duration per = slash < 0 ? Duration.ofSeconds(1) : RosTime.parse(rate.substring(slash + 1));
        if (count <= 0) throw new IllegalArgumentException("limit count must be positive");
        return new LimitSpec(count, per, burst, bits);
    }

    /** Nanoseconds one unit (packet or bit) costs. */
    public double nanosPerUnit() { return (double) per.toNanos() / count; }

    /** Units that may pass at once: the burst, at least one. */
    public long burstUnits() { return Math.max(1, burst); }
}
