package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import rose.cli.lang.Ast.*;
import rose.cli.schema.IpText;

/**
 * The expression language of {@code where}, {@code find} and {@code ( )} (reference 01 §6,
 * §13): {@code = != < > <= >= ~ in}, {@code ! not && and || or}, {@code + - * / .}, parentheses.
 * Parsed from the statement's tokens into a tree, evaluated against an {@link Env} that says
 * what a bare word means (a property of the item in {@code where}, a literal in scripts).
 */
public final class Expr {
    /** What bare words and variables mean where the expression is evaluated. */
    public interface Env {
        /** The value of a bare word, or null if it is just a literal. */
        Val word(String word);

        /** Evaluates a variable, a substitution or a string with interpolation. */
        Val eval(Node node) throws CliError;

        /** Compares {@code property op literal} the way the property's type orders values; null = not a property. */
        default Boolean compare(String property, String op, Val right) {
            return null;
        }
    }

    /** A parsed expression. */
    public sealed interface E {
        Val eval(Env env) throws CliError;
    }

    private record Leaf(Node node) implements E {
        public Val eval(Env env) throws CliError {
            if (node instanceof Word w) {
                String t = w.text();
                Val v = env.word(t);
                if (v != null) return v;
                if (t.matches("-?\\d{1,18}")) return new Val.Num(Long.parseLong(t));
                if (t.equals("true") || t.equals("yes")) return new Val.Bool(true);
                if (t.equals("false") || t.equals("no")) return new Val.Bool(false);
                return new Val.Str(t);
            }
            if (node instanceof Paren p) return parse(p.tokens(), p.pos()).eval(env);
            return env.eval(node);
        }
    }

    private record Not(E inner) implements E {
        public Val eval(Env env) throws CliError {
            return new Val.Bool(!Val.truth(inner.eval(env)));
        }
    }

    private record Logic(String op, E left, E right) implements E {
        public Val eval(Env env) throws CliError {
            boolean l = Val.truth(left.eval(env));
            if (op.equals("&&") ? !l : l) return new Val.Bool(l);
            return new Val.Bool(Val.truth(right.eval(env)));
        }
    }

    private record Binary(String op, E left, E right) implements E {
        public Val eval(Env env) throws CliError {
            if (isCompare(op) && left instanceof Leaf lf && lf.node() instanceof Word w) {
                Val r = right.eval(env);
                Boolean b = env.compare(w.text(), op, r);
                if (b != null) return new Val.Bool(b);
            }
            Val l = left.eval(env), r = right.eval(env);
            return apply(op, l, r);
        }
    }

    private static boolean isCompare(String op) {
        return switch (op) {
            case "=", "!=", "<", ">", "<=", ">=", "~", "in" -> true;
            default -> false;
        };
    }

    /** Generic operators on values (script expressions, and where-comparisons on non-properties). */
    static Val apply(String op, Val l, Val r) throws CliError {
        switch (op) {
            case ".": return new Val.Str(l.text() + r.text());
            case "~":
                try {
                    return new Val.Bool(Pattern.compile(r.text()).matcher(l.text()).find());
                } catch (PatternSyntaxException e) {
                    return new Val.Bool(false);
                }
            case "in": return new Val.Bool(contains(r.text(), l.text()));
            case "=": return new Val.Bool(equal(l, r));
            case "!=": return new Val.Bool(!equal(l, r));
            default:
        }
        if (l instanceof Val.Num a && r instanceof Val.Num b) {
            long x = a.value(), y = b.value();
            switch (op) {
                case "<": return new Val.Bool(x < y);
                case ">": return new Val.Bool(x > y);
                case "<=": return new Val.Bool(x <= y);
                case ">=": return new Val.Bool(x >= y);
                case "+": return new Val.Num(x + y);
                case "-": return new Val.Num(x - y);
                case "*": return new Val.Num(x * y);
                case "/": return y == 0 ? Val.NIL : new Val.Num(x / y);
                case "%": return y == 0 ? Val.NIL : new Val.Num(x % y);
                default:
            }
        }
        int c = l.text().compareTo(r.text());
        switch (op) {
            case "<": return new Val.Bool(c < 0);
            case ">": return new Val.Bool(c > 0);
            case "<=": return new Val.Bool(c <= 0);
            case ">=": return new Val.Bool(c >= 0);
            case "+": return new Val.Str(l.text() + r.text());
            default: return Val.NIL;
        }
    }

    private static boolean equal(Val l, Val r) {
        if (l instanceof Val.Bool || r instanceof Val.Bool) return Val.truth(l) == Val.truth(r);
        return l.text().equals(r.text());
    }

    /** IPv4 containment: {@code 1.1.1.1 in 1.0.0.0/8}. */
    static boolean contains(String net, String addr) {
        int slash = net.indexOf('/');
        long base = IpText.v4(slash < 0 ? net : net.substring(0, slash));
        int len = slash < 0 ? 32 : Integer.parseInt(net.substring(slash + 1));
        int aslash = addr.indexOf('/');
        long a = IpText.v4(aslash < 0 ? addr : addr.substring(0, aslash));
        int alen = aslash < 0 ? 32 : Integer.parseInt(addr.substring(aslash + 1));
        if (base < 0 || a < 0 || alen < len) return false;
        return IpText.network(base, len) == IpText.network(a, len);
    }

    /** Parses tokens (the rest of a statement after {@code where}, or a parenthesis' content). */
    public static E parse(List<Node> tokens, Pos at) throws CliError {
        Expr.Reader r = new Expr.Reader(tokens, at);
        E e = r.or();
        if (r.i < tokens.size()) throw CliError.syntax(tokens.get(r.i).pos());
        return e;
    }

    private static final class Reader {
        final List<Node> t;
        final Pos at;
        int i;

        Reader(List<Node> tokens, Pos at) {
            this.t = expandAssign(tokens);
            this.at = at;
        }

        /** {@code a=b} arrives from the parser as one Assign node; split it into a = b. */
        private static List<Node> expandAssign(List<Node> in) {
            List<Node> out = new ArrayList<>();
            for (Node n : in) {
                if (n instanceof Assign a) {
                    out.add(new Word(a.name(), a.pos()));
                    out.add(new Op("=", a.pos()));
                    out.add(a.value() == null ? new Str(List.of(""), a.valuePos()) : a.value());
                } else out.add(n);
            }
            return out;
        }

        boolean isWord(String w) {
            return i < t.size() && (t.get(i) instanceof Word x && x.text().equals(w)
                    || t.get(i) instanceof Op o && o.op().equals(w));
        }

        E or() throws CliError {
            E left = and();
            while (isWord("||") || isWord("or")) {
                i++;
                left = new Logic("||", left, and());
            }
            return left;
        }

        E and() throws CliError {
            E left = not();
            while (isWord("&&") || isWord("and")) {
                i++;
                left = new Logic("&&", left, not());
            }
            return left;
        }

        E not() throws CliError {
            if (isWord("!") || isWord("not")) {
                i++;
                return new Not(not());
            }
            return comparison();
        }

        E comparison() throws CliError {
            E left = additive();
            while (i < t.size()) {
                String op = opAt();
                if (op == null || !isCompare(op)) break;
                i++;
                left = new Binary(op, left, additive());
            }
            return left;
        }

        E additive() throws CliError {
            E left = primary();
            while (i < t.size()) {
                String op = opAt();
                if (op == null || isCompare(op) || op.equals("||") || op.equals("&&")) break;
                i++;
                left = new Binary(op, left, primary());
            }
            return left;
        }

        String opAt() {
            Node n = t.get(i);
            if (n instanceof Op o) return o.op();
            if (n instanceof Word w) {
                switch (w.text()) {
                    case "in", ".", "+", "-", "*", "/", "%": return w.text();
                    default: return null;
                }
            }
            return null;
        }

        E primary() throws CliError {
            if (i >= t.size()) throw CliError.syntax(i > 0 ? t.get(i - 1).pos() : at);
            Node n = t.get(i++);
            if (n instanceof Op) throw CliError.syntax(n.pos());
            if (n instanceof Word w && w.text().startsWith("!") && w.text().length() > 1) {
                return new Not(new Leaf(new Word(w.text().substring(1), w.pos())));
            }
            return new Leaf(n);
        }
    }
}
