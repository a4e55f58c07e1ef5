package rose.cli.lang;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import rose.cli.lang.Ast.Node;
import rose.cli.print.Row;
import rose.cli.schema.Durations;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.ValueException;
import rose.cli.schema.ValueKind;
import rose.cli.schema.Values;

/**
 * Evaluates {@code where} expressions and {@code find name=value} filters against one row:
 * bare words are the row's properties or state flags, compared the way the property's type
 * orders values (times and numbers numerically, addresses by containment with {@code in}).
 */
final class RowFilter implements Expr.Env {
    private final Interpreter in;
    private final Menu menu;
    private final Frame f;
    private Row row;

    RowFilter(Interpreter in, Menu menu, Frame f) {
        this.in = in;
        this.menu = menu;
        this.f = f;
    }

    boolean matches(Row r, Expr.E where, Map<String, Args.Named> equals) throws CliError {
        this.row = r;
        for (Args.Named n : equals.values()) {
            Val right = n.value() == null ? new Val.Str("") : in.eval(n.value(), f);
            Boolean b = compare(n.name(), "=", right);
            if (b == null || !b) return false;
        }
        return where == null || Val.truth(where.eval(this));
    }

    @Override
    public Val word(String word) {
        if (PrintCommand.STATE_WORDS.contains(word)) return new Val.Bool(state(word));
        Property p = menu.properties().get(word);
        if (p == null) return null;
        String v = row.values().get(word);
        if (p.kind() == ValueKind.BOOL) return new Val.Bool(RowBuilder.isTrue(v));
        // a bare property is true when it has a value ("where comment")
        return new Val.Bool(v != null && !v.isEmpty());
    }

    private boolean state(String word) {
        String letters = row.flags();
        for (var fl : menu.flags()) {
            if (fl.name().equals(word) || fl.source().equals(word)) return letters.contains(fl.letter());
        }
        return RowBuilder.isTrue(row.values().get(word));
    }

    @Override
    public Val eval(Node node) throws CliError {
        return in.eval(node, f);
    }

    @Override
    public Boolean compare(String property, String op, Val right) {
        if (PrintCommand.STATE_WORDS.contains(property) && !menu.properties().containsKey(property)) {
            boolean on = state(property);
            boolean want = Val.truth(right);
            return op.equals("!=") ? on != want : on == want;
        }
        Property p = menu.properties().get(property);
        if (p == null) return null;
        String left = row.values().get(property);
        String r = right.text();
        if (op.equals("~")) {
            try {
                return left != null && Pattern.compile(r).matcher(left).find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        if (op.equals("in")) return left != null && Expr.contains(r, left);
        String rc = r;
        try {
            if (!r.isEmpty()) rc = Values.canonical(p, r);
        } catch (ValueException e) {
            // compare as typed: "where address=foo" simply matches nothing
        }
        if (p.kind() == ValueKind.BOOL) {
            boolean l = RowBuilder.isTrue(left), rv = RowBuilder.isTrue(rc) || r.equals("true");
            return op.equals("!=") ? l != rv : l == rv;
        }
        switch (op) {
            case "=": return rc.equals(left == null ? "" : left);
            case "!=": return !rc.equals(left == null ? "" : left);
            default:
        }
        if (left == null) return false;
        int c = order(p, left, rc);
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    private static int order(Property p, String a, String b) {
        if (p.kind() == ValueKind.TIME) {
            return Long.compare(Durations.parseMicros(a), Durations.parseMicros(b));
        }
        if (a.matches("-?\\d{1,18}") && b.matches("-?\\d{1,18}")) return Long.compare(Long.parseLong(a), Long.parseLong(b));
        return a.compareTo(b);
    }

    static Expr.E parseWhere(Args a) throws CliError {
        if (a.where == null) return null;
        List<Node> tokens = a.where;
        return Expr.parse(tokens, a.wherePos);
    }
}
