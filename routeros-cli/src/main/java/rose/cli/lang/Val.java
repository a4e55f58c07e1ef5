package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripting value (reference 01 §13): str, num, bool, id, array, nil. IP and time values are
 * carried as their text and compared by the property type where it matters.
 */
public sealed interface Val {
    Nil NIL = new Nil();

    /** How {@code :put} shows it. */
    String text();

    default String typeName() {
        return "str";
    }

    record Str(String value) implements Val {
        public String text() { return value; }
    }

    record Num(long value) implements Val {
        public String text() { return Long.toString(value); }
        public String typeName() { return "num"; }
    }

    record Bool(boolean value) implements Val {
        public String text() { return value ? "true" : "false"; }
        public String typeName() { return "bool"; }
    }

    /** An item id, printed {@code *1A}. */
    record Id(int value) implements Val {
        public String text() { return "*" + Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT); }
        public String typeName() { return "id"; }
    }

    /** Array with optional keys: keyed elements iterate after un-keyed ones. */
    record Arr(List<Val> values, Map<String, Val> keyed) implements Val {
        public Arr {
            values = List.copyOf(values);
            keyed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(keyed));
        }

        public static Arr of(List<Val> values) {
            return new Arr(values, Map.of());
        }

        public String text() {
            List<String> parts = new ArrayList<>();
            for (Val v : values) parts.add(v.text());
            for (Map.Entry<String, Val> e : keyed.entrySet()) parts.add(e.getKey() + "=" + e.getValue().text());
            return String.join(";", parts);
        }

        public String typeName() { return "array"; }

        public Map<String, Val> asMap() {
            return new LinkedHashMap<>(keyed);
        }
    }

    /** A code block ({@code do={...}}), run by the command that receives it. */
    record Code(Ast.Script script) implements Val {
        public String text() { return ""; }
        public String typeName() { return "code"; }
    }

    record Nil() implements Val {
        public String text() { return ""; }
        public String typeName() { return "nil"; }
    }

    static Val of(String s) {
        return new Str(s);
    }

    /** Truth in {@code :if}: bools as they are; "true"/"yes" strings. */
    static boolean truth(Val v) {
        if (v instanceof Bool b) return b.value();
        if (v instanceof Num n) return n.value() != 0;
        if (v instanceof Str s) return s.value().equals("true") || s.value().equals("yes");
        if (v instanceof Arr a) return !a.values().isEmpty() || !a.keyed().isEmpty();
        return false;
    }
}
