package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import rose.cli.lang.Ast.*;

/**
 * The global {@code :} commands real configurations use (reference 01 §13): {@code :put},
 * {@code :local}, {@code :global}, {@code :set}, {@code :if}, {@code :foreach}, {@code :for},
 * {@code :while}, {@code :do}, {@code :log}, {@code :error}, {@code :return}, and the value
 * functions {@code :len :typeof :tostr :tonum :toarray :pick :delay}.
 */
final class ScriptCommands {
    static final List<String> NAMES = List.of("put", "local", "global", "set", "if", "foreach", "for", "while", "do",
            "log", "error", "return", "len", "typeof", "tostr", "tonum", "toarray", "pick", "delay", "nothing");

    private final Interpreter in;

    ScriptCommands(Interpreter in) {
        this.in = in;
    }

    /** Thrown by {@code :return} to leave the running block with a value. */
    static final class Return extends RuntimeException {
        final Val value;

        Return(Val value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    Val run(Word cmd, List<Node> args, Frame f) throws CliError {
        String name = Args.match(cmd.text().substring(1), NAMES);
        if (name == null) throw CliError.badCommand(cmd.text().substring(1), new Pos(cmd.pos().line(), cmd.pos().column() + 1));
        switch (name) {
            case "put": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("message"), List.of(), false, false));
                Node n = a.named.containsKey("message") ? a.named.get("message").value() : a.unnamed.isEmpty() ? null : a.unnamed.get(0);
                f.println(n == null ? "" : value(n, f).text());
                return Val.NIL;
            }
            case "local":
            case "global": {
                Args a = Args.bind(args, new Args.Spec(2, List.of("name", "value"), List.of(), false, false));
                String var = text(a, "name", 0, f, cmd.pos());
                Node vn = a.named.containsKey("value") ? a.named.get("value").value() : a.unnamed.size() > 1 ? a.unnamed.get(1) : null;
                Val v = vn == null ? null : value(vn, f);
                if (name.equals("local")) f.declare(var, v == null ? Val.NIL : v);
                else {
                    f.session.declareGlobal(var);
                    if (v != null) in.router.globals().put(var, v);
                    else in.router.globals().putIfAbsent(var, Val.NIL);
                }
                return Val.NIL;
            }
            case "set": {
                Args a = Args.bind(args, new Args.Spec(2, List.of("name", "value"), List.of(), false, false));
                String var = text(a, "name", 0, f, cmd.pos());
                Node vn = a.named.containsKey("value") ? a.named.get("value").value() : a.unnamed.size() > 1 ? a.unnamed.get(1) : null;
                Val v = vn == null ? Val.NIL : value(vn, f);
                if (!f.setLocal(var, v)) {
                    if (!f.session.hasGlobal(var)) throw CliError.syntax(cmd.pos());
                    in.router.globals().put(var, v);
                }
                return Val.NIL;
            }
            case "if": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("condition", "do", "else"), List.of(), false, false));
                Node c = a.named.containsKey("condition") ? a.named.get("condition").value() : a.unnamed.isEmpty() ? null : a.unnamed.get(0);
                if (c == null) throw CliError.value("missing value(s) of argument(s) condition", cmd.pos());
                String branch = Val.truth(value(c, f)) ? "do" : "else";
                return a.named.containsKey(branch) ? block(a.named.get(branch).value(), f) : Val.NIL;
            }
            case "foreach": {
                String var = foreachVar(args, cmd.pos());
                Args a = Args.bind(args.subList(1, args.size()), new Args.Spec(0, List.of("in", "do"), List.of(), false, false));
                Val coll = a.named.containsKey("in") ? value(a.named.get("in").value(), f) : Val.NIL;
                List<Val> items = new ArrayList<>();
                if (coll instanceof Val.Arr arr) {
                    items.addAll(arr.values());
                    items.addAll(arr.keyed().values());
                } else if (!(coll instanceof Val.Nil)) items.add(coll);
                for (Val v : items) {
                    f.scopes.push(new java.util.HashMap<>(Map.of(var, v)));
                    try {
                        if (a.named.containsKey("do")) block(a.named.get("do").value(), f);
                    } finally {
                        f.scopes.pop();
                    }
                }
                return Val.NIL;
            }
            case "for": {
                String var = foreachVar(args, cmd.pos());
                Args a = Args.bind(args.subList(1, args.size()), new Args.Spec(0, List.of("from", "to", "step", "do"), List.of(), false, false));
                if (!a.named.containsKey("from") || !a.named.containsKey("to") || !a.named.containsKey("do")) {
                    throw CliError.value("missing value(s) of argument(s) from, to, do", cmd.pos());
                }
                long from = num(value(a.named.get("from").value(), f)), to = num(value(a.named.get("to").value(), f));
                long step = a.named.containsKey("step") ? num(value(a.named.get("step").value(), f)) : (from <= to ? 1 : -1);
                if (step == 0) throw CliError.value("failure: step can not be 0", cmd.pos());
                for (long i = from, n = 0; step > 0 ? i <= to : i >= to; i += step) {
                    if (++n > 1_000_000) throw CliError.value("failure: too many iterations", cmd.pos());
                    f.scopes.push(new java.util.HashMap<>(Map.of(var, new Val.Num(i))));
                    try {
                        block(a.named.get("do").value(), f);
                    } finally {
                        f.scopes.pop();
                    }
                }
                return Val.NIL;
            }
            case "while": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("do"), List.of(), false, false));
                for (int n = 0; Val.truth(value(a.unnamed.get(0), f)); n++) {
                    if (n > 1_000_000) throw CliError.value("failure: too many iterations", cmd.pos());
                    block(a.named.get("do").value(), f);
                }
                return Val.NIL;
            }
            case "do": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("command", "on-error", "while"), List.of(), false, false));
                Node body = a.named.containsKey("command") ? a.named.get("command").value() : a.unnamed.get(0);
                try {
                    Val r = block(body, f);
                    if (a.named.containsKey("while")) {
                        for (int n = 0; Val.truth(value(a.named.get("while").value(), f)); n++) {
                            if (n > 1_000_000) throw CliError.value("failure: too many iterations", cmd.pos());
                            r = block(body, f);
                        }
                    }
                    return r;
                } catch (CliError e) {
                    if (!a.named.containsKey("on-error")) throw e;
                    return block(a.named.get("on-error").value(), f);
                }
            }
            case "log": {
                Args a = Args.bind(args, new Args.Spec(2, List.of("message"), List.of(), false, false));
                if (a.unnamed.isEmpty()) throw CliError.value("missing value(s) of argument(s) message", cmd.pos());
                String level = Args.match(value(a.unnamed.get(0), f).text(), List.of("info", "warning", "error", "debug"));
                if (level == null) throw CliError.badCommand(value(a.unnamed.get(0), f).text(), a.unnamed.get(0).pos());
                Node msg = a.named.containsKey("message") ? a.named.get("message").value() : a.unnamed.size() > 1 ? a.unnamed.get(1) : null;
                in.router.log().log("script," + level, msg == null ? "" : value(msg, f).text());
                return Val.NIL;
            }
            case "error": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("message"), List.of(), false, false));
                throw CliError.value(a.unnamed.isEmpty() ? "" : value(a.unnamed.get(0), f).text(), cmd.pos());
            }
            case "return": {
                Args a = Args.bind(args, new Args.Spec(1, List.of("value"), List.of(), false, false));
                throw new Return(a.unnamed.isEmpty() ? Val.NIL : value(a.unnamed.get(0), f));
            }
            case "delay":
                return Val.NIL; // scripts in configurations use it for pacing; a configuration load need not wait
            case "nothing":
                return Val.NIL;
            default:
                return function(name, args, f, cmd);
        }
    }

    private Val function(String name, List<Node> args, Frame f, Word cmd) throws CliError {
        Args a = Args.bind(args, new Args.Spec(3, List.of(), List.of(), false, false));
        if (a.unnamed.isEmpty()) throw CliError.value("missing value(s) of argument(s) value", cmd.pos());
        Val v = value(a.unnamed.get(0), f);
        switch (name) {
            case "len": return new Val.Num(v instanceof Val.Arr arr ? arr.values().size() + arr.keyed().size() : v.text().length());
            case "typeof": return new Val.Str(v.typeName());
            case "tostr": return new Val.Str(v.text());
            case "tonum":
                try {
                    return new Val.Num(Long.parseLong(v.text().trim()));
                } catch (NumberFormatException e) {
                    return Val.NIL;
                }
            case "toarray":
                if (v instanceof Val.Arr) return v;
                List<Val> parts = new ArrayList<>();
                if (!v.text().isEmpty()) for (String s : v.text().split(",")) parts.add(new Val.Str(s));
                return Val.Arr.of(parts);
            case "pick": {
                long start = a.unnamed.size() > 1 ? num(value(a.unnamed.get(1), f)) : 0;
                if (v instanceof Val.Arr arr) {
                    long end = a.unnamed.size() > 2 ? num(value(a.unnamed.get(2), f)) : start + 1;
                    List<Val> all = arr.values();
                    int s = (int) Math.max(0, start), e = (int) Math.min(all.size(), end);
                    if (s >= e) return Val.NIL;
                    return e - s == 1 ? all.get(s) : Val.Arr.of(all.subList(s, e));
                }
                String t = v.text();
                long end = a.unnamed.size() > 2 ? num(value(a.unnamed.get(2), f)) : start + 1;
                int s = (int) Math.max(0, Math.min(start, t.length())), e = (int) Math.max(s, Math.min(end, t.length()));
                return new Val.Str(t.substring(s, e));
            }
            default:
                throw CliError.badCommand(name, cmd.pos());
        }
    }

    /** {@code :foreach i in=...}: the loop variable is the first bare word. */
    private static String foreachVar(List<Node> args, Pos at) throws CliError {
        if (args.isEmpty() || !(args.get(0) instanceof Word w)) throw CliError.syntax(at);
        return w.text();
    }

    private String text(Args a, String named, int index, Frame f, Pos at) throws CliError {
        Node n = a.named.containsKey(named) ? a.named.get(named).value() : a.unnamed.size() > index ? a.unnamed.get(index) : null;
        if (n == null) throw CliError.value("missing value(s) of argument(s) " + named, at);
        return n instanceof Word w ? w.text() : value(n, f).text();
    }

    private Val value(Node n, Frame f) throws CliError {
        if (n instanceof Block b) return array(b, f);
        if (n instanceof Word w) {
            String t = w.text();
            if (t.matches("-?\\d{1,18}")) return new Val.Num(Long.parseLong(t));
            if (t.equals("true")) return new Val.Bool(true);
            if (t.equals("false")) return new Val.Bool(false);
        }
        return in.eval(n, f);
    }

    /** {@code {1;2;3}} and {@code {a=1;b=2}} where a value is expected: an array literal. */
    private Val array(Block b, Frame f) throws CliError {
        List<Val> values = new ArrayList<>();
        Map<String, Val> keyed = new java.util.LinkedHashMap<>();
        for (Statement st : b.script().statements()) {
            for (Node part : st.parts()) {
                if (part instanceof Assign a) keyed.put(a.name(), a.value() == null ? new Val.Str("") : value(a.value(), f));
                else values.add(value(part, f));
            }
        }
        return new Val.Arr(values, keyed);
    }

    private static long num(Val v) throws CliError {
        if (v instanceof Val.Num n) return n.value();
        try {
            return Long.parseLong(v.text().trim());
        } catch (NumberFormatException e) {
            throw CliError.value("failure: not a number", Pos.NONE);
        }
    }

    /** Runs a {@code { }} block in a new local scope. */
    Val block(Node n, Frame f) throws CliError {
        if (n == null) return Val.NIL;
        if (!(n instanceof Block b)) return value(n, f);
        f.scopes.push(new java.util.HashMap<>());
        try {
            return in.run(b.script(), f);
        } finally {
            f.scopes.pop();
        }
    }
}
