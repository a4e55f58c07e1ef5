package rose.board;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data file that is malformed or states a fact without a source is refused, with a useful message. */
class BoardProfileReaderTest {

    private static final String MINIMAL = """
            {"id": "test-board", "name": "Test", "portLayout": "fixed",
             "ports": [{"name": "ether1", "defaultMtu": 1500, "maxL2mtu": 2026}],
             "sources": {"ports": "p", "default-mtu": "d", "max-l2mtu": "m"}}
            """;

    static BoardProfile read(String json) {
        try {
            return BoardProfileReader.read(JsonFields.of(JsonTree.read(
                    new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))), "test-board.json"), "test-board");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String refused(String json) {
        return assertThrows(BoardDataException.class, () -> read(json)).getMessage();
    }

    @Test
    void minimalBoardLoadsWithUnknownsEmpty() {
        BoardProfile p = read(MINIMAL);
        assertEquals("test-board", p.id());
        assertTrue(p.cpu().cores().isEmpty());
        assertTrue(p.ramBytes().isEmpty());
        assertTrue(p.port("ether1").orElseThrow().speedMbps().isEmpty());
        assertTrue(p.crypto().routerosRow().isEmpty());
    }

    @Test
    void factWithoutSourceIsRefused() {
        String msg = refused(MINIMAL.replace("\"max-l2mtu\": \"m\"", "\"other\": \"m\""));
        assertTrue(msg.contains("max-l2mtu"), msg);
        msg = refused(MINIMAL.replace("\"portLayout\"", "\"ramBytes\": 1024, \"portLayout\""));
        assertTrue(msg.contains("memory"), msg);
    }

    @Test
    void unknownFieldIsRefused() {
        String msg = refused(MINIMAL.replace("\"maxL2mtu\"", "\"maxL2MTU\": 1, \"maxL2mtu\""));
        assertTrue(msg.contains("ports[0].maxL2MTU") && msg.contains("unknown field"), msg);
    }

    @Test
    void idMustMatchFileAndBeLowerCase() {
        assertTrue(refused(MINIMAL.replace("test-board", "other-board")).contains("file name"));
        assertTrue(refused(MINIMAL.replace("\"test-board\"", "\"Test-Board\"")).contains("lower-case"));
    }

    @Test
    void duplicateOrBadPortNamesAreRefused() {
        String two = MINIMAL.replace("\"ports\": [", "\"ports\": [{\"name\": \"ether1\"}, ");
        assertTrue(refused(two).contains("duplicate port"));
        assertTrue(refused(MINIMAL.replace("\"ether1\"", "\"Ether 1\"")).contains("RouterOS interface name"));
    }

    @Test
    void mtuAboveMaxL2mtuIsRefused() {
        assertTrue(refused(MINIMAL.replace("\"defaultMtu\": 1500", "\"defaultMtu\": 3000")).contains("exceeds maxL2mtu"));
    }

    @Test
    void switchChipMustNameBoardPorts() {
        String json = MINIMAL.replace("\"sources\"",
                "\"switchChips\": [{\"name\": \"X\", \"ports\": [\"ether9\"]}], \"sources\"");
        assertTrue(refused(json).contains("ether9"));
    }

    @Test
    void accelerationRowNeedsEveryHashColumn() {
        String json = MINIMAL.replace("\"sources\"", "\"crypto\": {\"routerosRow\": \"X\", \"acceleration\": "
                + "[{\"cipher\": \"aes-gcm\", \"md5\": true, \"sha1\": true, \"sha256\": true}]}, \"sources\"");
        String msg = refused(json);
        assertTrue(msg.contains("sha512"), msg);
    }
}
