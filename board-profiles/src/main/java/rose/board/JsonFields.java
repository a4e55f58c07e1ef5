package rose.board;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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

    private final JsonNode node;
    private final String where;
    private final Set<String> read = new HashSet<>();

    private JsonFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    static JsonFields of(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new BoardDataException(where + ": expected a JSON object");
        }
        return new JsonFields(node, where);
    }

    String where() {
        return where;
    }

    BoardDataException error(String field, String problem) {
        return new BoardDataException(where + "." + field + ": " + problem);
    }

    private Optional<JsonNode> get(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    String text(String field) {
        return optText(field).orElseThrow(() -> error(field, "required"));
    }

    Optional<String> optText(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.get().isTextual() || v.get().asText().isBlank()) {
            throw error(field, "expected a non-blank string");
        }
        return Optional.of(v.get().asText());
    }

    OptionalInt optInt(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!v.get().isIntegralNumber() || !v.get().canConvertToInt()) {
            throw error(field, "expected an integer");
        }
        return OptionalInt.of(v.get().intValue());
    }

    OptionalLong optLong(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!v.get().isIntegralNumber() || !v.get().canConvertToLong()) {
            throw error(field, "expected an integer");
        }
        return OptionalLong.of(v.get().longValue());
    }

    OptionalDouble optDouble(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!v.get().isNumber()) {
            throw error(field, "expected a number");
        }
        return OptionalDouble.of(v.get().doubleValue());
    }

    boolean bool(String field) {
        JsonNode v = get(field).orElseThrow(() -> error(field, "required"));
        if (!v.isBoolean()) {
            throw error(field, "expected true or false");
        }
        return v.booleanValue();
    }

    List<String> texts(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!v.get().isArray()) {
            throw error(field, "expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v.get()) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw error(field, "expected an array of non-blank strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    List<JsonFields> objects(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!v.get().isArray()) {
            throw error(field, "expected an array of objects");
        }
        List<JsonFields> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : v.get()) {
            out.add(of(e, where + "." + field + "[" + i++ + "]"));
        }
        return out;
    }

    Optional<JsonFields> optObject(String field) {
        return get(field).map(v -> of(v, where + "." + field));
    }

    Map<String, String> textMap(String field) {
        Optional<JsonNode> v = get(field);
        if (v.isEmpty()) {
            return Map.of();
        }
        if (!v.get().isObject()) {
            throw error(field, "expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw error(field + "." + e.getKey(), "expected a non-blank string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** Refuses fields that no accessor read. */
    void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!read.contains(f)) {
                throw error(f, "unknown field");
            }
        }
    }
}
