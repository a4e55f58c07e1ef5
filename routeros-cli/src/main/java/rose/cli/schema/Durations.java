package rose.cli.schema;

/** RouterOS time values: {@code 1w2d3h4m5s6ms7us}, {@code HH:MM:SS}, {@code 1d00:00:00}. */
public final class Durations {
    private static final long US = 1, MS = 1000, S = 1_000_000, M = 60 * S, H = 60 * M, D = 24 * H, W = 7 * D;

    private Durations() {
    }

    /** Microseconds, or -1 when the text is not a time. A bare number means seconds. */
    public static long parseMicros(String s) {
        if (s.isEmpty()) return -1;
        if (s.indexOf(':') >= 0) return parseClock(s);
        long total = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (start == i) return -1;
            if (i - start > 12) return -1;
            long n = Long.parseLong(s.substring(start, i));
            long unit;
            if (i == s.length()) unit = S;
            else if (s.startsWith("ms", i)) { unit = MS; i += 2; }
            else if (s.startsWith("us", i)) { unit = US; i += 2; }
            else {
                switch (s.charAt(i)) {
                    case 'w' -> unit = W;
                    case 'd' -> unit = D;
                    case 'h' -> unit = H;
                    case 'm' -> unit = M;
                    case 's' -> unit = S;
                    default -> { return -1; }
                }
                i++;
            }
            total += n * unit;
            any = true;
        }
        return any ? total : -1;
    }

    private static long parseClock(String s) {
        long days = 0;
        int d = s.indexOf('d');
        if (d > 0) {
            long dd = parseMicros(s.substring(0, d + 1));
            if (dd < 0) return -1;
            days = dd;
            s = s.substring(d + 1);
        }
        String[] parts = s.split(":", -1);
        if (parts.length < 2 || parts.length > 3) return -1;
        long total = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 && !p.contains(".")) return -1;
        }
        try {
            long h = Long.parseLong(parts[0]);
            long m = Long.parseLong(parts[1]);
            double sec = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
            if (m > 59 || sec >= 60) return -1;
            total = h * H + m * M + Math.round(sec * S);
        } catch (NumberFormatException e) {
            return -1;
        }
        return days + total;
    }

    /** Compact RouterOS form: {@code 1d}, {@code 30m}, {@code 2d20h12m20s}, {@code 0s}. */
    public static String format(long micros) {
        if (micros == 0) return "0s";
        StringBuilder sb = new StringBuilder();
        long r = micros;
        r = unit(sb, r, W, "w");
        r = unit(sb, r, D, "d");
        r = unit(sb, r, H, "h");
        r = unit(sb, r, M, "m");
        r = unit(sb, r, S, "s");
        r = unit(sb, r, MS, "ms");
        unit(sb, r, US, "us");
        return sb.toString();
    }

    private static long unit(StringBuilder sb, long r, long unit, String name) {
        if (r >= unit) {
            sb.append(r / unit).append(name);
            return r % unit;
        }
        return r;
    }

    /** Clock form used in range messages: {@code 00:00:10}, {@code 1d00:00:00}. */
    public static String clock(long micros) {
        long secs = micros / S;
        long days = secs / 86400;
        secs %= 86400;
        String hms = String.format("%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
        return days > 0 ? days + "d" + hms : hms;
    }
}
