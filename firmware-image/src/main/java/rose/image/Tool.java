package rose.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the host tools the build needs (mmdebstrap, mkfs.ext4, mkfs.vfat, mcopy, jlink,
 * zstd), its output appended to the build log; a failure names the command and points at the
 * log's last lines, since mmdebstrap's reasons are at the end.
 */
final class Tool {
    private final Path log;

    Tool(Path log) {
        this.log = log;
    }

    /** Whether {@code name} is on PATH (or an absolute path that is executable). */
    static boolean present(String name) {
        if (name.startsWith("/")) return Files.isExecutable(Path.of(name));
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    void run(String... command) throws IOException {
        run(null, command);
    }

    void run(Path dir, String... command) throws IOException {
        List<String> cmd = List.of(command);
        Files.writeString(log, "$ " + String.join(" ", cmd) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
        Process p = pb.start();
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(cmd.get(0) + " interrupted");
        }
        if (status != 0) {
            throw new IOException(cmd.get(0) + " failed (exit " + status + "); the end of " + log + ":\n" + tail(log, 15));
        }
    }

    /** Runs a command and returns its standard output (for {@code apt-cache}, {@code du}). */
    static String output(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(command[0] + " failed: " + new String(p.getErrorStream().readAllBytes()).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command[0] + " interrupted");
        }
        return out;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
