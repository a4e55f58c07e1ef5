package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.schema.ValueKind;

/**
 * Tab completion and {@code ?} help from the schema: menu words and commands where a path or
 * command goes, argument names after a command, and values (enum values, bools, names of
 * referenced items, interfaces) after {@code name=}.
 */
final class Completion {
    private final RouterOs router;
    private final Interpreter in;
    private final String sessionPath;

    Completion(RouterOs router, Interpreter in, String sessionPath) {
        this.router = router;
        this.in = in;
        this.sessionPath = sessionPath;
    }

    /** Where the cursor is: the menu, the command if one was typed, and the partial word. */
    private record Context(String path, String command, String partial, List<String> typedArgs) {
    }

    private Context context(String line) {
        List<String> words = split(line);
        boolean endsWithSpace = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
        String partial = endsWithSpace || words.isEmpty() ? "" : words.remove(words.size() - 1);
        String path = sessionPath;
        String command = null;
        List<String> args = new ArrayList<>();
        for (String w : words) {
            if (command != null) {
                args.add(w);
                continue;
            }
            if (w.startsWith("/")) {
                path = "";
                for (String seg : w.substring(1).split("/")) if (!seg.isEmpty()) path = descend(path, seg);
                continue;
            }
            if (w.equals("..")) {
                path = Interpreter.parent(path);
                continue;
            }
            String child = Args.match(w, router.schema().children(path));
            if (child != null && !in.commandsAt(path).contains(w)) {
                path = path.isEmpty() ? child : path + " " + child;
                continue;
            }
            String cmd = Args.match(w, in.commandsAt(path));
            command = cmd == null ? w : cmd;
        }
        if (command == null && partial.startsWith("/")) {
            String p = "";
            String[] segs = partial.substring(1).split("/", -1);
            for (int i = 0; i < segs.length - 1; i++) p = descend(p, segs[i]);
            return new Context(p, null, segs[segs.length - 1], args);
        }
        return new Context(path, command, partial, args);
    }

    private String descend(String path, String seg) {
        String child = Args.match(seg, router.schema().children(path));
        return child == null ? path : path.isEmpty() ? child : path + " " + child;
    }

    List<String> candidates(String line) {
        Context c = context(line);
        TreeSet<String> out = new TreeSet<>();
        if (c.command() == null) {
            for (String child : router.schema().children(c.path())) if (child.startsWith(c.partial())) out.add(child);
            for (String cmd : in.commandsAt(c.path())) if (cmd.startsWith(c.partial())) out.add(cmd);
            return new ArrayList<>(out);
        }
        Menu m = router.schema().menu(c.path()).orElse(null);
        int eq = c.partial().indexOf('=');
        if (eq >= 0 && m != null) {
            String name = Args.match(c.partial().substring(0, eq), argNames(m, c.command()));
            String typed = c.partial().substring(eq + 1);
            Property p = name == null ? null : m.properties().get(name);
            if (p != null) {
                String prefix = c.partial().substring(0, eq + 1);
                for (String v : values(p)) if (v.startsWith(typed)) out.add(prefix + v);
            }
            return new ArrayList<>(out);
        }
        if (m != null) {
            for (String n : argNames(m, c.command())) if (n.startsWith(c.partial())) out.add(n + "=");
        }
        for (String s : switches(c.command())) if (s.startsWith(c.partial())) out.add(s);
        return new ArrayList<>(out);
    }

    private List<String> argNames(Menu m, String command) {
        return switch (command) {
            case "add", "set" -> MenuCommands.settable(m);
            case "find", "print" -> new ArrayList<>(m.properties().keySet());
            case "comment" -> List.of("comment");
            case "import" -> m.path().equals(SshKeyImport.MENU) ? List.of("public-key-file", "user")
                    : List.of("file-name", "verbose", "from-line");
            case "export" -> List.of("file");
            default -> List.of();
        };
    }

    private static List<String> switches(String command) {
        return switch (command) {
            case "print" -> PrintCommand.SWITCHES;
            case "export" -> ExportCommand.SWITCHES;
            case "find" -> List.of("where");
            default -> List.of();
        };
    }

    private List<String> values(Property p) {
        List<String> out = new ArrayList<>(p.values());
        out.addAll(p.words());
        ConfigState st = router.db().state();
        if (p.kind() == ValueKind.BOOL) out.addAll(List.of("yes", "no"));
        if (p.kind() == ValueKind.REF) router.schema().menu(p.ref()).ifPresent(t -> out.addAll(Names.names(t, st)));
        if (p.kind() == ValueKind.INTERFACE) out.addAll(Names.interfaces(router.schema(), st));
        if (p.kind() == ValueKind.INTERFACE_LIST) out.addAll(Names.interfaceLists(router.schema(), st));
        if (p.kind() == ValueKind.PROTOCOL) out.addAll(rose.cli.schema.Values.PROTOCOLS.keySet());
        return out;
    }

    String help(String line) {
        Context c = context(line);
        StringBuilder sb = new StringBuilder();
        if (c.command() == null) {
            Menu here = router.schema().menu(c.path()).orElse(null);
            if (here != null && !here.description().isEmpty()) sb.append(here.description()).append("\n\n");
            for (String child : router.schema().children(c.path())) {
                if (!child.startsWith(c.partial())) continue;
                String full = c.path().isEmpty() ? child : c.path() + " " + child;
                String d = router.schema().menu(full).map(Menu::description).orElse("");
                sb.append(String.format("%-22s -- %s%n", child, d.isEmpty() ? "menu" : d));
            }
            for (String cmd : in.commandsAt(c.path())) {
                if (cmd.startsWith(c.partial())) sb.append(String.format("%-22s -- %s%n", cmd, commandHelp(c.path(), cmd)));
            }
            return sb.toString();
        }
        Menu m = router.schema().menu(c.path()).orElse(null);
        int eq = c.partial().indexOf('=');
        if (eq >= 0 && m != null) {
            String name = Args.match(c.partial().substring(0, eq), argNames(m, c.command()));
            Property p = name == null ? null : m.properties().get(name);
            if (p != null) return describe(p) + "\n";
            return "";
        }
        sb.append(commandHelp(c.path(), c.command())).append("\n\n");
        if (m != null) {
            for (String n : argNames(m, c.command())) {
                if (!n.startsWith(c.partial())) continue;
                Property p = m.properties().get(n);
                sb.append(String.format("%-22s -- %s%n", n, p == null ? "" : p.description().isEmpty() ? describe(p) : p.description()));
            }
        }
        for (String s : switches(c.command())) if (s.startsWith(c.partial())) sb.append(String.format("%-22s -- switch%n", s));
        return sb.toString();
    }

    private String describe(Property p) {
        String type = switch (p.kind()) {
            case STRING -> "string";
            case BOOL -> "yes | no";
            case INT -> "integer" + (p.min() != null ? " " + p.min() + ".." + p.max() : "");
            case TIME -> "time interval";
            case ENUM -> String.join(" | ", p.values());
            case IP -> "IP address";
            case IP_PREFIX -> "IP address with optional /prefix";
            case ADDRESS_MATCH -> "IP address, prefix or range";
            case PORT -> "port number or range";
            case PROTOCOL -> "protocol name or number";
            case MAC -> "MAC address";
            case REF -> "name of /" + p.ref();
            case INTERFACE -> "interface name";
            case INTERFACE_LIST -> "interface list name";
            case ADDRESS_LIST -> "address list name";
            case GATEWAY -> "gateway address or interface";
            case TEXT_TUPLE -> "value";
            case REGEXP -> "regular expression";
        };
        String s = p.name() + " -- " + (p.description().isEmpty() ? "" : p.description() + "; ") + type
                + (p.list() ? " (comma separated list)" : "");
        if (p.hasDefault()) s += "; default: " + p.defaultValue();
        return s;
    }

    private static String commandHelp(String path, String cmd) {
        if (path.equals(SshKeyImport.MENU) && cmd.equals("import")) return "Import a user's public SSH key from a file";
        return switch (cmd) {
            case "add" -> "Create a new item";
            case "set" -> "Change item properties";
            case "unset" -> "Unset a property";
            case "remove" -> "Remove items";
            case "enable" -> "Enable items";
            case "disable" -> "Disable items";
            case "comment" -> "Set comment for items";
            case "move" -> "Move items";
            case "find" -> "Find items by value";
            case "get" -> "Get value of item's property";
            case "print" -> "Print values of item properties";
            case "export" -> "Print or save an export script that can be used to restore configuration";
            case "import" -> "Run a configuration script";
            case "quit" -> "Quit console";
            case "undo" -> "Undo previous action";
            case "redo" -> "Redo previous undone action";
            default -> "";
        };
    }

    /** Words of a line, keeping quoted strings whole. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && (i == 0 || line.charAt(i - 1) != '\\')) quoted = !quoted;
            if (!quoted && Character.isWhitespace(ch)) {
                if (sb.length() > 0) out.add(sb.toString());
                sb.setLength(0);
            } else sb.append(ch);
        }
        if (sb.length() > 0) out.add(sb.toString());
        return out;
    }
}
