package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Live values with units are plain numbers over the API, as RouterOS sends them. */
class ApiNumberTest {
    @Test
    void sizesPercentagesAndFrequenciesBecomeNumbers() {
        assertEquals("20401094656", ApiCall.apiNumber("19.0GiB"));
        assertEquals("524288", ApiCall.apiNumber("512.0KiB"));
        assertEquals("1572864", ApiCall.apiNumber("1.5MiB"));
        assertEquals("94", ApiCall.apiNumber("94%"));
        assertEquals("2400", ApiCall.apiNumber("2400MHz"));
    }

    @Test
    void otherTextIsLeftAlone() {
        assertEquals("1m14s", ApiCall.apiNumber("1m14s"));
        assertEquals("7.18.2", ApiCall.apiNumber("7.18.2"));
        assertEquals("Intel(R) Xeon(R) Processor", ApiCall.apiNumber("Intel(R) Xeon(R) Processor"));
        assertEquals("x86_64", ApiCall.apiNumber("x86_64"));
    }

    @Test
    void systemResourceOverTheApiHasNoUnits() throws Exception {
        rose.cli.RouterOs router = rose.cli.RouterOs.inMemory();
        Session s = new Session(router, "admin");
        for (var row : ApiCall.rows(s, "system resource")) {
            for (var v : row.values()) assertEquals(false, v.matches("\\d+(\\.\\d+)?(KiB|MiB|GiB|%)"), row.toString());
        }
    }
}
