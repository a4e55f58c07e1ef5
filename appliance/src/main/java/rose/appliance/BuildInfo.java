package rose.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: the RouterOS version whose language and output ROSE follows, and when
 * the jar was built ({@code build.properties}, filled in by Maven).
 *
 * @param routerOsVersion the RouterOS release ROSE speaks, shown in {@code /system resource}
 * @param buildTime       {@code YYYY-MM-DD HH:MM:SS} (UTC), or null when not built by Maven
 */
public record BuildInfo(String routerOsVersion, String buildTime) {
    /** The RouterOS release whose console, export and API ROSE reproduces. */
    public static final String ROUTEROS_VERSION = "7.18.2";

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String time = p.getProperty("build-time");
        if (time != null && (time.isBlank() || time.startsWith("${"))) time = null;
        return new BuildInfo(ROUTEROS_VERSION, time);
    }
}
