package rose.board;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Strict reading of one JSON object: every field is read through a typed accessor, JSON {@code null}
 * and an absent field both mean "unknown", and {@link #done()} refuses fields nobody read, so a typo
 * in a data file fails the build instead of silently dropping a fact.
 */
final class JsonFields {

    private final Map<String, Object> node;
    private final String where;
    private final Set<String> read = new HashSet<>();

    private JsonFields(Map<String, Object> node, String where) {
        this.node = node;
        this.where = where;
    }

    /** An object read by {@link JsonTree}. */
    @SuppressWarnings("unchecked")
    static JsonFields of(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new BoardDataException(where + ": expected a JSON object");
        }
        return new JsonFields((Map<String, Object>) node, where);
    }

    String where() {
        return where;
    }

    BoardDataException error(String field, String problem) {
        return new BoardDataException(where + "." + field + ": " + problem);
    }

    private Optional<Object> get(String field) {
        read.add(field);
        return Optional.ofNullable(node.get(field));
    }

    private static boolean isText(Object v) {
        return v instanceof String && !((String) v).isBlank();
    }

    String text(String field) {
        return optText(field).orElseThrow(() -> error(field, "required"));
    }

    Optional<String> optText(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!isText(v.get())) {
            throw error(field, "expected a non-blank string");
        }
        return Optional.of((String) v.get());
    }

    OptionalInt optInt(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!(v.get() instanceof Long) || (Long) v.get() != ((Long) v.get()).intValue()) {
            throw error(field, "expected an integer");
        }
        return OptionalInt.of(((Long) v.get()).intValue());
    }

    OptionalLong optLong(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!(v.get() instanceof Long)) {   // a BigInteger is past 64 bits
            throw error(field, "expected an integer");
        }
        return OptionalLong.of((Long) v.get());
    }

    OptionalDouble optDouble(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!(v.get() instanceof Number)) {
            throw error(field, "expected a number");
        }
        return OptionalDouble.of(((Number) v.get()).doubleValue());
    }

    boolean bool(String field) {
        Object v = get(field).orElseThrow(() -> error(field, "required"));
        if (!(v instanceof Boolean)) {
            throw error(field, "expected true or false");
        }
        return (Boolean) v;
    }

    List<String> texts(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof List)) {
            throw error(field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) v.get()) {
            if (!isText(e)) {
                throw error(field, "expected an array of non-blank strings");
            }
            out.add((String) e);
        }
        return out;
    }

    List<JsonFields> objects(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof List)) {
            throw error(field, "expected an array of objects");
        }
        List<JsonFields> out = new ArrayList<>();
        int i = 0;
        for (Object e : (List<?>) v.get()) {
            out.add(of(e, where + "." + field + "[" + i++ + "]"));
        }
        return out;
    }

    Optional<JsonFields> optObject(String field) {
        return get(field).map(v -> of(v, where + "." + field));
    }

    Map<String, String> textMap(String field) {
        Optional<Object> v = get(field);
        if (v.isEmpty()) {
            return Map.of();
        }
        if (!(v.get() instanceof Map)) {
            throw error(field, "expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v.get()).entrySet()) {
            if (!isText(e.getValue())) {
                throw error(field + "." + e.getKey(), "expected a non-blank string");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    /** Refuses fields that no accessor read. */
    void done() {
        for (String f : node.keySet()) {
            if (!read.contains(f)) {
                throw error(f, "unknown field");
            }
        }
    }
}
