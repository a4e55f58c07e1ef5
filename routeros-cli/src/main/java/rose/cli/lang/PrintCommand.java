package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.db.ConfigState;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.lang.Ast.Node;
import rose.cli.print.Row;
import rose.cli.schema.Menu;

/**
 * {@code print} (reference 01 §7): selects rows (static/dynamic/all, {@code from=},
 * {@code where}), remembers the session's numbering, and hands the rows to the printer in the
 * form asked for; {@code as-value} returns them to a script instead.
 */
final class PrintCommand {
    /** Words that name item states in find/where/print. */
    static final List<String> STATE_WORDS = List.of("disabled", "dynamic", "invalid", "default", "active",
            "running", "inactive", "builtin");
    static final List<String> SWITCHES = List.of("detail", "terse", "brief", "count-only", "as-value", "without-paging",
            "value-list", "stats", "stats-detail", "all", "dynamic", "static", "show-sensitive", "mtu");

    private final Interpreter in;
    private final RowBuilder rows;

    PrintCommand(Interpreter in) {
        this.in = in;
        this.rows = new RowBuilder(in.router);
    }

    Val run(Menu m, List<Node> parts, Frame f) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(0, List.of("proplist", "from", "interval", "order-by"), SWITCHES, true, false));
        List<Row> selected = filteredRows(m, a, f, false);
        if (a.switches.contains("count-only")) {
            f.println(Integer.toString(selected.size()));
            return new Val.Num(selected.size());
        }
        List<String> proplist = null;
        if (a.named.containsKey("proplist")) {
            proplist = List.of(in.inputText(a.named.get("proplist").value(), f).split(","));
            for (String p : proplist) {
                if (!m.properties().containsKey(p) && !p.equals(".id")) {
                    throw CliError.value("input does not match any value of proplist", a.named.get("proplist").valuePos());
                }
            }
        }
        if (a.switches.contains("mtu") && !m.properties().containsKey(PrintRender.MTU_COLUMNS.get(PrintRender.MTU_COLUMNS.size() - 1))) {
            Pos at = null;
            for (Node n : parts) if (n instanceof rose.cli.lang.Ast.Word w && w.text().equals("mtu")) at = w.pos();
            throw CliError.endOfCommand(at != null ? at : parts.isEmpty() ? new Pos(1, 1) : parts.get(0).pos());
        }
        if (a.switches.contains("as-value")) return asValue(selected, proplist);
        PrintRender.render(m, selected, a.switches, proplist,
                a.switches.contains("show-sensitive") && rose.cli.auth.Access.showsSensitive(f.session.principal()), f.out);
        return Val.NIL;
    }

    private static Val asValue(List<Row> selected, List<String> proplist) {
        List<Val> out = new ArrayList<>();
        for (Row r : selected) {
            Map<String, Val> m = new LinkedHashMap<>();
            m.put(".id", r.id().startsWith("*") ? new Val.Id(Item.parseId(r.id())) : new Val.Str(r.id()));
            r.values().forEach((k, v) -> {
                if (proplist == null || proplist.contains(k)) m.put(k, new Val.Str(v));
            });
            out.add(new Val.Arr(List.of(), m));
        }
        return Val.Arr.of(out);
    }

    /** Rows of {@code m} that the arguments select; also records the session numbering. */
    List<Row> filteredRows(Menu m, Args a, Frame f, boolean forFind) throws CliError {
        Expr.E where = RowFilter.parseWhere(a);
        RowFilter filter = new RowFilter(in, m, f);
        Map<String, Args.Named> equals = new LinkedHashMap<>();
        if (forFind) equals.putAll(a.named);
        List<Row> all = new ArrayList<>();
        if (m.kind().isStatus()) {
            all.addAll(rows.statusRows(m));
        } else {
            ConfigState st = in.router.db().state();
            MenuView view = MenuView.of(in.router.schema(), m, st);
            List<Integer> numbering = f.session.numbering(view);
            boolean rules = m.ordered() && m.path().startsWith("ip firewall");
            for (Item item : view.items) {
                boolean dynamic = item.origin() == Origin.DYNAMIC;
                if (!forFind) {
                    if (a.switches.contains("dynamic") && !dynamic) continue;
                    if (a.switches.contains("static") && dynamic) continue;
                    if (rules && dynamic && !a.switches.contains("all") && !a.switches.contains("dynamic")) continue;
                }
                all.add(rows.row(view, item, st, numbering.indexOf(item.id())));
            }
            if (!forFind) f.session.rememberNumbering(view);
            if (a.named.containsKey("from")) {
                List<Integer> ids = ItemRefs.resolve(in, view, a.named.get("from").value(), f);
                List<Row> only = new ArrayList<>();
                for (Row r : all) if (ids.contains(Item.parseId(r.id()))) only.add(r);
                all = only;
            }
            // firewall rule menus list static rules unless `print all` / `print dynamic` (reference 03), live dynamic ones too
            if (!forFind && !a.switches.contains("static") && !a.named.containsKey("from")
                    && (!rules || a.switches.contains("all") || a.switches.contains("dynamic"))) {
                all.addAll(rows.dynamicRows(m, numbering.size()));
            }
        }
        List<Row> out = new ArrayList<>();
        for (Row r : all) if (filter.matches(r, where, equals)) out.add(r);
        return out;
    }

    Row row(MenuView view, Item item, ConfigState st, int number) {
        return rows.row(view, item, st, number);
    }

    List<Row> statusRows(Menu m) {
        return rows.statusRows(m);
    }
}
