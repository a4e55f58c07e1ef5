package rose.dataplane.firewall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * The router's local wall-clock time as the {@code time} matcher reads it: seconds since
 * Sunday 00:00 local time (0 .. 604799). The packet path asks once per rule match; the zone
 * offset is looked up at most once a minute (it only changes at DST transitions), so the
 * question costs a division, not a calendar.
 */
public interface WeekClock {
    int WEEK = 7 * 86400;

    int secondOfWeek();

    /** Local time in {@code zone} from a clock of epoch milliseconds. */
    static WeekClock of(LongSupplier epochMillis, ZoneId zone) {
        return new WeekClock() {
            private volatile long offsetValidUntil = Long.MIN_VALUE;   // epoch second
            private volatile int offsetSeconds;

            @Override public int secondOfWeek() {
                long epochSecond = Math.floorDiv(epochMillis.getAsLong(), 1000);
                if (epochSecond >= offsetValidUntil || epochSecond < offsetValidUntil - 120) {
                    offsetSeconds = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
                    offsetValidUntil = epochSecond - Math.floorMod(epochSecond, 60) + 60;
                }
                // 1970-01-01 was a Thursday: day 0 is day 4 of a week that starts on Sunday.
                return (int) Math.floorMod(epochSecond + offsetSeconds + 4L * 86400, (long) WEEK);
            }
        };
    }

    /** The system clock in the JVM's default zone (the router's /system clock). */
    WeekClock SYSTEM = of(System::currentTimeMillis, ZoneId.systemDefault());
}
