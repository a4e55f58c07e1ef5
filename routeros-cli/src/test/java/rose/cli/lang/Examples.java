package rose.cli.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The users' configurations in ../shared/examples, as logical console lines. */
final class Examples {
    static final Path DIR = locate();

    private Examples() {
    }

    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("examples");
            if (Files.isDirectory(candidate)) return candidate;
            Path inside = p.resolve("shared").resolve("examples");
            if (Files.isDirectory(inside)) return inside;
        }
        throw new IllegalStateException("../shared/examples not found");
    }

    static List<String> files() throws IOException {
        try (var s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rsc")).sorted().toList();
        }
    }

    /** Lines as the console reads them: continuations joined, comments and blanks dropped. */
    static List<String> lines(String file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : Files.readAllLines(DIR.resolve(file))) {
            cur.append(raw);
            if (raw.endsWith("\\")) {
                cur.setLength(cur.length() - 1);
                continue;
            }
            String line = cur.toString();
            cur.setLength(0);
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            out.add(line);
        }
        return out;
    }
}
