package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.RouterOs;
import rose.cli.auth.Access;
import rose.cli.auth.Principal;
import rose.cli.db.Effective;
import rose.cli.db.History;
import rose.cli.db.Item;
import rose.cli.schema.Menu;

/**
 * The console side of {@link History}: {@code /undo}, {@code /redo} and the rows of
 * {@code /system history} ({@code U} undoable, {@code R} redoable, {@code F} floating-undo:
 * made in safe mode, undone if the session drops; columns ACTION, BY, POLICY).
 *
 * <p>An action is described as RouterOS does ({@code route 0.0.0.0/0 added}): the menu's last
 * word, the item's name (or its first column), and what happened to it. Undoing or redoing an
 * action needs the policies changing its menus needs ({@code write}; {@code policy} too for
 * {@code /user}), so a {@code write} user cannot undo an administrator's user change.
 */
public final class HistoryCommands {
    /** The status menu's path. */
    public static final String MENU = "system history";
    private static final int MAX_NAMED = 3;
    /** As RouterOS v7 prints times ({@code 2026-11-22 16:23:06}), in the router's zone. */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private HistoryCommands() {
    }

    static Val undo(Interpreter in, Frame f, Pos pos, boolean redo) throws CliError {
        Principal p = f.session.principal();
        History h = in.router.db().history();
        try {
            if (redo) h.redo(a -> allowed(p, a));
            else h.undo(a -> allowed(p, a));
        } catch (History.Refused e) {
            throw CliError.value(e.getMessage() == null ? Access.DENIED : e.getMessage(), pos);
        }
        return Val.NIL;
    }

    private static boolean allowed(Principal p, History.Action a) {
        for (History.Touched t : a.touched()) if (Access.missing(p, t.menu(), "set") != null) return false;
        return true;
    }

    /** The rows of {@code /system history}: undoable actions oldest first, then those that can be redone. */
    public static List<Map<String, String>> rows(RouterOs router) {
        List<Map<String, String>> out = new ArrayList<>();
        History h = router.db().history();
        // taken from the history first, then asked of safe mode: never both locks at once
        List<History.Action> undoable = h.undoable();
        List<History.Action> redoable = h.redoable();
        for (History.Action a : undoable) {
            boolean floating = router.db().safeMode().floating(a.owner(), a.version());
            out.add(row(router, a, !floating, false, floating));
        }
        for (History.Action a : redoable) out.add(row(router, a, false, true, false));
        return out;
    }

    private static Map<String, String> row(RouterOs router, History.Action a, boolean undoable, boolean redoable,
                                           boolean floating) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("action", describe(router, a));
        r.put("by", a.by());
        r.put("policy", policy(a));
        r.put("time", TIME.format(a.time()));
        r.put("undoable", undoable ? "yes" : "no");
        r.put("redoable", redoable ? "yes" : "no");
        r.put("floating-undo", floating ? "yes" : "no");
        return r;
    }

    private static String policy(History.Action a) {
        for (History.Touched t : a.touched()) if (t.menu().equals("user") || t.menu().startsWith("user ")) return "policy";
        return "write";
    }

    /** {@code route 0.0.0.0/0 added}, {@code address 10.0.0.1/24, 10.0.0.2/24 removed}, {@code identity changed}. */
    static String describe(RouterOs router, History.Action a) {
        Map<String, List<String>> phrases = new LinkedHashMap<>();     // "noun|verb" -> item names
        for (History.Touched t : a.touched()) {
            String verb = t.before() == null ? "added" : t.after() == null ? "removed"
                    : t.before().equals(t.after()) ? "moved" : "changed";
            String noun = t.menu().substring(t.menu().lastIndexOf(' ') + 1);
            Menu m = router.schema().menu(t.menu()).orElse(null);
            Item item = t.after() != null ? t.after() : t.before();
            phrases.computeIfAbsent(noun + "|" + verb, k -> new ArrayList<>()).add(m == null ? null : name(m, item));
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : phrases.entrySet()) {
            String[] nv = e.getKey().split("\\|");
            List<String> names = new ArrayList<>();
            for (String n : e.getValue()) if (n != null && !n.isEmpty()) names.add(n);
            StringBuilder s = new StringBuilder(nv[0]);
            if (!names.isEmpty()) {
                s.append(' ').append(String.join(", ", names.subList(0, Math.min(MAX_NAMED, names.size()))));
                if (names.size() > MAX_NAMED) s.append(" and ").append(names.size() - MAX_NAMED).append(" more");
            }
            out.add(s.append(' ').append(nv[1]).toString());
        }
        return String.join("; ", out);
    }

    /** The item's name, or the value of its menu's first column; never a sensitive value. */
    private static String name(Menu m, Item item) {
        if (m.kind().isSingleton()) return null;
        String prop = m.nameProperty() != null ? m.nameProperty() : m.columns().isEmpty() ? null : m.columns().get(0);
        if (prop == null) return null;
        var p = m.property(prop).orElse(null);
        if (p == null || p.sensitive()) return null;
        String v = Effective.value(m, item, prop);
        return v == null ? null : v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
