package rose.appliance.status;

import java.util.Locale;

/** Byte counts as the RouterOS console prints them: {@code 94.2MiB}, {@code 1.8GiB}. */
final class Sizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    static String binary(long bytes) {
        if (bytes < 1024) return bytes + "B";
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, UNITS[unit]);
    }
}
