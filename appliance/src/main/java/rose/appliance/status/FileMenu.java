package rose.appliance.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import rose.cli.RouterOs;
import rose.cli.status.StatusSource;

/**
 * {@code /file}: the router's files ({@link RouterOs#filesDir}), where backups, exports and
 * captures are written and keys and scripts are put to import. Rows are the directory as it is
 * now, depth first, directories included, like RouterOS's {@code /file print}; {@code remove}
 * deletes a file by name or number.
 */
public final class FileMenu implements StatusSource {
    public static final String MENU = "file";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_DEPTH = 2;

    private final Supplier<RouterOs> ros;
    private final ZoneId zone;

    public FileMenu(Supplier<RouterOs> ros, ZoneId zone) {
        this.ros = ros;
        this.zone = zone;
    }

    @Override public List<Map<String, String>> rows(String menuPath) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Path p : files()) {
            Path dir = dir();
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", "*" + Integer.toHexString(out.size() + 1).toUpperCase(Locale.ROOT));
            row.put("name", dir.relativize(p).toString().replace('\\', '/'));
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                row.put("type", a.isDirectory() ? "directory" : type(p.getFileName().toString()));
                if (!a.isDirectory()) row.put("size", size(a.size()));
                row.put("last-modified", TIME.format(a.lastModifiedTime().toInstant().atZone(zone)));
            } catch (IOException e) {
                continue;                                     // removed while listing
            }
            out.add(row);
        }
        return out;
    }

    @Override public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        if (!menuPath.equals(MENU) || !command.equals("remove")) return false;
        String which = args.getOrDefault("numbers", args.get("id"));
        if (which == null || which.isEmpty()) throw new IllegalArgumentException("missing value(s) of argument(s) numbers");
        List<Map<String, String>> rows = rows(MENU);
        for (String one : which.split(",")) {
            Map<String, String> row = find(rows, one.trim());
            if (row == null) throw new IllegalArgumentException("no such item");
            Path p = dir().resolve(row.get("name")).normalize();
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        for (Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(q);
                    }
                } else {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("failure: could not remove " + row.get("name") + ": " + e.getMessage());
            }
        }
        return true;
    }

    /** By number (as printed: 0, 1, ...), by id ({@code *1}) or by name. */
    private static Map<String, String> find(List<Map<String, String>> rows, String ref) {
        if (ref.matches("\\d+")) {
            int n = Integer.parseInt(ref);
            return n < rows.size() ? rows.get(n) : null;
        }
        for (Map<String, String> r : rows) if (ref.equals(r.get(".id")) || ref.equals(r.get("name"))) return r;
        return null;
    }

    private Path dir() {
        return ros.get().filesDir().toAbsolutePath().normalize();
    }

    private List<Path> files() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            return s.filter(p -> !p.equals(dir)).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** RouterOS's file types: {@code backup}, {@code script}, else the extension ({@code .pcap file}). */
    static String type(String name) {
        if (name.endsWith(".backup")) return "backup";
        if (name.endsWith(".rsc")) return "script";
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) + " file" : "file";
    }

    /** Bytes up to 1 KiB, then KiB/MiB with one decimal, as RouterOS prints file sizes. */
    static String size(long bytes) {
        return bytes < 1024 ? bytes + "" : Sizes.binary(bytes);
    }
}
