package rose.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Sample changes and an order-sensitive state comparison shared by the store tests. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** Every change kind and awkward value: origins, ordering, unicode, empty maps, big ids. */
    static List<List<Change>> commands() {
        List<List<Change>> cmds = new ArrayList<>();
        cmds.add(List.of(
                new Change.Put("interface/ethernet", 0, new Item(1, Origin.BUILTIN, values("default-name", "ether1", "name", "ether1"))),
                new Change.Put("interface/ethernet", 1, new Item(2, Origin.BUILTIN, values("default-name", "ether2")))));
        cmds.add(List.of(new Change.Put("ip/firewall/filter", 0,
                new Item(1, Origin.USER, values("chain", "forward", "action", "accept", "comment", "zaŝ \u00e9 \u4e2d \ud83d\ude00")))));
        cmds.add(List.of(new Change.Put("ip/firewall/filter", 0,
                new Item(2, Origin.USER, values("z-last", "1", "a-first", "2", "m", "")))));
        cmds.add(List.of(new Change.Put("ip/ipsec/profile", 0, new Item(1, Origin.DEFAULT, values(".seed", "0", "name", "default")))));
        cmds.add(List.of(new Change.Put("ip/ipsec/peer", 0, new Item(7, Origin.DYNAMIC, values()))));
        cmds.add(List.of(new Change.Put("ip/firewall/filter", 5, new Item(1, Origin.USER, values("chain", "input")))));
        cmds.add(List.of(new Change.Remove("ip/ipsec/peer", 7), new Change.Remove("ip/ipsec/peer", 99)));
        cmds.add(List.of(new Change.Put("system/identity", -3, new Item(0x7FFFFFFE, Origin.USER,
                values("name", "nul\u0000 lone\ud800 surrogate\udc00 tab\t nl\n", "long", "x".repeat(70_000))))));
        cmds.add(List.of(new Change.Put("ip/firewall/filter", 1,
                new Item(1, Origin.USER, values("chain", "input", "disabled", "yes"))),
                new Change.Remove("interface/ethernet", 2),
                new Change.Put("interface/ethernet", 0, new Item(2, Origin.BUILTIN, values("default-name", "ether2", "mtu", "9000")))));
        return cmds;
    }

    static ConfigState applyAll(ConfigState s, List<List<Change>> cmds) {
        for (List<Change> c : cmds) s = s.apply(c);
        return s;
    }

    /** Like equals, but also checks item order and the order of each item's values. */
    static void assertSameState(ConfigState expected, ConfigState actual) {
        assertEquals(expected.version(), actual.version(), "state version");
        assertEquals(new TreeSet<>(expected.tables().keySet()), new TreeSet<>(actual.tables().keySet()), "menus");
        for (String menu : expected.tables().keySet()) {
            MenuTable e = expected.table(menu);
            MenuTable a = actual.table(menu);
            assertEquals(e.nextId(), a.nextId(), "/" + menu + " nextId");
            assertEquals(describe(e), describe(a), "/" + menu);
        }
    }

    static List<String> describe(MenuTable t) {
        List<String> out = new ArrayList<>();
        for (Item i : t.items()) out.add(i.idText() + " " + i.origin() + " " + new ArrayList<>(i.values().entrySet()));
        return out;
    }

    /** Copies a data directory as a crash would leave it (the lock file is the kernel's business). */
    static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().equals(DataDir.LOCK)) continue;
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
