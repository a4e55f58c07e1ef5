package rose.dataplane.firewall;

import java.time.Duration;

/** RouterOS time values: {@code 1d2h3m4s}, {@code 500ms}, {@code 1w}, plain seconds, or {@code hh:mm:ss}. */
public final class RosTime {
    private RosTime() {}

    public static Duration parse(String s) {
        s = s.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty time");
        if (s.indexOf(':') >= 0) {
            String[] p = s.split(":");
            long secs = 0;
            for (String x : p) secs = secs * 60 + Long.parseLong(x);
            return Duration.ofSeconds(secs);
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
            if (j == i) throw new IllegalArgumentException("invalid time: " + s);
            long n = Long.parseLong(s.substring(i, j));
            int k = j;
            while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
            String unit = s.substring(j, k);
            switch (unit) {
                case "": case "s": nanos += n * 1_000_000_000L; break;
                case "ms": nanos += n * 1_000_000L; break;
                case "us": nanos += n * 1_000L; break;
                case "m": nanos += n * 60_000_000_000L; break;
                case "h": nanos += n * 3_600_000_000_000L; break;
                case "d": nanos += n * 86_400_000_000_000L; break;
                case "w": nanos += n * 7 * 86_400_000_000_000L; break;
                default: throw new IllegalArgumentException("invalid time unit in " + s);
            }
            i = k;
        }
        return Duration.ofNanos(nanos);
    }

    /** RouterOS print form for timeouts: {@code 23h59m58s}, {@code 9s}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        StringBuilder sb = new StringBuilder();
        long w = s / (7 * 86400); s %= 7 * 86400;
        long day = s / 86400; s %= 86400;
        long h = s / 3600; s %= 3600;
        long m = s / 60; s %= 60;
        if (w > 0) sb.append(w).append('w');
        if (day > 0) sb.append(day).append('d');
        if (h > 0) sb.append(h).append('h');
        if (m > 0) sb.append(m).append('m');
        if (s > 0 || sb.length() == 0) sb.append(s).append('s');
        return sb.toString();
    }

    /** Rates may carry k/M/G (bit mode: {@code 1M/1s}). */
    static long parseCount(String s) {
        s = s.trim();
        long mul = 1;
        char c = s.charAt(s.length() - 1);
        if (c == 'k' || c == 'K') mul = 1_000;
        else if (c == 'M') mul = 1_000_000;
        else if (c == 'G') mul = 1_000_000_000;
        if (mul != 1) s = s.substring(0, s.length() - 1);
        return Long.parseLong(s) * mul;
    }
}
