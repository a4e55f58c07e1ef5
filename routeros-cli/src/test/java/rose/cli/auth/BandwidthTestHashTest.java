package rose.cli.auth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class BandwidthTestHashTest {
    /** The vector captured from RouterOS and published with btest-opensource's protocol notes. */
    @Test void answersThePublishedVector() {
        byte[] challenge = HexFormat.of().parseHex("ad32d6f94d28161625f2f390bb895637");
        assertEquals("3c968565bc0314f281a6da1571cf7255", HexFormat.of().formatHex(BandwidthTestHash.answer("test", challenge)));
        assertTrue(BandwidthTestHash.matches("test", challenge, HexFormat.of().parseHex("3c968565bc0314f281a6da1571cf7255")));
        assertFalse(BandwidthTestHash.matches("tesT", challenge, HexFormat.of().parseHex("3c968565bc0314f281a6da1571cf7255")));
        assertFalse(BandwidthTestHash.matches(null, challenge, new byte[16]));
    }
}
