package rose.cli.lang;

import rose.cli.RouterOs;

/** Test helper: one router, one session, commands in, console text out. */
final class Console {
    final RouterOs router;
    final Session session;
    boolean lastOk;

    Console() {
        this(RouterOs.inMemory());
    }

    Console(RouterOs router) {
        this.router = router;
        this.session = new Session(router, "admin");
    }

    /** Runs one console line and returns what it printed. */
    String run(String line) {
        StringBuilder out = new StringBuilder();
        lastOk = session.execute(line, out);
        return out.toString();
    }

    /** Runs lines that must all succeed. */
    String ok(String... lines) {
        StringBuilder all = new StringBuilder();
        for (String l : lines) {
            String out = run(l);
            if (!lastOk) throw new AssertionError("command failed: " + l + "\n" + out);
            all.append(out);
        }
        return all.toString();
    }
}
