package rose.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The board files' reader keeps what the strict field accessors rely on: types, order, nulls, no duplicate keys. */
class JsonTreeTest {
    private static Object read(String json) throws IOException {
        return JsonTree.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valuesKeepTheirJsonTypesAndOrder() throws IOException {
        Map<?, ?> m = (Map<?, ?>) read("{\"z\": 1, \"a\": [\"x\", 2.5, true, null], \"big\": 123456789012345678901234, \"n\": null}");
        assertEquals(List.of("z", "a", "big", "n"), List.copyOf(m.keySet()), "file order");
        assertEquals(1L, m.get("z"));
        assertEquals(Arrays.asList("x", 2.5, true, null), m.get("a"));
        assertEquals(new BigInteger("123456789012345678901234"), m.get("big"));
        assertTrue(m.containsKey("n"), "a null field is still a field, so done() can refuse a misspelt one");
    }

    @Test
    void aDuplicateKeyOrTrailingTextIsRefused() {
        assertThrows(IOException.class, () -> read("{\"id\": \"a\", \"id\": \"b\"}"));
        assertThrows(IOException.class, () -> read("{} {}"));
        assertThrows(IOException.class, () -> read(""));
    }

    @Test
    void theStrictAccessorsSeeTheSameTypesAsBefore() throws IOException {
        JsonFields f = JsonFields.of(read("{\"i\": 3000000000, \"d\": 1.5, \"s\": \" \", \"l\": 3000000000}"), "t");
        assertThrows(BoardDataException.class, () -> f.optInt("i"), "past int range");
        assertThrows(BoardDataException.class, () -> f.optInt("d"), "not integral");
        assertThrows(BoardDataException.class, () -> f.optText("s"), "blank");
        assertEquals(3_000_000_000L, f.optLong("l").getAsLong());
        assertEquals(1.5, f.optDouble("d").getAsDouble());
    }
}
