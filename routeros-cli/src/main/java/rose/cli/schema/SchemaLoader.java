package rose.cli.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads the schema files under {@code rose/cli/schema/}: {@code index.yaml} names the files and
 * the export order; each file holds {@code templates} (shared property groups) and {@code menus}.
 * The format is described in {@code rose/cli/schema/README.md}. Every scalar is read as text
 * (no YAML 1.1 guessing that would turn {@code yes} into a boolean or {@code 00:10:00} into a number).
 */
public final class SchemaLoader {
    private static final String BASE = "rose/cli/schema/";

    private SchemaLoader() {
    }

    static Schema loadBuiltIn() {
        try {
            Map<String, Object> index = read(BASE + "index.yaml");
            Map<String, List<Map<String, Object>>> templates = new LinkedHashMap<>();
            List<Map<String, Object>> rawMenus = new ArrayList<>();
            for (String file : strings(index.get("files"))) {
                Map<String, Object> doc = read(BASE + file);
                Object t = doc.get("templates");
                if (t instanceof Map<?, ?> tm) {
                    for (Map.Entry<?, ?> e : tm.entrySet()) templates.put((String) e.getKey(), maps(e.getValue()));
                }
                rawMenus.addAll(maps(doc.get("menus")));
            }
            Map<String, Menu> menus = new LinkedHashMap<>();
            for (Map<String, Object> raw : rawMenus) {
                Menu m = menu(raw, templates);
                if (menus.put(m.path(), m) != null) throw new IllegalStateException("menu defined twice: /" + m.path());
            }
            List<String> order = strings(index.get("export-order"));
            for (String p : order) {
                if (!menus.containsKey(p)) throw new IllegalStateException("export-order names unknown menu /" + p);
            }
            Schema schema = new Schema(menus, order);
            SchemaCheck.verify(schema);
            return schema;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in schema", e);
        }
    }

    private static Menu menu(Map<String, Object> raw, Map<String, List<Map<String, Object>>> templates) {
        String path = str(raw, "path");
        try {
            MenuKind kind = MenuKind.valueOf(enumName(str(raw, "kind", "list")));
            Map<String, Property> props = new LinkedHashMap<>();
            for (String inc : strings(raw.get("include"))) {
                List<Map<String, Object>> t = templates.get(inc);
                if (t == null) throw new IllegalStateException("unknown template " + inc);
                for (Map<String, Object> p : t) addProperty(props, p);
            }
            for (Map<String, Object> p : maps(raw.get("properties"))) addProperty(props, p);
            List<Flag> flags = new ArrayList<>();
            for (Map<String, Object> f : maps(raw.get("flags"))) {
                flags.add(new Flag(str(f, "letter"), str(f, "name"), str(f, "source", str(f, "name"))));
            }
            List<Map<String, String>> defaults = new ArrayList<>();
            for (Map<String, Object> d : maps(raw.get("defaults"))) {
                Map<String, String> values = new LinkedHashMap<>();
                d.forEach((k, v) -> values.put(k, (String) v));
                defaults.add(values);
            }
            List<Menu.UniqueKey> unique = new ArrayList<>();
            for (Map<String, Object> u : maps(raw.get("unique"))) {
                unique.add(new Menu.UniqueKey(strings(u.get("properties")), str(u, "message")));
            }
            String layoutDefault = kind.isSingleton() ? "settings" : "table";
            return new Menu(path, kind, bool(raw, "ordered"), str(raw, "name-property", null), str(raw, "auto-name", null),
                    PrintLayout.valueOf(enumName(str(raw, "layout", layoutDefault))), strings(raw.get("columns")), flags,
                    defaults, props, unique, strings(raw.get("commands")), strings(raw.get("union-of")),
                    str(raw, "interface-type", null), str(raw, "export-selector", "default"), str(raw, "description", ""));
        } catch (RuntimeException e) {
            throw new IllegalStateException("schema error in menu /" + path + ": " + e.getMessage(), e);
        }
    }

    private static void addProperty(Map<String, Property> props, Map<String, Object> p) {
        String name = str(p, "name");
        ValueKind kind = ValueKind.valueOf(enumName(str(p, "type", "string")));
        Property prop = new Property(name, kind, bool(p, "list"), bool(p, "negatable"), strings(p.get("values")),
                strings(p.get("words")), str(p, "ref", null), str(p, "min", null), str(p, "max", null),
                str(p, "default", null), bool(p, "required"), bool(p, "sensitive"), bool(p, "read-only"),
                bool(p, "dangling-invalid"), str(p, "description", ""), strings(p.get("rose-honours")),
                str(p, "rose-refuses", null));
        props.put(name, prop); // a later definition overrides a template's
    }

    private static String enumName(String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String resource) throws IOException {
        try (InputStream in = SchemaLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            LoaderOptions lo = new LoaderOptions();
            Yaml yaml = new Yaml(new SafeConstructor(lo), new Representer(new DumperOptions()), new DumperOptions(), lo,
                    new TextOnlyResolver());
            Object doc = yaml.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return doc == null ? Map.of() : (Map<String, Object>) doc;
        }
    }

    /** Resolves every plain scalar as a string. */
    private static final class TextOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
        }
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalStateException("missing '" + key + "'");
        return v.toString();
    }

    private static String str(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : v.toString();
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v != null && (v.equals("true") || v.equals("yes"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        if (o == null) return List.of();
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        if (o == null) return List.of();
        if (o instanceof String s) return List.of(s);
        return ((List<Object>) o).stream().map(Object::toString).toList();
    }
}
