package rose.appliance.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import rose.appliance.api.ApiQuery;
import rose.cli.auth.Access;
import rose.cli.lang.ApiCall;
import rose.cli.lang.CliError;
import rose.cli.lang.Session;
import rose.cli.schema.Menu;
import rose.cli.schema.MenuKind;

/**
 * The REST verbs over the command layer (reference 06 §2), for one logged-in session. Every
 * verb becomes the API command it stands for and runs through {@link ApiCall}, so validation,
 * errors and the policy check ({@link Access}) are the console's own:
 *
 * <ol>
 *   <li>the URL path is split at the longest prefix that is a menu ({@code ip firewall filter});
 *       what is left is an item ({@code *1A} or a name) or, for POST, a command;</li>
 *   <li>GET → {@code print} (an array; a singleton as a bare object, as 7.23 answers), with
 *       {@code ?name=value} filters (equality, AND) and {@code ?.proplist=};
 *       GET of an item → that row, or 404;</li>
 *   <li>PUT → {@code add}, answering the created row; PATCH → {@code set .id=}, answering the
 *       updated row; DELETE → {@code remove}, answering nothing;</li>
 *   <li>POST → any command with the body as its arguments; {@code print} takes
 *       {@code .proplist} and {@code .query} (the API's query words without {@code ?}); a
 *       command's value comes back as {@code {"ret":...}}, no value as {@code []}.</li>
 * </ol>
 *
 * Statuses: 400 with the RouterOS message for failures, 404 for an unknown item, 406 for
 * DELETE where the menu has no {@code remove}, and 500 with {@code not enough permissions (9)}
 * for a policy refusal, which is what RouterOS 7.23 answers (reference 06 left the code open;
 * two independent captures show 500).
 */
final class RestCommands {
    /** A reply: status and JSON body (null for none). */
    record Reply(HttpResponseStatus status, byte[] body) {
        static Reply ok(byte[] body) {
            return new Reply(HttpResponseStatus.OK, body);
        }
    }

    private record Place(Menu menu, String path, List<String> rest) {
    }

    private final Session session;

    RestCommands(Session session) {
        this.session = session;
    }

    Reply handle(HttpMethod method, List<String> segs, Map<String, List<String>> params, RestJson.Body body)
            throws RestError {
        try {
            if (method.equals(HttpMethod.POST)) return post(segs, body);
            Place p = place(segs);
            if (method.equals(HttpMethod.GET)) return get(p, params);
            if (method.equals(HttpMethod.PUT)) return put(p, body);
            if (method.equals(HttpMethod.PATCH)) return patch(p, body);
            if (method.equals(HttpMethod.DELETE)) return delete(p);
            throw new RestError(HttpResponseStatus.NOT_IMPLEMENTED, "method not supported");
        } catch (CliError e) {
            throw failure(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw RestError.badRequest(e.getMessage());
        }
    }

    static RestError failure(String message) {
        if (Access.DENIED.equals(message)) return new RestError(HttpResponseStatus.INTERNAL_SERVER_ERROR, message);
        return RestError.badRequest(message);
    }

    private Place place(List<String> segs) throws RestError {
        var schema = session.router().schema();
        String path = "";
        int n = 0;
        for (int i = 0; i < segs.size(); i++) {
            String next = path.isEmpty() ? segs.get(i) : path + " " + segs.get(i);
            if (!schema.isPath(next)) break;
            path = next;
            n = i + 1;
        }
        if (n == 0) throw RestError.noSuchDirectory(segs.isEmpty() ? "" : segs.get(0));
        List<String> rest = segs.subList(n, segs.size());
        if (rest.size() > 1) throw RestError.noSuchDirectory(rest.get(0));
        Menu menu = schema.menu(path).orElse(null);
        if (menu == null || menu.kind() == MenuKind.DIRECTORY) {
            throw rest.isEmpty() ? RestError.badRequest("no such command") : RestError.noSuchDirectory(rest.get(0));
        }
        return new Place(menu, path, rest);
    }

    private Reply get(Place p, Map<String, List<String>> params) throws CliError, RestError {
        if (!p.rest().isEmpty()) {
            String word = p.rest().get(0);
            if (isCommand(p, word)) throw RestError.badRequest("no such command");
            return Reply.ok(RestJson.object(item(p, word)));
        }
        List<String> proplist = null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : ApiCall.rows(session, p.path())) {
            boolean match = true;
            for (Map.Entry<String, List<String>> e : params.entrySet()) {
                if (e.getKey().startsWith(".")) continue;
                for (String v : e.getValue()) if (!v.equals(row.get(e.getKey()))) match = false;
            }
            if (match) rows.add(row);
        }
        if (params.containsKey(".proplist")) {
            proplist = new ArrayList<>();
            proplist.add(".id");                 // 7.23 always includes .id (reference 06 §4, CONFLICT)
            for (String v : params.get(".proplist")) proplist.addAll(List.of(v.split(",")));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : rows) out.add(select(row, proplist));
        if (p.menu().kind().isSingleton()) {
            return Reply.ok(RestJson.object(out.isEmpty() ? Map.of() : out.get(0)));
        }
        return Reply.ok(RestJson.array(out));
    }

    private Reply put(Place p, RestJson.Body body) throws CliError, RestError {
        if (!p.rest().isEmpty()) throw RestError.noSuchDirectory(p.rest().get(0));
        ApiCall.Target add = command(p, "add");
        String id = ApiCall.run(session, add, attributes(body), new StringBuilder());
        Map<String, String> created = Map.of();
        for (Map<String, String> row : ApiCall.rows(session, p.path())) {
            if (id.equalsIgnoreCase(row.getOrDefault(".id", ""))) created = row;
        }
        return Reply.ok(RestJson.object(created));
    }

    private Reply patch(Place p, RestJson.Body body) throws CliError, RestError {
        ApiCall.Target set = command(p, "set");
        Map<String, String> args = attributes(body);
        if (p.rest().isEmpty()) {
            if (!p.menu().kind().isSingleton()) throw RestError.badRequest("no such command");
            ApiCall.run(session, set, args, new StringBuilder());
            return Reply.ok(RestJson.object(ApiCall.rows(session, p.path()).stream().findFirst().orElse(Map.of())));
        }
        String id = item(p, p.rest().get(0)).get(".id");
        args.remove(".id");
        Map<String, String> withId = new LinkedHashMap<>();
        withId.put(".id", id);
        withId.putAll(args);
        ApiCall.run(session, set, withId, new StringBuilder());
        return Reply.ok(RestJson.object(item(p, id)));
    }

    private Reply delete(Place p) throws CliError, RestError {
        if (p.rest().isEmpty()) throw RestError.badRequest("no such command");
        ApiCall.Target remove;
        try {
            remove = ApiCall.resolve(session, p.menu().slashPath() + "/remove");
        } catch (ApiCall.UnknownCommand e) {
            throw new RestError(HttpResponseStatus.NOT_ACCEPTABLE, "no such command or directory (remove)");
        }
        String id = item(p, p.rest().get(0)).get(".id");
        ApiCall.run(session, remove, Map.of(".id", id), new StringBuilder());
        return new Reply(HttpResponseStatus.NO_CONTENT, null);
    }

    private Reply post(List<String> segs, RestJson.Body body) throws CliError, RestError {
        if (segs.isEmpty()) throw RestError.noSuchDirectory("");
        ApiCall.Target t;
        try {
            t = ApiCall.resolve(session, "/" + String.join("/", segs));
        } catch (ApiCall.UnknownCommand e) {
            throw RestError.noSuchDirectory(firstUnknown(segs));
        }
        if (t.command().equals("print")) return print(t, body);
        String ret = ApiCall.run(session, t, attributes(body), new StringBuilder());
        if (ret.isEmpty()) return Reply.ok(RestJson.array(List.of()));
        return Reply.ok(RestJson.object(Map.of("ret", ret)));
    }

    /** POST .../print: {@code .proplist}, {@code .query} and {@code count-only} as the API has them. */
    private Reply print(ApiCall.Target t, RestJson.Body body) throws CliError, RestError {
        List<String> words = body.lists().get(".query");
        if (words == null && body.values().containsKey(".query")) words = List.of(body.values().get(".query"));
        ApiQuery q;
        try {
            q = ApiQuery.of(words == null ? List.of() : words);
        } catch (IllegalArgumentException e) {
            throw RestError.badRequest(e.getMessage());
        }
        List<String> proplist = body.list(".proplist");
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : ApiCall.rows(session, t.menu())) if (q.matches(row)) rows.add(select(row, proplist));
        if (body.values().containsKey("count-only")) {
            return Reply.ok(RestJson.object(Map.of("ret", Integer.toString(rows.size()))));
        }
        return Reply.ok(RestJson.array(rows));
    }

    /** The row of {@code word} in {@code p}: {@code *hex} id, or the name where the menu has names. */
    private Map<String, String> item(Place p, String word) throws CliError, RestError {
        boolean byId = word.startsWith("*");
        String nameProperty = p.menu().nameProperty();
        if (!byId && nameProperty == null) throw RestError.badRequest("no such command prefix");
        if (!p.menu().kind().hasItems()) throw RestError.badRequest("no such command prefix");
        for (Map<String, String> row : ApiCall.rows(session, p.path())) {
            if (byId ? word.toUpperCase(Locale.ROOT).equals(row.getOrDefault(".id", "").toUpperCase(Locale.ROOT))
                    : word.equals(row.get(nameProperty))) {
                return row;
            }
        }
        throw RestError.notFound();
    }

    private boolean isCommand(Place p, String word) {
        try {
            ApiCall.resolve(session, p.menu().slashPath() + "/" + word);
            return true;
        } catch (ApiCall.UnknownCommand e) {
            return false;
        }
    }

    private ApiCall.Target command(Place p, String command) throws RestError {
        try {
            return ApiCall.resolve(session, p.menu().slashPath() + "/" + command);
        } catch (ApiCall.UnknownCommand e) {
            throw RestError.badRequest("no such command");
        }
    }

    private String firstUnknown(List<String> segs) {
        var schema = session.router().schema();
        String path = "";
        for (String s : segs) {
            String next = path.isEmpty() ? s : path + " " + s;
            if (!schema.isPath(next)) return s;
            path = next;
        }
        return segs.get(segs.size() - 1);
    }

    /** Body values as command attributes; the REST-only keys are not arguments. */
    private static Map<String, String> attributes(RestJson.Body body) {
        Map<String, String> out = new LinkedHashMap<>(body.values());
        out.remove(".proplist");
        out.remove(".query");
        return out;
    }

    private static Map<String, String> select(Map<String, String> row, List<String> proplist) {
        if (proplist == null) return row;
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : proplist) if (row.containsKey(k)) out.put(k, row.get(k));
        return out;
    }
}
