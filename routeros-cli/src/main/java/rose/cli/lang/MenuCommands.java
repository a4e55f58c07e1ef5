package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.db.Tx;
import rose.cli.lang.Ast.Node;
import rose.cli.print.Row;
import rose.cli.schema.Menu;
import rose.cli.schema.MenuKind;
import rose.cli.schema.Property;
import rose.cli.schema.Schema;

/**
 * The commands every data menu shares (reference 01 §4): add, set, unset, remove, enable,
 * disable, comment, move, get, find; print and export live in their own classes. Each
 * changing command is one database transaction: it either applies whole or not at all.
 */
final class MenuCommands {
    private final Interpreter in;
    private final Schema schema;
    private final PrintCommand print;
    private final ExportCommand export;

    MenuCommands(Interpreter in) {
        this.in = in;
        this.schema = in.router.schema();
        this.print = new PrintCommand(in);
        this.export = new ExportCommand(in);
    }

    static List<String> commandsOf(Menu m) {
        List<String> out = new ArrayList<>();
        switch (m.kind()) {
            case LIST -> {
                if (m.isUnion()) out.addAll(List.of("set", "enable", "disable", "comment", "unset", "find", "get", "print"));
                else out.addAll(List.of("add", "set", "remove", "enable", "disable", "comment", "unset", "find", "get", "print", "export"));
                if (m.ordered()) out.add("move");
                if (m.ordered() && m.path().startsWith("ip firewall")) out.addAll(List.of("reset-counters", "reset-counters-all"));
            }
            case SINGLETON -> out.addAll(List.of("set", "unset", "get", "print", "export"));
            case STATUS_LIST -> out.addAll(List.of("find", "get", "print"));
            case STATUS_SINGLETON -> out.addAll(List.of("get", "print"));
            case DIRECTORY -> { }
        }
        for (String c : m.commands()) if (!out.contains(c)) out.add(c);
        return out;
    }

    Val run(String path, String name, Pos pos, List<Node> parts, Frame f) throws CliError {
        authorize(path, name, f, pos);
        if (name.equals("export")) return export.run(path, parts, f);
        // a menu's own import (/certificate import file-name= passphrase=) is a live command, not a script
        boolean menuImport = !path.isEmpty() && schema.menu(path).map(mm -> mm.commands().contains("import")).orElse(false);
        if (name.equals("import") && !menuImport) return new ImportCommand(in).run(parts, f, pos);
        if (name.equals("quit")) {
            f.session.quit();
            return Val.NIL;
        }
        if (path.isEmpty() && (name.equals("undo") || name.equals("redo"))) {
            Args.bind(parts, new Args.Spec(0, List.of(), List.of(), false, false));
            return HistoryCommands.undo(in, f, pos, name.equals("redo"));
        }
        // appliance commands: at the root (/ping) or a tool under a directory (/tool bandwidth-test)
        String command = path.isEmpty() ? name : path + " " + name;
        if (in.router.commands().containsKey(command)) return rootCommand(in.router.commands().get(command), parts, f, pos);
        Menu m = schema.require(path);
        return switch (name) {
            case "add" -> add(m, parts, f, pos);
            case "set" -> set(m, parts, f, pos);
            case "unset" -> unset(m, parts, f, pos);
            // a status list's own remove (/file remove) acts on live state, not on configuration
            case "remove" -> m.kind() == MenuKind.STATUS_LIST ? menuCommand(m, name, parts, f, pos) : remove(m, parts, f, pos);
            case "enable", "disable" -> enable(m, parts, f, pos, name.equals("disable"));
            case "comment" -> comment(m, parts, f, pos);
            case "move" -> move(m, parts, f, pos);
            case "get" -> get(m, parts, f, pos);
            case "find" -> find(m, parts, f);
            case "print" -> print.run(m, parts, f);
            case "import" -> m.path().equals(SshKeyImport.MENU) ? new SshKeyImport(in).run(m, parts, f, pos)
                    : menuCommand(m, name, parts, f, pos);
            default -> menuCommand(m, name, parts, f, pos);
        };
    }

    /** Refuses a command the session's principal has no policy for (rose.cli.auth.Access: the one rule). */
    static void authorize(String path, String command, Frame f, Pos pos) throws CliError {
        if (rose.cli.auth.Access.missing(f.session.principal(), path, command) != null) {
            throw CliError.value(rose.cli.auth.Access.DENIED, pos);
        }
    }

    /** Values as stored: write-only secrets hashed (rose.cli.auth.StoredForm). */
    private Map<String, String> stored(Menu m, Map<String, String> values, Pos pos) throws CliError {
        try {
            return rose.cli.auth.StoredForm.forStorage(m.path(), values, in.router.passwordSeal());
        } catch (IllegalArgumentException e) {
            throw CliError.value(e.getMessage(), pos);
        }
    }

    /** Rows print would select with {@code a} (the API's print). */
    List<Row> printRows(Menu m, Args a, Frame f) throws CliError {
        return print.filteredRows(m, a, f, false);
    }

    /** Properties a command may set on {@code m}. */
    static List<String> settable(Menu m) {
        List<String> out = new ArrayList<>();
        for (Property p : m.properties().values()) if (!p.readOnly()) out.add(p.name());
        return out;
    }

    private Val add(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        List<String> names = new ArrayList<>(settable(m));
        names.add("copy-from");
        if (m.ordered()) names.add("place-before");
        names.addAll(Migrations.legacyNames(m.path()));
        Args a = Args.bind(parts, new Args.Spec(0, names, List.of(), false, false));
        return in.router.db().write((Tx tx) -> {
            ConfigState st = tx.state();
            Map<String, String> values = new LinkedHashMap<>();
            if (a.named.containsKey("copy-from")) {
                Args.Named c = a.named.get("copy-from");
                MenuView view = MenuView.of(schema, m, st);
                for (int id : ItemRefs.resolve(in, view, c.value(), f)) {
                    Map<String, String> base = Effective.explicit(view.find(id));
                    if (m.nameProperty() != null) base.remove(m.nameProperty());
                    values.putAll(base);
                }
            }
            Set<String> skip = new LinkedHashSet<>(List.of("copy-from", "place-before"));
            skip.addAll(Migrations.legacyNames(m.path()));
            Args.Named nameArg = m.nameProperty() == null ? null : a.named.get(m.nameProperty());
            if (m.autoName() != null && nameArg == null) values.put(m.nameProperty(), Names.autoName(m, st));
            // legacy (pre-6.43) arguments become their v7 items first, so references resolve
            values.putAll(Migrations.beforeAdd(in.router, m, a, values, tx, f, in));
            values.putAll(Validator.values(in, m, a, f, tx.state(), skip));
            int index = -1;
            if (a.named.containsKey("place-before")) {
                MenuView view = MenuView.of(schema, m, tx.state());
                List<Integer> ids = ItemRefs.resolve(in, view, a.named.get("place-before").value(), f);
                index = tx.state().table(m.path()).indexOf(ids.get(0));
            }
            int id = tx.add(m.path(), index, Origin.USER, rose.cli.auth.StoredForm.dropRemovals(stored(m, values, pos)));
            Item item = tx.byId(m.path(), id);
            Validator.required(m, item, pos);
            Validator.unique(schema, m, item, tx.state(), pos);
            Migrations.afterAdd(in.router, m, item, a, tx, f, in);
            return (Val) new Val.Id(id);
        });
    }

    /** Changes one item of a set-like command; returns the item as it should be stored. */
    @FunctionalInterface
    private interface Update {
        Item apply(Tx tx, Menu owner, Item item) throws CliError;
    }

    /**
     * The shared shape of set, unset, enable, disable and comment: resolve the targets inside
     * the transaction, change each in its owning menu, re-check required and unique.
     */
    private Val update(Menu m, Args a, boolean single, Frame f, Pos pos, Update u) throws CliError {
        return in.router.db().write((Tx tx) -> {
            MenuView view = MenuView.of(schema, m, tx.state());
            List<Integer> ids = single ? singletonId(view) : targets(view, a, "numbers", f, pos);
            for (int id : ids) {
                Menu owner = view.ownerOf(view.find(id));
                Item before = tx.byId(owner.path(), id);
                Item updated = u.apply(tx, owner, before);
                tx.replace(owner.path(), updated);
                Renames.apply(schema, tx, owner, Names.nameOf(owner, before), Names.nameOf(owner, updated));
                Validator.required(owner, updated, pos);
                Validator.unique(schema, owner, updated, tx.state(), pos);
            }
            return Val.NIL;
        });
    }

    private Val set(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        boolean single = m.kind() == MenuKind.SINGLETON;
        if (m.kind().isStatus()) throw CliError.badCommand("set", pos);
        List<String> names = new ArrayList<>(settable(m));
        names.addAll(Migrations.legacyNames(m.path()));
        if (!single) names.add("numbers");
        Args a = Args.bind(parts, new Args.Spec(single ? 0 : 1, names, List.of(), false, true));
        return update(m, a, single, f, pos, (tx, owner, item) -> {
            Map<String, String> values = new LinkedHashMap<>(Migrations.beforeSet(in.router, owner, item, a, tx, f, in));
            for (Args.Named n : a.named.values()) {
                if (n.name().equals("numbers") || Migrations.legacyNames(m.path()).contains(n.name())) continue;
                Property p = owner.properties().get(n.name());
                if (p == null || p.readOnly()) throw CliError.endOfCommand(n.pos());
                values.put(p.name(), Validator.canonical(schema, p, in.inputText(n.value(), f), tx.state(), n.valuePos()));
            }
            Item updated = rose.cli.auth.StoredForm.apply(tx.byId(owner.path(), item.id()), stored(owner, values, pos));
            for (String name : a.unsets.keySet()) updated = updated.without(name);
            return updated;
        });
    }

    private List<Integer> singletonId(MenuView view) {
        return view.items.isEmpty() ? List.of() : List.of(view.items.get(0).id());
    }

    private List<Integer> targets(MenuView view, Args a, String argName, Frame f, Pos pos) throws CliError {
        Node ref = a.named.containsKey(argName) ? a.named.get(argName).value()
                : a.unnamed.isEmpty() ? null : a.unnamed.get(0);
        if (ref == null) throw CliError.value("missing value(s) of argument(s) " + argName, pos);
        return ItemRefs.resolve(in, view, ref, f);
    }

    private Val unset(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        boolean single = m.kind() == MenuKind.SINGLETON;
        Args a = Args.bind(parts, new Args.Spec(single ? 1 : 2, List.of("numbers", "value-name"), List.of(), false, false));
        Node nameNode = a.named.containsKey("value-name") ? a.named.get("value-name").value()
                : a.unnamed.size() > (single ? 0 : 1) ? a.unnamed.get(single ? 0 : 1) : null;
        if (nameNode == null) throw CliError.value("missing value(s) of argument(s) value-name", pos);
        String prop = Args.match(in.inputText(nameNode, f), settable(m));
        if (prop == null) throw CliError.value("input does not match any value of value-name", nameNode.pos());
        return update(m, a, single, f, pos, (tx, owner, item) -> item.without(prop));
    }

    private Val remove(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(1, List.of("numbers"), List.of(), false, false));
        return in.router.db().write((Tx tx) -> {
            MenuView view = MenuView.of(schema, m, tx.state());
            for (int id : targets(view, a, "numbers", f, pos)) {
                Item item = view.find(id);
                if (item.origin() == Origin.DEFAULT || item.origin() == Origin.BUILTIN) {
                    throw CliError.value("failure: can not remove default item", pos);
                }
                if (item.origin() == Origin.DYNAMIC) throw CliError.value("failure: can not remove dynamic item", pos);
                tx.remove(view.ownerOf(item).path(), id);
            }
            return Val.NIL;
        });
    }

    private Val enable(Menu m, List<Node> parts, Frame f, Pos pos, boolean disable) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(1, List.of("numbers"), List.of(), false, false));
        // "enable" clears the setting rather than storing disabled=no, so export stays as before "disable"
        return update(m, a, false, f, pos,
                (tx, owner, item) -> disable ? item.with(Map.of("disabled", "yes")) : item.without("disabled"));
    }

    private Val comment(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(1, List.of("numbers", "comment"), List.of(), false, false));
        if (!a.named.containsKey("comment")) throw CliError.value("missing value(s) of argument(s) comment", pos);
        String text = in.inputText(a.named.get("comment").value(), f);
        return update(m, a, false, f, pos,
                (tx, owner, item) -> text.isEmpty() ? item.without("comment") : item.with(Map.of("comment", text)));
    }

    private Val move(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(2, List.of("numbers", "destination"), List.of(), false, false));
        return in.router.db().write((Tx tx) -> {
            MenuView view = MenuView.of(schema, m, tx.state());
            List<Integer> ids = targets(view, a, "numbers", f, pos);
            Node destNode = a.named.containsKey("destination") ? a.named.get("destination").value()
                    : a.unnamed.size() > 1 ? a.unnamed.get(1) : null;
            Integer dest = destNode == null ? null : ItemRefs.resolve(in, view, destNode, f).get(0);
            for (int id : ids) {
                if (dest != null && dest == id) continue;
                var table = tx.state().table(m.path());
                int from = table.indexOf(id);
                // Put counts the destination index after the moved item is taken out
                int index = dest == null ? table.items().size() - 1 : table.indexOf(dest) - (from < table.indexOf(dest) ? 1 : 0);
                tx.move(m.path(), id, index);
            }
            return Val.NIL;
        });
    }

    private Val get(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        boolean single = m.kind().isSingleton();
        Args a = Args.bind(parts, new Args.Spec(single ? 1 : 2, List.of("number", "value-name"), List.of(), false, false));
        Node nameNode = a.named.containsKey("value-name") ? a.named.get("value-name").value()
                : a.unnamed.size() > (single ? 0 : 1) ? a.unnamed.get(single ? 0 : 1) : null;
        List<Row> rows;
        if (m.kind().isStatus()) {
            rows = print.statusRows(m);
            if (!single) {
                Node ref = a.named.containsKey("number") ? a.named.get("number").value() : a.unnamed.isEmpty() ? null : a.unnamed.get(0);
                if (ref == null) throw CliError.value("missing value(s) of argument(s) number", pos);
                String id = in.inputText(ref, f);
                rows = rows.stream().filter(r -> r.id().equals(id) || Integer.toString(r.number()).equals(id)).toList();
                if (rows.isEmpty()) throw CliError.value("no such item", ref.pos());
            }
        } else {
            ConfigState st = in.router.db().state();
            MenuView view = MenuView.of(schema, m, st);
            List<Integer> ids = single ? singletonId(view) : targets(view, a, "number", f, pos);
            rows = List.of(print.row(view, view.find(ids.get(0)), st, -1));
        }
        if (rows.isEmpty()) return Val.NIL;
        Map<String, String> values = rows.get(0).values();
        if (nameNode == null) {
            Map<String, Val> all = new LinkedHashMap<>();
            values.forEach((k, v) -> all.put(k, new Val.Str(v)));
            return new Val.Arr(List.of(), all);
        }
        String prop = in.inputText(nameNode, f);
        if (!m.properties().containsKey(prop)) throw CliError.value("input does not match any value of value-name", nameNode.pos());
        String v = values.get(prop);
        return v == null ? Val.NIL : new Val.Str(v);
    }

    private Val find(Menu m, List<Node> parts, Frame f) throws CliError {
        List<String> names = new ArrayList<>(m.properties().keySet());
        names.addAll(PrintCommand.STATE_WORDS);
        Args a = Args.bind(parts, new Args.Spec(0, names, List.of(), true, false));
        List<Val> ids = new ArrayList<>();
        for (Row r : print.filteredRows(m, a, f, true)) ids.add(r.id().startsWith("*") ? new Val.Id(rose.cli.db.Item.parseId(r.id())) : new Val.Str(r.id()));
        return Val.Arr.of(ids);
    }

    /** An appliance's root command (RouterOs#addCommand): bound like any command, run with the session's output. */
    private Val rootCommand(rose.cli.RootCommand c, List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(1, c.arguments(), List.of(), false, false));
        Map<String, String> args = new LinkedHashMap<>();
        if (!a.unnamed.isEmpty() && !c.arguments().isEmpty()) args.put(c.arguments().get(0), in.inputText(a.unnamed.get(0), f));
        for (Args.Named n : a.named.values()) args.put(n.name(), in.inputText(n.value(), f));
        try {
            // in a script nobody is there to press Ctrl-C: run-until-stopped commands take their bounded default
            c.run(args, f.inScript ? rose.cli.Watched.unwatched(f.out) : f.out);
        } catch (rose.cli.RootCommand.Failure e) {
            throw CliError.value(e.getMessage(), pos);
        } catch (java.io.IOException e) {
            throw CliError.value("failure: " + e.getMessage(), pos);
        }
        return Val.NIL;
    }

    /** Named arguments of live menu commands beyond numbers/id, by "menu-path command". */
    private static final Map<String, List<String>> COMMAND_ARGUMENTS = Map.of(
            "certificate sign", List.of("ca", "name"),
            "certificate import", List.of("file-name", "passphrase", "name", "trusted"),
            "ip ipsec active-peers kill-connections", List.of("address"),
            "ip ipsec remote-peers kill-connections", List.of("address"),
            "interface monitor-traffic", List.of("interval", "duration"),
            "tool traffic-generator quick", List.of("duration", "interval", "mbps", "pps", "packet-size", "packet-count", "tx-template", "stream", "port", "test-id"),
            "tool traffic-generator start", List.of("duration", "mbps", "pps", "packet-size", "packet-count", "tx-template", "stream", "port", "test-id"),
            "system backup save", List.of("name", "password", "dont-encrypt", "encryption"),
            "system backup load", List.of("name", "password"));

    /** Value-less words a menu command takes ({@code monitor-traffic ether1 once}); passed on as {@code word=yes}. */
    private static final Map<String, List<String>> COMMAND_SWITCHES = Map.of(
            "interface monitor-traffic", List.of("once"));

    private Val menuCommand(Menu m, String name, List<Node> parts, Frame f, Pos pos) throws CliError {
        List<String> names = new ArrayList<>(List.of("numbers", "id"));
        names.addAll(COMMAND_ARGUMENTS.getOrDefault(m.path() + " " + name, List.of()));
        Args a = Args.bind(parts, new Args.Spec(4, names, COMMAND_SWITCHES.getOrDefault(m.path() + " " + name, List.of()), false, false));
        Map<String, String> args = new LinkedHashMap<>();
        for (Args.Named n : a.named.values()) args.put(n.name(), in.inputText(n.value(), f));
        for (String sw : a.switches) args.put(sw, "yes");
        for (int k = 0; k < a.unnamed.size(); k++) args.put(k == 0 ? "numbers" : "arg" + k, in.inputText(a.unnamed.get(k), f));
        if (m.kind() == MenuKind.LIST && (a.unnamed.size() > 0 || a.named.containsKey("numbers"))) {
            // item numbers as this session sees them, resolved here: live state knows only ids (*1,*2)
            Node refs = a.named.containsKey("numbers") ? a.named.get("numbers").value() : a.unnamed.get(0);
            List<String> ids = new ArrayList<>();
            for (int id : ItemRefs.resolve(in, MenuView.of(schema, m, in.router.db().state()), refs, f)) ids.add("*" + Integer.toHexString(id).toUpperCase(java.util.Locale.ROOT));
            args.put("numbers", String.join(",", ids));
        }
        boolean known;
        try {
            known = in.router.status().command(m.path(), name, args, f.out);
        } catch (IllegalArgumentException e) {
            throw CliError.value(e.getMessage(), pos);     // bad input, worded by the status source
        }
        if (!known) throw CliError.value("failure: " + name + " is not available on this router yet", pos);
        return Val.NIL;
    }
}
