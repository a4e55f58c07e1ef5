package rose.os;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} commands for Linux-tier tests; the output is returned for failure messages. */
public final class LinuxNet {
    private LinuxNet() {}

    public static String run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IOException("timeout: " + c); }
        if (p.exitValue() != 0) throw new IOException(c + " exited " + p.exitValue() + ": " + out);
        return out;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
