package rose.appliance.netns;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (output and error merged), with a timeout. */
public final class Cmd {
    private Cmd() {}

    public record Result(int exit, String out) {
        public boolean ok() { return exit == 0; }
    }

    public static Result run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try { out[0] = p.getInputStream().readAllBytes(); } catch (IOException e) { out[0] = new byte[0]; }
        });
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(2000);
            return new Result(-1, "timeout after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + (out[0] == null ? "" : new String(out[0])));
        }
        reader.join(5000);
        return new Result(p.exitValue(), out[0] == null ? "" : new String(out[0]));
    }

    public static Result run(String... cmd) throws IOException, InterruptedException {
        return run(List.of(cmd), 60);
    }

    public static String must(String... cmd) throws IOException, InterruptedException {
        Result r = run(cmd);
        if (!r.ok()) throw new IOException(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.out());
        return r.out();
    }

    public static void quiet(String... cmd) {
        try { run(List.of(cmd), 20); } catch (IOException | InterruptedException e) { /* cleanup: best effort */ }
    }

    public static boolean has(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/bin:/bin").split(":"))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }
}
