package rose.appliance.status;

import java.util.Locale;

/** Rates as RouterOS prints them ({@code 0bps}, {@code 160.8kbps}, {@code 499.9Mbps}, {@code 1.2Gbps}). */
public final class Rates {
    private Rates() {}

    public static String bits(long bps) {
        if (bps < 1000) return bps + "bps";
        if (bps < 1_000_000) return String.format(Locale.ROOT, "%.1fkbps", bps / 1e3);
        if (bps < 1_000_000_000) return String.format(Locale.ROOT, "%.1fMbps", bps / 1e6);
        return String.format(Locale.ROOT, "%.1fGbps", bps / 1e9);
    }

    /** {@code bytes} over {@code nanos} as bit/s, in floating point so large counts do not overflow. */
    public static long bitsPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : (long) (bytes * 8.0 * 1e9 / nanos);
    }
}
