package rose.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import rose.cli.db.Database;
import rose.cli.db.Origin;
import rose.cli.schema.Menu;
import rose.cli.schema.MenuKind;
import rose.cli.schema.Schema;
import rose.cli.status.Hardware;

/**
 * Puts what a fresh router has into the database: the schema's default items, one row per
 * singleton, and the board's ethernet ports. Runs on every start and adds only what is
 * missing, so a data directory made by an older schema gains new defaults.
 */
public final class Seeding {
    /** Hidden key on default items: which schema default entry they are. Keys starting with '.' are never printed. */
    public static final String SEED = rose.cli.db.Effective.SEED;

    private Seeding() {
    }

    static void seed(Schema schema, Database db, Hardware hw) {
        db.write(tx -> {
            for (Menu m : schema.menus().values()) {
                if (m.kind() == MenuKind.SINGLETON && tx.items(m.path()).isEmpty()) {
                    tx.add(m.path(), -1, Origin.DEFAULT, Map.of());
                }
                if (m.kind() == MenuKind.LIST && !m.defaults().isEmpty()) {
                    for (int k = 0; k < m.defaults().size(); k++) {
                        String seed = Integer.toString(k);
                        boolean present = tx.items(m.path()).stream().anyMatch(i -> seed.equals(i.get(SEED)));
                        // seed values are not "set": export shows only what a user changes on them
                        if (!present) tx.add(m.path(), -1, Origin.DEFAULT, Map.of(SEED, seed));
                    }
                }
            }
            if (schema.menu("interface ethernet").isPresent()) {
                for (Hardware.Port p : hw.ports()) {
                    boolean present = tx.items("interface ethernet").stream()
                            .anyMatch(i -> i.origin() == Origin.BUILTIN && p.name().equals(i.get("default-name")));
                    if (!present) {
                        Map<String, String> v = new LinkedHashMap<>();
                        v.put("default-name", p.name());
                        tx.add("interface ethernet", -1, Origin.BUILTIN, v);
                    }
                }
            }
            return null;
        });
    }

}
