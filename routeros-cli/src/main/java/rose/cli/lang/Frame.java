package rose.cli.lang;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a statement runs: the session, the menu path commands resolve against (a substitution
 * inherits its enclosing command's path), local variable scopes, the output, and whether we are
 * in a script (imports report every error with its line and column).
 */
final class Frame {
    final Session session;
    String path;
    final Deque<Map<String, Val>> scopes = new ArrayDeque<>();
    final Appendable out;
    final boolean inScript;
    /** A bare path changes the session's menu only at the console's top level. */
    final boolean topLevel;

    Frame(Session session, String path, Appendable out, boolean inScript, boolean topLevel) {
        this.session = session;
        this.path = path;
        this.out = out;
        this.inScript = inScript;
        this.topLevel = topLevel;
        scopes.push(new HashMap<>());
    }

    Frame nested(String atPath) {
        Frame f = new Frame(session, atPath, out, inScript, false);
        f.scopes.clear();
        f.scopes.addAll(scopes);
        return f;
    }

    /** A statement that is only a path: the console's menu changes; in a script, the script's. */
    void changeDir(String newPath) {
        if (inScript) path = newPath;
        else if (topLevel) {
            path = newPath;
            session.changePath(newPath);
        }
    }

    Val local(String name) {
        for (Map<String, Val> s : scopes) if (s.containsKey(name)) return s.get(name);
        return null;
    }

    boolean setLocal(String name, Val v) {
        for (Map<String, Val> s : scopes) {
            if (s.containsKey(name)) {
                s.put(name, v);
                return true;
            }
        }
        return false;
    }

    void declare(String name, Val v) {
        scopes.peek().put(name, v);
    }

    void println(String s) {
        try {
            out.append(s).append('\n');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
