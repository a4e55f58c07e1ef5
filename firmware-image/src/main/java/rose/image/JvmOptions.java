package rose.image;

import java.util.regex.Pattern;

/**
 * The image's {@code /etc/default/rose} for the Java runtime the image ships. A JVM refuses to
 * start on an option it does not know, and a router whose service cannot start is a brick, so
 * an option that only newer runtimes have is left out for an older one.
 */
final class JvmOptions {
    /**
     * {@code -XX:TrimNativeHeapInterval}, with the {@code -XX:+UnlockExperimentalVMOptions} before
     * it (it was experimental in its first updates): JDK 22, backported to 21.0.1 and 17.0.9.
     */
    private static final Pattern TRIM = Pattern.compile(" ?-XX:\\+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=\\d+");

    private JvmOptions() {
    }

    /** Whether {@code runtime} knows {@code -XX:TrimNativeHeapInterval}. */
    static boolean trimsNativeHeap(Runtime.Version runtime) {
        int feature = runtime.feature(), update = runtime.update();
        return feature >= 22 || feature == 21 && update >= 1 || feature == 17 && update >= 9;
    }

    /**
     * {@code defaults} (the {@code default-rose} resource) as written for {@code runtime}: the
     * jlink-trimmed build JDK, or null for Debian's {@code openjdk-17-jre-headless}, which is
     * bookworm's current 17 update and has every option.
     */
    static String forRuntime(String defaults, Runtime.Version runtime) {
        if (runtime == null || trimsNativeHeap(runtime)) return defaults;
        return TRIM.matcher(defaults).replaceAll("");
    }
}
