package rose.dataplane.linux;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shell helpers for the Linux tier: namespaces and veths set up and torn down by the test itself. */
final class Sh {
    private Sh() {}

    record Result(int exit, String out) {}

    static Result run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); return new Result(-1, "timeout: " + String.join(" ", cmd)); }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    static String must(String... cmd) throws IOException, InterruptedException {
        Result r = run(cmd);
        if (r.exit() != 0) throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.out());
        return r.out();
    }

    static void quiet(String... cmd) {
        try { run(cmd); } catch (IOException | InterruptedException e) { /* cleanup: best effort */ }
    }

    static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").split(":"))
            if (new File(dir, tool).canExecute()) return true;
        return new File("/usr/sbin/" + tool).canExecute() || new File("/sbin/" + tool).canExecute() || new File("/usr/bin/" + tool).canExecute();
    }

    static boolean root() { return "root".equals(System.getProperty("user.name")); }

    /** Why the Linux tier cannot run here, or null if it can. */
    static String unavailable(String... tools) {
        if (!root()) return "needs root (namespaces, veth, TUN)";
        for (String t : tools) if (!has(t)) return "needs the '" + t + "' command (Debian: " + (t.equals("ping") ? "iputils-ping" : t.equals("ip") ? "iproute2" : t) + ")";
        rose.os.Capabilities c = rose.os.Capabilities.probe();
        if (!c.tun() || !c.afPacket()) return c.reason();
        try {
            Result r = run("ip", "netns", "add", "rose-probe");
            if (r.exit() != 0) return "cannot create network namespaces: " + r.out().trim();
            quiet("ip", "netns", "del", "rose-probe");
        } catch (IOException | InterruptedException e) {
            return "cannot run ip: " + e;
        }
        return null;
    }
}
