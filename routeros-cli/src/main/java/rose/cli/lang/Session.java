package rose.cli.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rose.cli.RouterOs;
import rose.cli.auth.Principal;

/**
 * One console session (serial, SSH, {@code rose console}): current menu path, print numbering,
 * local variables. Front ends hand it text and show what it writes.
 */
public final class Session implements rose.cli.db.History.Author {
    private final RouterOs router;
    private final Principal principal;
    private final Interpreter interpreter;
    private String path = "";
    private final Map<String, List<Integer>> numbering = new HashMap<>();
    private final Set<String> declaredGlobals = new HashSet<>();
    private boolean quit;

    /** A session with every right (the local console before users existed, tests). */
    public Session(RouterOs router, String user) {
        this(router, Principal.full(user));
    }

    /** A session acting for a logged-in principal; every command is checked against its policies. */
    public Session(RouterOs router, Principal principal) {
        this.router = router;
        this.principal = principal;
        this.interpreter = new Interpreter(router);
    }

    /** Who this session acts for. */
    public Principal principal() {
        return principal;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    public RouterOs router() {
        return router;
    }

    public String user() {
        return principal.name();
    }

    /** The BY of this session's actions in {@code /system history}. */
    @Override
    public String author() {
        return principal.name();
    }

    /**
     * {@code [admin@MikroTik] > } at the root, {@code [admin@MikroTik] /ip/ipsec/peer> } in a
     * menu; in safe mode {@code [admin@MikroTik] <SAFE> } and {@code [admin@MikroTik] /ip/route<SAFE> }.
     */
    public String prompt() {
        String where = path.isEmpty() ? " " : " /" + path.replace(' ', '/');
        return "[" + principal.name() + "@" + router.identity() + "]" + where + (inSafeMode() ? "<SAFE" : "") + "> ";
    }

    /** True while this session holds safe mode: its changes are undone if it ends without releasing. */
    public boolean inSafeMode() {
        return router.db().safeMode().heldBy(this);
    }

    /**
     * The session is over: if it still holds safe mode, its changes are undone (reference 01 §1:
     * leaving with Ctrl-D, or losing the connection, unrolls). Returns true if it did.
     */
    public boolean end() {
        return router.db().safeMode().unroll(this);
    }

    /** The current menu path, space separated ("" at the root). */
    public String currentPath() {
        return path;
    }

    void changePath(String newPath) {
        this.path = newPath;
    }

    /** True after {@code /quit}: the front end ends the session. */
    public boolean quitRequested() {
        return quit;
    }

    public void quit() {
        quit = true;
    }

    /**
     * Runs console text: one or more commands separated by newlines or {@code ;}. Output and
     * error messages go to {@code out}. Stops at the first failing command and returns false.
     */
    public boolean execute(String source, Appendable out) {
        Frame f = new Frame(this, path, out, false, true);
        Object acting = rose.cli.db.Database.actingAs(this);
        try {
            Ast.Script script = Parser.parse(source);
            interpreter.run(script, f);
            return true;
        } catch (CliError e) {
            f.println(e.render(false));
            return false;
        } catch (ScriptCommands.Return r) {
            return true;
        } catch (RuntimeException e) {
            // a bug must not take the console down with it; say what failed
            f.println("failure: internal error: " + e);
            return false;
        } finally {
            rose.cli.db.Database.doneActing(acting);
        }
    }

    /** Runs text and returns its value ({@code :put [ ... ]} style), for the API and tests. */
    public Val evaluate(String source, Appendable out) throws CliError {
        Frame f = new Frame(this, path, out, false, false);
        Object acting = rose.cli.db.Database.actingAs(this);
        try {
            return interpreter.run(Parser.parse(source), f);
        } finally {
            rose.cli.db.Database.doneActing(acting);
        }
    }

    /** Completion candidates for the word being typed at the end of {@code lineBeforeCursor}. */
    public List<String> complete(String lineBeforeCursor) {
        return new Completion(router, interpreter, path).candidates(lineBeforeCursor);
    }

    /** What {@code ?} prints for the text typed so far. */
    public String help(String lineBeforeCursor) {
        return new Completion(router, interpreter, path).help(lineBeforeCursor);
    }

    /** The ids print numbers refer to: those of the last print of this menu, else as print would number them. */
    List<Integer> numbering(MenuView view) {
        List<Integer> remembered = numbering.get(view.menu.path());
        if (remembered != null) return remembered;
        List<Integer> ids = new ArrayList<>();
        for (var i : view.items) ids.add(i.id());
        return ids;
    }

    void rememberNumbering(MenuView view) {
        List<Integer> ids = new ArrayList<>();
        for (var i : view.items) ids.add(i.id());
        numbering.put(view.menu.path(), ids);
    }

    void declareGlobal(String name) {
        declaredGlobals.add(name);
    }

    boolean hasGlobal(String name) {
        return declaredGlobals.contains(name);
    }

    Val globalIfDeclared(String name, Frame f) {
        return declaredGlobals.contains(name) ? router.globals().getOrDefault(name, Val.NIL) : null;
    }
}
