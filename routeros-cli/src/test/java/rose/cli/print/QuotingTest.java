package rose.cli.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotingTest {
    /** Export form; '|' stands for the expected text so the table can hold quotes and commas freely. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "ether1                    | ether1",
            "established,related       | established,related",
            "!LAN                      | !LAN",
            "192.168.3.254%ether3      | 192.168.3.254%ether3",
            "<sstp-BBID-0003>          | <sstp-BBID-0003>",
            "SecurityCameras&IoT       | SecurityCameras&IoT",
            "##backup                  | ##backup",
            "04:F4:1C:E3:71:27         | 04:F4:1C:E3:71:27",
            "'44.34.129.121 camera'    | '\"44.34.129.121 camera\"'",
            "''                        | '\"\"'",
            "'a=b'                     | '\"a=b\"'",
            "'a;b'                     | '\"a;b\"'",
            "'it''s'                   | '\"it''s\"'",
            "'say \"hi\"'              | '\"say \\\"hi\\\"\"'",
            "'c:\\dir'                 | '\"c:\\\\dir\"'",
            "'$leaseActIP'             | '\"\\$leaseActIP\"'",
            "'why?'                    | '\"why\\?\"'",
            "'[find]'                  | '\"[find]\"'",
            "'(x)'                     | '\"(x)\"'",
            "'{x}'                     | '\"{x}\"'",
            "'a`b'                     | '\"a`b\"'",
    })
    void exportForm(String in, String expected) {
        assertEquals(expected, Quoting.value(in));
    }

    @ParameterizedTest(name = "control {0}")
    @CsvSource(delimiter = '|', value = {
            "10 | \"a\\nb\"",
            "13 | \"a\\rb\"",
            "9  | \"a\\tb\"",
            "7  | \"a\\07b\"",
            "27 | \"a\\1Bb\"",
            "127| \"a\\7Fb\"",
    })
    void controlCharacters(int code, String expected) {
        assertEquals(expected, Quoting.value("a" + (char) code + "b"));
    }

    @org.junit.jupiter.api.Test
    void nonAsciiIsEscapedInExportButNotOnTheConsole() {
        assertEquals("\"\\D0\\9F\\D1\\80\\D0\\B8\"", Quoting.value("При"));
        assertEquals("При", Quoting.console("При"));
        assertEquals("\"При вет\"", Quoting.console("При вет"));
        assertEquals("\"\\F0\\9F\\98\\80\"", Quoting.value("\uD83D\uDE00"));
    }

    @org.junit.jupiter.api.Test
    void alwaysQuoted() {
        assertEquals("\"default\"", Quoting.quoted("default", false));
        assertEquals("\"\"", Quoting.quoted("", false));
        assertEquals("\"a \\$b\"", Quoting.quoted("a $b"));
    }
}
