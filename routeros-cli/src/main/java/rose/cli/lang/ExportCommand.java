package rose.cli.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import rose.cli.db.ConfigState;
import rose.cli.export.ExportOptions;
import rose.cli.export.Exporter;
import rose.cli.lang.Ast.Node;
import rose.cli.print.Row;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;

/**
 * {@code export} at any menu level (reference 01 §9): the menu and everything below it,
 * {@code compact} (default) / {@code verbose} / {@code terse}, secrets only with
 * {@code show-sensitive}, {@code where} on a single menu, {@code file=} into the router's files.
 */
final class ExportCommand {
    /** The RouterOS version ROSE speaks; export headers and /system resource show it. */
    static final String VERSION = "7.18.2";
    static final List<String> SWITCHES = List.of("compact", "verbose", "terse", "show-sensitive", "hide-sensitive");
    private static final Exporter EXPORTER = new Exporter();
    private final Interpreter in;

    ExportCommand(Interpreter in) {
        this.in = in;
    }

    Val run(String path, List<Node> parts, Frame f) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(0, List.of("file"), SWITCHES, true, false));
        ConfigState st = in.router.db().state();
        Menu menu = in.router.schema().menu(path).orElse(null);
        ExportOptions.Builder o = ExportOptions.builder()
                .verbose(a.switches.contains("verbose"))
                .terse(a.switches.contains("terse"))
                .showSensitive(a.switches.contains("show-sensitive")
                        && rose.cli.auth.Access.showsSensitive(f.session.principal()))
                .scope(path)
                .dateTime(LocalDateTime.now(in.router.log().clock()))
                .version(VERSION)
                .softwareId("")
                .model(in.router.hardware().routerboard() ? in.router.hardware().model() : null)
                .serial(in.router.hardware().routerboard() ? in.router.hardware().serialNumber() : null)
                .annotation((m, item) -> notReady(m, item, st));
        if (a.where != null) {
            if (menu == null) throw CliError.syntax(a.wherePos);
            Expr.E where = RowFilter.parseWhere(a);
            RowBuilder rows = new RowBuilder(in.router);
            RowFilter filter = new RowFilter(in, menu, f);
            MenuView view = MenuView.of(in.router.schema(), menu, st);
            o.filter((m, item) -> {
                Row r = rows.row(view, item, st, -1);
                try {
                    return filter.matches(r, where, java.util.Map.of());
                } catch (CliError e) {
                    return false;
                }
            });
        }
        String text = EXPORTER.export(in.router.schema(), st, o.build());
        if (a.named.containsKey("file")) {
            String name = in.inputText(a.named.get("file").value(), f);
            if (!name.endsWith(".rsc")) name += ".rsc";
            Path target = in.router.filesDir().resolve(name);
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw CliError.value("failure: could not write file " + name, a.named.get("file").valuePos());
            }
            return Val.NIL;
        }
        try {
            f.out.append(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Val.NIL;
    }

    /** RouterOS marks an item whose interface is absent: {@code # lan not ready}. */
    private String notReady(Menu m, rose.cli.db.Item item, ConfigState st) {
        for (Property p : m.properties().values()) {
            if (!p.danglingInvalid()) continue;
            String v = item.get(p.name());
            if (v == null) continue;
            String missing = Validator.missingReference(in.router.schema(), p, v, st);
            if (missing != null) return missing + " not ready";
        }
        return null;
    }
}
