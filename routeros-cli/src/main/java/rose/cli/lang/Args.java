package rose.cli.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rose.cli.lang.Ast.*;

/**
 * A command's arguments, bound against what the command accepts: unnamed values in order,
 * {@code name=value} pairs, switch words ({@code detail}, {@code dry-run}), {@code !name}
 * unsets and a trailing {@code where} expression. Anything else is RouterOS's
 * {@code expected end of command} at its position.
 */
public final class Args {
    /** A named argument as typed. */
    public record Named(String name, Node value, Pos pos, Pos valuePos) {
    }

    public final List<Node> unnamed = new ArrayList<>();
    public final Map<String, Named> named = new LinkedHashMap<>();
    public final Set<String> switches = new LinkedHashSet<>();
    public final Map<String, Pos> unsets = new LinkedHashMap<>();
    public List<Node> where;
    public Pos wherePos;
    public Pos commandPos;

    /** What one command accepts. */
    public record Spec(int maxUnnamed, Collection<String> names, Collection<String> switchWords, boolean where,
                       boolean unsets) {
    }

    public static Args bind(List<Node> parts, Spec spec) throws CliError {
        Args a = new Args();
        for (int k = 0; k < parts.size(); k++) {
            Node n = parts.get(k);
            if (n instanceof Word w) {
                String t = w.text();
                if (spec.where() && t.equals("where")) {
                    a.where = new ArrayList<>(parts.subList(k + 1, parts.size()));
                    a.wherePos = w.pos();
                    if (a.where.isEmpty()) throw CliError.syntax(w.pos());
                    break;
                }
                String sw = match(t, spec.switchWords());
                boolean slotsFull = a.unnamed.size() >= spec.maxUnnamed();
                if (sw != null && (sw.equals(t) || slotsFull)) {
                    a.switches.add(sw);
                    continue;
                }
                if (spec.unsets() && t.startsWith("!") && t.length() > 1) {
                    String name = match(t.substring(1), spec.names());
                    if (name == null) throw CliError.endOfCommand(w.pos());
                    a.unsets.put(name, w.pos());
                    continue;
                }
            }
            if (n instanceof Assign as) {
                String name = match(as.name(), spec.names());
                if (name == null) {
                    String sw = match(as.name(), spec.switchWords());
                    if (sw != null) {
                        a.switches.add(sw); // detail=yes style
                        continue;
                    }
                    throw CliError.endOfCommand(as.pos());
                }
                a.named.put(name, new Named(name, as.value(), as.pos(), as.valuePos()));
                continue;
            }
            if (n instanceof Op) throw CliError.endOfCommand(n.pos());
            if (a.unnamed.size() >= spec.maxUnnamed()) throw CliError.endOfCommand(n.pos());
            a.unnamed.add(n);
        }
        return a;
    }

    /** Exact name, else a unique prefix (the console accepts abbreviations); null if none or ambiguous. */
    public static String match(String typed, Collection<String> names) {
        if (names.contains(typed)) return typed;
        String found = null;
        for (String n : names) {
            if (n.startsWith(typed)) {
                if (found != null) return null;
                found = n;
            }
        }
        return found;
    }

    public boolean has(String name) {
        return named.containsKey(name) || switches.contains(name);
    }
}
