package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;

import rose.cli.RouterOs;
import rose.cli.lang.Ast.*;
import rose.cli.schema.Menu;

/**
 * Runs parsed statements (reference 01 §2-§4):
 * <ol>
 * <li>a leading {@code :word} is a global scripting command;</li>
 * <li>{@code /} starts from the root, {@code ..} goes up, words that name sub-menus descend
 *     (a unique prefix is enough, as on the console);</li>
 * <li>a statement that is only a path changes the session's menu;</li>
 * <li>otherwise the next word is a command of that menu, and the rest are its arguments.</li>
 * </ol>
 */
public final class Interpreter {
    final RouterOs router;
    final MenuCommands menuCommands;
    final ScriptCommands scriptCommands;

    public Interpreter(RouterOs router) {
        this.router = router;
        this.menuCommands = new MenuCommands(this);
        this.scriptCommands = new ScriptCommands(this);
    }

    Val run(Script script, Frame f) throws CliError {
        Val last = Val.NIL;
        for (Statement st : script.statements()) last = statement(st, f);
        return last;
    }

    Val statement(Statement st, Frame f) throws CliError {
        List<Node> parts = st.parts();
        Node first = parts.get(0);
        if (first instanceof Word w && w.text().startsWith(":") && w.text().length() > 1) {
            return scriptCommands.run(w, parts.subList(1, parts.size()), f);
        }
        if (first instanceof Paren || first instanceof Subst || first instanceof Var || first instanceof Str) {
            if (parts.size() > 1) throw CliError.endOfCommand(parts.get(1).pos());
            return eval(first, f);
        }
        String path = f.path;
        int k = 0;
        List<Node> rest = new ArrayList<>(parts);
        if (first instanceof Word w && w.text().startsWith("/")) {
            path = "";
            // "/ip/ipsec/peer/print" and "/ip ipsec peer print" are both accepted in v7
            String[] segs = w.text().substring(1).split("/", -1);
            rest.remove(0);
            int col = w.pos().column() + 1;
            List<Node> split = new ArrayList<>();
            for (String s : segs) {
                if (!s.isEmpty()) split.add(new Word(s, new Pos(w.pos().line(), col)));
                col += s.length() + 1;
            }
            rest.addAll(0, split);
        }
        while (k < rest.size() && rest.get(k) instanceof Word w) {
            String t = w.text();
            if (t.equals("..")) {
                path = parent(path);
                k++;
                continue;
            }
            if (t.equals("/")) {
                path = "";
                k++;
                continue;
            }
            String child = Args.match(t, router.schema().children(path));
            if (child == null || commandsAt(path).contains(t)) break;
            path = path.isEmpty() ? child : path + " " + child;
            k++;
        }
        if (k == rest.size()) {
            f.changeDir(path);
            return Val.NIL;
        }
        Node cmd = rest.get(k);
        if (!(cmd instanceof Word cw)) throw CliError.badCommand(text(cmd), cmd.pos());
        List<String> commands = commandsAt(path);
        String name = Args.match(cw.text(), commands);
        if (name == null) throw CliError.badCommand(cw.text(), cw.pos());
        Frame inner = f.path.equals(path) ? f : f.nested(path);
        return menuCommands.run(path, name, cw.pos(), rest.subList(k + 1, rest.size()), inner);
    }

    private static String text(Node n) {
        if (n instanceof Assign a) return a.name();
        if (n instanceof Str s) return s.literal();
        if (n instanceof Op o) return o.op();
        return n.toString();
    }

    static String parent(String path) {
        int i = path.lastIndexOf(' ');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** The commands a path offers (its menu's, plus export at every level, import at the root). */
    List<String> commandsAt(String path) {
        List<String> out = new ArrayList<>();
        Menu m = router.schema().menu(path).orElse(null);
        if (m != null) out.addAll(MenuCommands.commandsOf(m));
        if (!out.contains("export") && (m == null || !m.kind().isStatus())) out.add("export");
        if (path.isEmpty()) {
            out.add("import");
            out.add("quit");
            out.add("undo");
            out.add("redo");
        }
        // appliance commands live where their name puts them: "ping" at the root, "tool bandwidth-test" under /tool
        for (String c : router.commands().keySet()) {
            int sp = c.lastIndexOf(' ');
            String word = c.substring(sp + 1);
            if ((sp < 0 ? "" : c.substring(0, sp)).equals(path) && !out.contains(word)) out.add(word);
        }
        return out;
    }

    /** Evaluates a value node to a scripting value. */
    Val eval(Node n, Frame f) throws CliError {
        if (n instanceof Word w) return new Val.Str(w.text());
        if (n instanceof Str s) {
            StringBuilder sb = new StringBuilder();
            for (Object p : s.parts()) {
                if (p instanceof String lit) sb.append(lit);
                else sb.append(eval((Node) p, f).text());
            }
            return new Val.Str(sb.toString());
        }
        if (n instanceof Var v) {
            Val local = f.local(v.name());
            if (local != null) return local;
            Val global = f.session.globalIfDeclared(v.name(), f);
            if (global != null) return global;
            throw CliError.syntax(v.pos());
        }
        if (n instanceof Subst s) {
            Frame inner = f.nested(f.path);
            inner.scopes.push(new java.util.HashMap<>());
            return run(s.script(), inner);
        }
        if (n instanceof Paren p) return Expr.parse(p.tokens(), p.pos()).eval(scriptEnv(f));
        if (n instanceof Block b) return new Val.Code(b.script());
        if (n instanceof Assign a) throw CliError.endOfCommand(a.pos());
        throw CliError.syntax(n.pos());
    }

    /** Bare words in script expressions are literals; variables and substitutions evaluate. */
    Expr.Env scriptEnv(Frame f) {
        return new Expr.Env() {
            @Override public Val word(String word) { return null; }
            @Override public Val eval(Node node) throws CliError { return Interpreter.this.eval(node, f); }
        };
    }

    /** The text an argument value stands for as property input: arrays join with commas. */
    String inputText(Node n, Frame f) throws CliError {
        if (n == null) return "";
        if (n instanceof Word w) return w.text();
        Val v = eval(n, f);
        if (v instanceof Val.Arr a) {
            List<String> parts = new ArrayList<>();
            for (Val x : a.values()) parts.add(x.text());
            return String.join(",", parts);
        }
        return v.text();
    }
}
