package rose.cli.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import rose.cli.lang.Ast.Node;
import rose.cli.lang.Ast.Script;
import rose.cli.lang.Ast.Statement;

/**
 * {@code /import} (reference 01 §10): runs a script file. Plain import stops at the first
 * error; {@code verbose=yes} echoes each line and goes on, counting errors; {@code dry-run}
 * (with verbose) only checks the syntax. The whole import is synced to disk once, at the end.
 */
final class ImportCommand {
    private final Interpreter in;

    ImportCommand(Interpreter in) {
        this.in = in;
    }

    Val run(List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(1, List.of("file-name", "verbose", "from-line"), List.of("dry-run"), false, false));
        Node fileNode = a.named.containsKey("file-name") ? a.named.get("file-name").value() : a.unnamed.isEmpty() ? null : a.unnamed.get(0);
        if (fileNode == null) throw CliError.value("missing value(s) of argument(s) file-name", pos);
        String name = in.inputText(fileNode, f);
        boolean verbose = a.named.containsKey("verbose") && RowBuilder.isTrue(in.inputText(a.named.get("verbose").value(), f));
        boolean dryRun = a.switches.contains("dry-run");
        Path file = resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliError.value("failure: no such file", fileNode.pos());
        }
        f.println("Opening script file " + name);
        f.println("");
        return verbose ? verbose(text, f, dryRun) : plain(text, f);
    }

    private Path resolve(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute() && Files.exists(p)) return p;
        Path inFiles = in.router.filesDir().resolve(name);
        if (Files.exists(inFiles)) return inFiles;
        if (!name.endsWith(".rsc")) {
            Path withExt = in.router.filesDir().resolve(name + ".rsc");
            if (Files.exists(withExt)) return withExt;
        }
        return inFiles;
    }

    private Val plain(String text, Frame f) throws CliError {
        Script script;
        try {
            script = Parser.parse(text);
        } catch (CliError e) {
            throw CliError.value("Script Error: " + e.render(true), e.pos());
        }
        Frame sf = new Frame(f.session, "", f.out, true, false);
        in.router.db().beginBatch();
        try {
            for (Statement st : script.statements()) {
                try {
                    in.statement(st, sf);
                } catch (CliError e) {
                    throw CliError.value("Script Error: " + e.render(true), e.pos());
                }
            }
        } finally {
            in.router.db().endBatch();
        }
        f.println("Script file loaded and executed successfully");
        return Val.NIL;
    }

    private Val verbose(String text, Frame f, boolean dryRun) throws CliError {
        String[] lines = text.split("\n", -1);
        Frame sf = new Frame(f.session, "", f.out, true, false);
        int errors = 0;
        in.router.db().beginBatch();
        try {
            int lineNo = 0;
            while (lineNo < lines.length) {
                int first = lineNo;
                StringBuilder logical = new StringBuilder(lines[lineNo++]);
                while (logical.toString().stripTrailing().endsWith("\\") && lineNo < lines.length) {
                    logical.append('\n').append(lines[lineNo++]);
                }
                String src = logical.toString();
                if (src.isBlank()) continue;
                f.println("#line " + (first + 1));
                f.println(src);
                try {
                    Script s = Parser.parse(src, first + 1);
                    if (!dryRun) for (Statement st : s.statements()) in.statement(st, sf);
                } catch (CliError e) {
                    errors++;
                    f.println(e.render(true));
                }
            }
        } finally {
            in.router.db().endBatch();
        }
        if (errors > 0) throw CliError.value("Script Error: found " + errors + " error(s) in import file", Pos.NONE);
        f.println("Script file loaded and executed successfully");
        return Val.NIL;
    }
}
