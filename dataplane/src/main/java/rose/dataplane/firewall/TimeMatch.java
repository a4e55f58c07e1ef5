package rose.dataplane.firewall;

import java.time.Duration;

/**
 * {@code time=START-END[,DAY...]} as RouterOS writes it ({@code time=8h-17h,mon,tue,wed,thu,fri}):
 * the packet's arrival (local time of day) is in [START, END) on one of the days; no days means
 * every day. END before START spans midnight, and then the day is the one the window began on
 * (22h-6h,fri matches Saturday 03:00).
 */
public record TimeMatch(int startSecond, int endSecond, int dayMask) {
    static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    static final int ALL_DAYS = 0x7f;

    public static TimeMatch parse(String s) {
        String[] p = s.trim().split(",");
        int dash = p[0].indexOf('-');
        if (dash <= 0) throw new IllegalArgumentException("time: expected start-end[,days]: " + s);
        int start = seconds(p[0].substring(0, dash)), end = seconds(p[0].substring(dash + 1));
        int mask = 0;
        for (int i = 1; i < p.length; i++) {
            int d = day(p[i].trim());
            if (d < 0) throw new IllegalArgumentException("time: unknown day " + p[i].trim());
            mask |= 1 << d;
        }
        return new TimeMatch(start, end, mask == 0 ? ALL_DAYS : mask);
    }

    private static int seconds(String t) {
        Duration d = RosTime.parse(t);
        if (d.isNegative() || d.getSeconds() > 86400) throw new IllegalArgumentException("time: " + t + " is not within a day");
        return (int) d.getSeconds();
    }

    private static int day(String d) {
        for (int i = 0; i < DAYS.length; i++) if (DAYS[i].equals(d)) return i;
        return -1;
    }

    /** {@code secondOfWeek}: seconds since Sunday 00:00 local time. */
    public boolean matches(int secondOfWeek) {
        int day = secondOfWeek / 86400, t = secondOfWeek % 86400;
        if (startSecond <= endSecond) return t >= startSecond && t < endSecond && (dayMask & (1 << day)) != 0;
        if (t >= startSecond) return (dayMask & (1 << day)) != 0;          // evening part of the window
        if (t < endSecond) return (dayMask & (1 << ((day + 6) % 7))) != 0; // morning part: began yesterday
        return false;
    }
}
