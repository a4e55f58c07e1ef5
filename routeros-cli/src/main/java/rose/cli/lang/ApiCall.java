package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.auth.Access;
import rose.cli.print.Row;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.ValueKind;

/**
 * The command layer as the binary API (and REST) call it: a menu path, a command and its
 * attributes as a map, instead of console text. It runs the very commands the console runs
 * (add, set, remove, ... through {@link MenuCommands}, with the same policy check and the same
 * errors) and returns print's rows as data.
 *
 * <ol>
 *   <li>{@link #resolve} maps {@code /ip/address/print} to a menu and a command, or says which
 *       part is unknown;</li>
 *   <li>{@link #rows} returns a menu's items as the API shows them: {@code .id} as {@code *hex},
 *       every value as text, booleans as {@code true}/{@code false}, state flags as properties,
 *       secrets only for a principal with {@code sensitive};</li>
 *   <li>{@link #run} runs any other command with {@code name=value} attributes
 *       ({@code .id} selects items, as {@code numbers} does) and returns its value
 *       ({@code add} returns the new {@code *id}).</li>
 * </ol>
 */
public final class ApiCall {
    private ApiCall() {
    }

    /** A command word resolved: {@code menu} space separated, {@code command} a command of it. */
    public record Target(String menu, String command) {
    }

    /** Why a command word did not resolve; messages as RouterOS's API sends them. */
    public static final class UnknownCommand extends Exception {
        UnknownCommand(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code /ip/ipsec/peer/add} → menu {@code ip ipsec peer}, command {@code add}. Exact words, no prefixes. */
    public static Target resolve(Session s, String word) throws UnknownCommand {
        if (!word.startsWith("/") || word.length() < 2) throw new UnknownCommand("no such command prefix");
        String[] segs = word.substring(1).split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segs.length - 1; i++) {
            if (segs[i].isEmpty()) throw new UnknownCommand("no such command prefix");
            String next = path.length() == 0 ? segs[i] : path + " " + segs[i];
            if (!s.router().schema().isPath(next)) throw new UnknownCommand("no such command prefix");
            path.setLength(0);
            path.append(next);
        }
        String command = segs[segs.length - 1];
        if (command.equals("getall")) command = "print";
        List<String> commands = s.interpreter().commandsAt(path.toString());
        if (!commands.contains(command)) {
            if (s.router().schema().isPath(path.length() == 0 ? command : path + " " + command)) {
                throw new UnknownCommand("no such command");
            }
            throw new UnknownCommand(path.length() == 0 ? "no such command prefix" : "no such command");
        }
        return new Target(path.toString(), command);
    }

    /** The items of {@code menu} as API rows; checks the {@code read} policy. */
    public static List<Map<String, String>> rows(Session s, String menu) throws CliError {
        Frame f = new Frame(s, menu, new StringBuilder(), false, false);
        MenuCommands.authorize(menu, "print", f, Pos.NONE);
        Menu m = s.router().schema().require(menu);
        Args all = new Args();
        all.switches.add("all");
        List<Row> rows = s.interpreter().menuCommands.printRows(m, all, f);
        boolean sensitive = Access.showsSensitive(s.principal());
        List<Map<String, String>> out = new ArrayList<>();
        for (Row r : rows) out.add(apiRow(m, r, sensitive));
        return out;
    }

    private static Map<String, String> apiRow(Menu m, Row r, boolean sensitive) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!m.kind().isSingleton() && r.id() != null) out.put(".id", r.id());
        for (Map.Entry<String, String> e : r.values().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(".")) continue;
            Property p = m.properties().get(k);
            if (p != null && p.sensitive() && !sensitive) continue;
            String v = p != null && p.kind() == ValueKind.BOOL ? apiBool(e.getValue()) : e.getValue();
            out.put(k, m.kind().isStatus() ? apiNumber(v) : v);
        }
        if (!m.kind().isStatus()) {
            for (var fl : m.flags()) {
                String name = fl.name();
                if (out.containsKey(name) || m.properties().containsKey(name) && !m.properties().get(name).readOnly()) {
                    continue;
                }
                if (List.of("dynamic", "invalid", "default", "builtin").contains(fl.source())) {
                    out.put(name, r.flags().contains(fl.letter()) ? "true" : "false");
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern UNIT_NUMBER =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(KiB|MiB|GiB|TiB|%|MHz)");

    /**
     * Live values as the API gives them: the console's {@code 19.0GiB}, {@code 5%} and
     * {@code 2400MHz} are plain numbers there ({@code free-memory=20401094656},
     * {@code cpu-load=5}, {@code cpu-frequency=2400}); API clients compute with them
     * (Ansible's {@code api_facts} divides {@code free-hdd-space} by 1024²).
     */
    static String apiNumber(String v) {
        java.util.regex.Matcher mt = UNIT_NUMBER.matcher(v);
        if (!mt.matches()) return v;
        java.math.BigDecimal n = new java.math.BigDecimal(mt.group(1));
        int shift = switch (mt.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        return n.multiply(java.math.BigDecimal.valueOf(1L << shift)).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String apiBool(String v) {
        if ("yes".equals(v)) return "true";
        if ("no".equals(v)) return "false";
        return v;
    }

    /**
     * Runs a command with attributes. {@code .id} becomes {@code numbers}. Unknown attributes
     * fail with {@code unknown parameter <name>}. Returns the command's value as text ("" for none).
     */
    public static String run(Session s, Target t, Map<String, String> attributes, StringBuilder out) throws CliError {
        List<Ast.Node> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int col = 1;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String name = e.getKey().equals(".id") ? "numbers" : e.getKey();
            Pos at = new Pos(1, col);
            Pos valueAt = new Pos(1, col + 1);
            parts.add(new Ast.Assign(name, new Ast.Word(e.getValue(), valueAt), at, valueAt));
            names.add(e.getKey());
            col += 2;
        }
        Frame f = new Frame(s, t.menu(), out, false, false);
        Val v;
        // commits are this session's: /system history lists them by its user, as console commands
        Object acting = rose.cli.db.Database.actingAs(s);
        try {
            v = s.interpreter().menuCommands.run(t.menu(), t.command(), Pos.NONE, parts, f);
        } catch (CliError e) {
            if (e.positional() && e.getMessage().equals("expected end of command") && e.pos().column() > 0) {
                int k = (e.pos().column() - 1) / 2;
                if (k < names.size()) throw CliError.value("unknown parameter " + names.get(k), e.pos());
            }
            throw e;
        } finally {
            rose.cli.db.Database.doneActing(acting);
        }
        if (v == null || v == Val.NIL) return "";
        if (v instanceof Val.Arr) return "";
        return v.text();
    }
}
