package rose.appliance.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * REST bodies in and out (reference 06 §3), on Jackson's streaming parser only: no data
 * binding, no reflection, nothing built that the shape below does not allow.
 *
 * <p>A request body is one flat JSON object. A value is a string, a whole number (passed on as
 * its text; RouterOS's own parser also takes octal {@code 010} and hex, which are not JSON:
 * send those as strings, {@code "0x10"}), a boolean ({@code "true"}/{@code "false"}) or an array of those ({@code .proplist},
 * {@code .query}; elsewhere joined with commas as the console writes lists). Anything else is
 * refused before it is built: {@code null}, nested objects, arrays in arrays, duplicate keys,
 * more than {@link #MAX_KEYS} keys or {@link #MAX_ARRAY} array items, text after the object.
 * The nesting depth can therefore never exceed two, whatever the input; the body size is
 * bounded by the HTTP layer before a byte gets here.
 *
 * <p>Replies carry every value as a JSON string; only the {@code error} field of an error body
 * is a number.
 */
public final class RestJson {
    static final int MAX_KEYS = 256;
    static final int MAX_ARRAY = 1024;
    static final int MAX_STRING = 1 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4).maxStringLength(MAX_STRING).maxNumberLength(64).maxNameLength(1024).build())
            .build();

    private RestJson() {
    }

    /** Why a body was refused; the message goes to the client as {@code detail}. */
    public static final class BadJson extends Exception {
        BadJson(String message) {
            super(message, null, false, false);
        }
    }

    /** A decoded request body: scalar attributes in order, and the arrays kept as lists. */
    public record Body(Map<String, String> values, Map<String, List<String>> lists) {
        public static final Body EMPTY = new Body(Map.of(), Map.of());

        /** A list-valued key as a list; a scalar one split at commas ({@code ".proplist":"a,b"}); else null. */
        public List<String> list(String key) {
            if (lists.containsKey(key)) return lists.get(key);
            String v = values.get(key);
            return v == null ? null : List.of(v.split(",", -1));
        }
    }

    /** Decodes a request body; an empty (or all-blank) body is an empty object. */
    public static Body decode(byte[] in) throws BadJson {
        boolean blank = true;
        for (byte b : in) if (b != ' ' && b != '\t' && b != '\r' && b != '\n') blank = false;
        if (blank) return Body.EMPTY;
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new BadJson("JSON object expected");
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            int keys = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) throw new BadJson("malformed JSON");
                if (++keys > MAX_KEYS) throw new BadJson("too many properties");
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        if (items.size() >= MAX_ARRAY) throw new BadJson("array of " + key + " too long");
                        items.add(scalar(p, e, key));
                    }
                    lists.put(key, Collections.unmodifiableList(items));
                    values.put(key, String.join(",", items));
                } else {
                    values.put(key, scalar(p, v, key));
                }
            }
            if (p.nextToken() != null) throw new BadJson("unexpected data after JSON object");
            return new Body(Collections.unmodifiableMap(values), Collections.unmodifiableMap(lists));
        } catch (IOException e) {
            // JsonParseException, StreamConstraintsException, invalid UTF-8, early end of input
            throw new BadJson("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String scalar(JsonParser p, JsonToken t, String key) throws IOException, BadJson {
        if (t == null) throw new BadJson("malformed JSON: unexpected end of input");
        switch (t) {
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT: return p.getText();
            case VALUE_NUMBER_FLOAT: throw new BadJson("value of " + key + " is not a whole number");
            case VALUE_TRUE: return "true";
            case VALUE_FALSE: return "false";
            case VALUE_NULL: throw new BadJson("value of " + key + " must not be null");
            default: throw new BadJson("value of " + key + " must be a string, number or boolean");
        }
    }

    private static String firstLine(String m) {
        if (m == null) return "unreadable input";
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** One object, every value a string. */
    public static byte[] object(Map<String, String> row) {
        return write(g -> writeObject(g, row));
    }

    /** An array of objects ({@code []} when empty). */
    public static byte[] array(List<Map<String, String>> rows) {
        return write(g -> {
            g.writeStartArray();
            for (Map<String, String> r : rows) writeObject(g, r);
            g.writeEndArray();
        });
    }

    /** {@code {"error":404,"message":"Not Found"}}, with {@code detail} when there is one. */
    public static byte[] error(int status, String reason, String detail) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("error", status);
            g.writeStringField("message", reason);
            if (detail != null) g.writeStringField("detail", detail);
            g.writeEndObject();
        });
    }

    private static void writeObject(JsonGenerator g, Map<String, String> row) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> e : row.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);          // a byte array does not fail
        }
        return out.toByteArray();
    }
}
