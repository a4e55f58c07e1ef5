package rose.cli.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.print.Row;
import rose.cli.schema.Flag;
import rose.cli.schema.IpText;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;
import rose.cli.status.Hardware;

/**
 * Turns configuration items and status rows into what print shows: effective values plus the
 * read-only values derived from them (an address's network, an interface's type and MTUs), and
 * the flag letters that apply.
 */
final class RowBuilder {
    private final RouterOs router;

    RowBuilder(RouterOs router) {
        this.router = router;
    }

    Row row(MenuView view, Item item, ConfigState st, int number) {
        Menu owner = view.ownerOf(item);
        Map<String, String> own = Effective.values(owner, item);
        derive(owner, item, own);
        Map<String, String> values;
        if (view.menu.isUnion()) {
            values = new LinkedHashMap<>();
            for (Property p : view.menu.properties().values()) {
                String v = own.get(p.name());
                if (p.name().equals("name")) v = Names.nameOf(owner, item);
                if (p.name().equals("type")) v = owner.interfaceType();
                if (v != null) values.put(p.name(), v);
            }
        } else values = own;
        Map<String, String> live = router.status().liveValues(view.menu.path(), item.idText(), values);
        if (!live.isEmpty()) {
            values = new LinkedHashMap<>(values);
            values.putAll(live);
        }
        StringBuilder flags = new StringBuilder();
        for (Flag fl : view.menu.flags()) {
            if (flagOn(fl, owner, item, values, st)) flags.append(fl.letter());
        }
        return new Row(number, item.idText(), values, flags.toString(), item.get("comment"));
    }

    private boolean flagOn(Flag fl, Menu owner, Item item, Map<String, String> values, ConfigState st) {
        return switch (fl.source()) {
            case "default" -> item.origin() == Origin.DEFAULT;
            case "builtin" -> item.origin() == Origin.DEFAULT || item.origin() == Origin.BUILTIN;
            case "dynamic" -> item.origin() == Origin.DYNAMIC;
            case "invalid" -> Validator.invalid(router.schema(), owner, item, st);
            default -> isTrue(values.get(fl.source()));
        };
    }

    static boolean isTrue(String v) {
        return "yes".equals(v) || "true".equals(v);
    }

    /** Read-only values that follow from others. */
    private void derive(Menu owner, Item item, Map<String, String> v) {
        if (owner.path().equals("ip address") && v.containsKey("address") && owner.properties().containsKey("network")) {
            String a = v.get("address");
            int slash = a.indexOf('/');
            long addr = IpText.v4(slash < 0 ? a : a.substring(0, slash));
            int len = slash < 0 ? 32 : Integer.parseInt(a.substring(slash + 1));
            if (addr >= 0) v.put("network", IpText.v4(IpText.network(addr, len)));
        }
        if (owner.interfaceType() != null) {
            Hardware.Port port = port(item.get("default-name"));
            if (port != null) {
                putIfAbsent(v, "mac-address", port.macAddress());
                if (port.l2mtu() != null) putIfAbsent(v, "l2mtu", port.l2mtu().toString());
                if (port.maxL2mtu() != null) v.put("max-l2mtu", port.maxL2mtu().toString());
            }
            String mtu = v.get("mtu");
            if (mtu != null && mtu.matches("\\d+")) v.put("actual-mtu", mtu);
            v.putIfAbsent("running", "no");
        }
    }

    private static void putIfAbsent(Map<String, String> v, String k, String value) {
        if (value != null) v.putIfAbsent(k, value);
    }

    private Hardware.Port port(String name) {
        if (name == null) return null;
        for (Hardware.Port p : router.hardware().ports()) if (p.name().equals(name)) return p;
        return null;
    }

    /** Dynamic rows a configuration menu shows after its items (StatusSource#dynamicRows), numbered from {@code first}. */
    List<Row> dynamicRows(Menu menu, int first) {
        List<Map<String, String>> raw = router.status().dynamicRows(menu.path());
        java.util.ArrayList<Row> out = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, String> r = new LinkedHashMap<>(raw.get(i));
            String id = r.remove(".id");
            StringBuilder flags = new StringBuilder();
            for (Flag fl : menu.flags()) {
                if (fl.source().equals("dynamic") || isTrue(r.get(fl.source()))) flags.append(fl.letter());
            }
            out.add(new Row(first + i, id != null ? id : "*D" + (i + 1), r, flags.toString(), r.get("comment")));
        }
        return out;
    }

    /** Live rows of a status menu; flags from the row's boolean values. */
    List<Row> statusRows(Menu menu) {
        List<Map<String, String>> raw = router.status().rows(menu.path());
        java.util.ArrayList<Row> out = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, String> r = new LinkedHashMap<>(raw.get(i));
            String id = r.remove(".id");
            StringBuilder flags = new StringBuilder();
            for (Flag fl : menu.flags()) if (isTrue(r.get(fl.source()))) flags.append(fl.letter());
            out.add(new Row(i, id != null ? id : "*" + Integer.toHexString(i + 1).toUpperCase(java.util.Locale.ROOT),
                    r, flags.toString(), r.get("comment")));
        }
        return out;
    }
}
