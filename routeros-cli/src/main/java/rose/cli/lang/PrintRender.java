package rose.cli.lang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import rose.cli.print.Row;
import rose.cli.schema.Menu;

/** Bridges print's switches to the printer. */
final class PrintRender {
    private PrintRender() {
    }

    static void render(Menu m, List<Row> rows, Set<String> switches, List<String> proplist, Appendable out) {
        try {
            for (Row r : rows) {
                out.append(String.format("%2d %-3s", r.number(), r.flags()));
                r.values().forEach((k, v) -> {
                    if (proplist == null || proplist.contains(k)) {
                        try {
                            out.append(' ').append(k).append('=').append(v);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                out.append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
