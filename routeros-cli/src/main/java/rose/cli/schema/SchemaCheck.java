package rose.cli.schema;

/**
 * Consistency checks run when the schema loads, so a typo in a schema file fails at start-up
 * (and in the tests) instead of when a user first reaches that menu.
 */
final class SchemaCheck {
    /** Flag sources that are item state rather than properties (README: flags). */
    private static final java.util.Set<String> BUILT_IN_FLAG_SOURCES = java.util.Set.of("default", "dynamic", "invalid");

    private SchemaCheck() {
    }

    static void verify(Schema schema) {
        for (Menu m : schema.menus().values()) {
            for (Property p : m.properties().values()) {
                if (p.kind() == ValueKind.REF) {
                    if (p.ref() == null) fail(m, p, "ref property without 'ref'");
                    if (schema.menu(p.ref()).isEmpty()) fail(m, p, "ref to unknown menu /" + p.ref());
                }
                if (p.kind() == ValueKind.ENUM && p.values().isEmpty()) fail(m, p, "enum without values");
                if (p.hasDefault() && !p.readOnly()) {
                    try {
                        Values.checkDefault(p);
                    } catch (ValueException e) {
                        fail(m, p, "default '" + p.defaultValue() + "' does not parse: " + e.getMessage());
                    }
                }
            }
            if (m.nameProperty() != null && !m.properties().containsKey(m.nameProperty())) {
                throw new IllegalStateException("/" + m.path() + ": name-property " + m.nameProperty() + " is not a property");
            }
            for (String c : m.columns()) {
                if (!m.properties().containsKey(c)) throw new IllegalStateException("/" + m.path() + ": column " + c + " is not a property");
            }
            for (String u : m.unionOf()) {
                if (schema.menu(u).isEmpty()) throw new IllegalStateException("/" + m.path() + ": union-of unknown /" + u);
            }
            for (var d : m.defaults()) {
                for (String k : d.keySet()) {
                    if (!m.properties().containsKey(k)) throw new IllegalStateException("/" + m.path() + ": default item sets unknown " + k);
                }
            }
            for (Flag f : m.flags()) {
                if (!BUILT_IN_FLAG_SOURCES.contains(f.source()) && !m.properties().containsKey(f.source())) {
                    throw new IllegalStateException("/" + m.path() + ": flag " + f.letter() + " reads unknown " + f.source());
                }
            }
            for (Menu.UniqueKey u : m.unique()) {
                for (String k : u.properties()) {
                    if (!m.properties().containsKey(k)) throw new IllegalStateException("/" + m.path() + ": unique names unknown " + k);
                }
            }
            String sel = m.exportSelector();
            if (!sel.equals("default") && !sel.equals("number") && !m.properties().containsKey(sel)) {
                throw new IllegalStateException("/" + m.path() + ": export-selector " + sel + " is not a property");
            }
        }
    }

    private static void fail(Menu m, Property p, String why) {
        throw new IllegalStateException("/" + m.path() + " " + p.name() + ": " + why);
    }
}
