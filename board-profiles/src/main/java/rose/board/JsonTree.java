package rose.board;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a board data file into plain values with Jackson's streaming parser: an object is a
 * {@code Map<String, Object>} in file order, an array a {@code List<Object>}, a string a
 * {@link String}, an integer a {@link Long} (a {@link BigInteger} past 64 bits), any other number
 * a {@link Double}, and JSON {@code null} a {@code null} value under its key.
 *
 * <p>Why not Jackson's tree model: the profiles are read once at boot, and the databind module
 * behind {@code ObjectMapper.readTree} loads ~320 classes (~2 MiB of class metadata) that every
 * router then carried for its whole life. A duplicate key is refused, as before.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTree() {
    }

    static Object read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken t = p.nextToken();
            if (t == null) throw new IOException("no JSON value");
            Object v = value(p, t);
            if (p.nextToken() != null) throw new IOException("text after the JSON value at " + p.currentLocation());
            return v;
        }
    }

    /** Reads the value starting at {@code t}; JSON is nested only a few levels deep in these files. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(value(p, e));
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t + " at " + p.currentLocation());
        }
    }
}
