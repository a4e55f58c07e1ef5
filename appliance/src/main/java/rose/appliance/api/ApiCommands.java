package rose.appliance.api;

import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import rose.cli.auth.Access;
import rose.cli.db.ConfigState;
import rose.cli.lang.ApiCall;
import rose.cli.lang.CliError;
import rose.cli.lang.Session;
import rose.cli.status.SystemLog;

/**
 * The commands of a logged-in API connection (reference 05 §7), all on the connection's
 * thread:
 *
 * <ul>
 *   <li>{@code print}/{@code getall}: the menu's rows ({@link ApiCall#rows}), filtered by the
 *       query ({@link ApiQuery}), cut to {@code .proplist}; {@code count-only} answers
 *       {@code =ret=N}; no rows answers {@code !empty} (RouterOS 7.18+);</li>
 *   <li>{@code listen}: {@code !re} for every changed item, {@code =.dead=true} for a removed
 *       one, new {@code /log} lines; until {@code /cancel};</li>
 *   <li>{@code /cancel [=tag=]}: ends listens with {@code !trap =category=2 =message=interrupted};</li>
 *   <li>anything else: {@link ApiCall#run}, the console's own command; {@code =ret=} carries
 *       its value ({@code add} → {@code *id}).</li>
 * </ul>
 */
final class ApiCommands {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Session session;
    private final ApiConnection conn;
    /** Running listens by tag ("" for an untagged one). */
    private final Map<String, Runnable> listens = new HashMap<>();

    ApiCommands(Session session, ApiConnection conn) {
        this.session = session;
        this.conn = conn;
    }

    void run(ApiRequest r) {
        if (r.command().equals("/cancel")) {
            cancel(r);
            return;
        }
        ApiCall.Target t;
        boolean listen = r.command().endsWith("/listen");
        try {
            // listen is offered wherever print is
            t = ApiCall.resolve(session, listen ? r.command().substring(0, r.command().length() - 6) + "print" : r.command());
        } catch (ApiCall.UnknownCommand e) {
            conn.trap(r.tag(), 0, e.getMessage());
            conn.send(List.of("!done"), r.tag());
            return;
        }
        if (listen) {
            listen(r, t.menu());
            return;
        }
        try {
            if (t.command().equals("print")) print(r, t.menu());
            else {
                String ret = ApiCall.run(session, t, r.attributes(), new StringBuilder());
                conn.send(ret.isEmpty() ? List.of("!done") : List.of("!done", "=ret=" + ret), r.tag());
            }
        } catch (CliError e) {
            conn.trap(r.tag(), category(e.getMessage()), e.getMessage());
            conn.send(List.of("!done"), r.tag());
        } catch (IllegalArgumentException e) {
            conn.trap(r.tag(), 1, e.getMessage());
            conn.send(List.of("!done"), r.tag());
        }
    }

    /** Trap categories (reference 05 §4.1): argument failures are 1; refusals and failures carry none. */
    static Integer category(String message) {
        if (message.equals(Access.DENIED) || message.startsWith("failure")) return null;
        if (message.startsWith("no such command")) return 0;
        return 1;
    }

    private void print(ApiRequest r, String menu) throws CliError {
        ApiQuery q = ApiQuery.of(r.queries());
        List<String> proplist = r.attributes().containsKey(".proplist")
                ? List.of(r.attributes().get(".proplist").split(",")) : null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : ApiCall.rows(session, menu)) if (q.matches(row)) rows.add(row);
        if (r.attributes().containsKey("count-only")) {
            conn.send(List.of("!done", "=ret=" + rows.size()), r.tag());
            return;
        }
        if (rows.isEmpty()) {
            conn.send(List.of("!empty"), r.tag());
            conn.send(List.of("!done"), r.tag());
            return;
        }
        for (Map<String, String> row : rows) conn.sendRow(select(row, proplist), r.tag());
        conn.send(List.of("!done"), r.tag());
    }

    private static Map<String, String> select(Map<String, String> row, List<String> proplist) {
        if (proplist == null) return row;
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : proplist) if (row.containsKey(p)) out.put(p, row.get(p));
        return out;
    }

    private void listen(ApiRequest r, String menu) {
        String tag = r.tag() == null ? "" : r.tag();
        if (listens.containsKey(tag)) {
            conn.trap(r.tag(), 5, "tag already in use");
            conn.send(List.of("!done"), r.tag());
            return;
        }
        List<String> proplist = r.attributes().containsKey(".proplist")
                ? List.of(r.attributes().get(".proplist").split(",")) : null;
        if (menu.equals("log")) {
            if (Access.missing(session.principal(), menu, "listen") != null) {
                conn.trap(r.tag(), null, Access.DENIED);
                conn.send(List.of("!done"), r.tag());
                return;
            }
            SystemLog log = session.router().log();
            Consumer<SystemLog.Entry> follower = e -> conn.later(() -> {
                if (!listens.containsKey(tag)) return;
                Map<String, String> row = new LinkedHashMap<>();
                row.put(".id", "*" + Long.toHexString(e.id()).toUpperCase(java.util.Locale.ROOT));
                row.put("time", LOG_TIME.format(e.time()));
                row.put("topics", e.topics());
                row.put("message", e.message());
                conn.sendRow(select(row, proplist), r.tag());
            });
            log.follow(follower);
            listens.put(tag, () -> log.unfollow(follower));
            return;
        }
        Map<String, Map<String, String>> known = new HashMap<>();
        try {
            for (Map<String, String> row : ApiCall.rows(session, menu)) known.put(row.getOrDefault(".id", ""), row);
        } catch (CliError e) {
            conn.trap(r.tag(), category(e.getMessage()), e.getMessage());
            conn.send(List.of("!done"), r.tag());
            return;
        }
        Consumer<ConfigState> listener = st -> conn.later(() -> changed(r.tag(), tag, menu, known, proplist));
        session.router().db().addListener(listener);
        listens.put(tag, () -> session.router().db().removeListener(listener));
    }

    private void changed(String replyTag, String tag, String menu, Map<String, Map<String, String>> known,
                         List<String> proplist) {
        if (!listens.containsKey(tag)) return;
        List<Map<String, String>> now;
        try {
            now = ApiCall.rows(session, menu);
        } catch (CliError e) {
            return;
        }
        Map<String, Map<String, String>> seen = new HashMap<>();
        for (Map<String, String> row : now) {
            String id = row.getOrDefault(".id", "");
            seen.put(id, row);
            if (!row.equals(known.get(id))) conn.sendRow(select(row, proplist), replyTag);
        }
        for (String id : known.keySet()) {
            if (!seen.containsKey(id)) conn.sendRow(Map.of(".id", id, ".dead", "true"), replyTag);
        }
        known.clear();
        known.putAll(seen);
    }

    private void cancel(ApiRequest r) {
        String which = r.attributes().get("tag");
        List<String> tags = new ArrayList<>();
        if (which == null) tags.addAll(listens.keySet());
        else if (listens.containsKey(which)) tags.add(which);
        else {
            conn.trap(r.tag(), 0, "no such command or it is not running");   // nothing with that tag runs
            conn.send(List.of("!done"), r.tag());
            return;
        }
        for (String t : tags) conn.trap(t.isEmpty() ? null : t, 2, "interrupted");
        conn.send(List.of("!done"), r.tag());
        for (String t : tags) {
            listens.remove(t).run();
            conn.send(List.of("!done"), t.isEmpty() ? null : t);
        }
    }

    /** Ends every listen (connection closing); {@code reply} says whether to answer them. */
    void cancelAll(boolean reply) {
        for (Runnable stop : listens.values()) stop.run();
        listens.clear();
    }
}
