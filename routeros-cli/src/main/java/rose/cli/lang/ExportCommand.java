package rose.cli.lang;

import java.util.List;

import rose.cli.lang.Ast.Node;

/** {@code export} at any menu level (reference 01 §9). */
final class ExportCommand {
    static final List<String> SWITCHES = List.of("compact", "verbose", "terse", "show-sensitive", "hide-sensitive");
    private final Interpreter in;

    ExportCommand(Interpreter in) {
        this.in = in;
    }

    Val run(String path, List<Node> parts, Frame f) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(0, List.of("file"), SWITCHES, true, false));
        f.println("# export of /" + path);
        return Val.NIL;
    }
}
