package rose.cli.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.cli.lang.Ast.*;

/** The reader of console text (reference 01 §3, §11). */
class ParserTest {
    private static List<Node> parts(String src) throws CliError {
        Script s = Parser.parse(src);
        assertEquals(1, s.statements().size());
        return s.statements().get(0).parts();
    }

    @Test
    void wordsAssignmentsAndPositions() throws CliError {
        List<Node> p = parts("/ip address add address=10.0.0.1/24 interface=ether1");
        assertEquals(new Word("/ip", new Pos(1, 1)), p.get(0));
        Assign a = (Assign) p.get(3);
        assertEquals("address", a.name());
        assertEquals(new Pos(1, 17), a.pos());
        assertEquals(new Word("10.0.0.1/24", new Pos(1, 25)), a.value());
    }

    @Test
    void statementsEndAtSemicolonsAndNewlines() throws CliError {
        assertEquals(3, Parser.parse("/a; /b\n/c").statements().size());
        assertEquals(1, Parser.parse("/a \\\n  b=c").statements().size(), "a trailing backslash joins lines");
        assertEquals(1, Parser.parse("# only a comment\n/a # and a trailing one").statements().size());
    }

    @Test
    void quotedStringsTakeRouterOsEscapes() throws CliError {
        Assign a = (Assign) parts("set comment=\"a\\\"b\\\\ \\$x \\_ \\41\"").get(1);
        assertEquals("a\"b\\ $x   A", ((Str) a.value()).literal());
    }

    @Test
    void interpolationInStrings() throws CliError {
        Str s = (Str) parts(":put \"v=$x!\"").get(1);
        assertEquals(3, s.parts().size());
        assertInstanceOf(Var.class, s.parts().get(1));
    }

    @Test
    void nestedSubstitutionBlocksAndParentheses() throws CliError {
        List<Node> p = parts(":foreach i in=[/ip route find where dst-address=\"0.0.0.0/0\"] do={ :put $i; :put ($i . \"x\") }");
        Assign in = (Assign) p.get(2);
        assertInstanceOf(Subst.class, in.value());
        Block b = (Block) ((Assign) p.get(3)).value();
        assertEquals(2, b.script().statements().size());
    }

    @Test
    void operatorsSplitWordsInExpressions() throws CliError {
        List<Node> p = parts("print where distance>1 && comment~\"x\" && name!=a");
        assertEquals(new Op(">", new Pos(1, 21)), p.get(3));
        assertEquals("&&", ((Op) p.get(5)).op());
        assertEquals("~", ((Op) p.get(7)).op());
        assertEquals("!=", ((Op) p.get(11)).op());
    }

    @Test
    void negatedValuesAndUnsetsStayWords() throws CliError {
        List<Node> p = parts("set 0 !port src-address=!10.0.0.0/8");
        assertEquals(new Word("!port", new Pos(1, 7)), p.get(2));
        assertEquals("!10.0.0.0/8", ((Word) ((Assign) p.get(3)).value()).text());
    }

    @Test
    void unbalancedInputIsASyntaxErrorWithPosition() {
        CliError e = assertThrows(CliError.class, () -> Parser.parse("/ip route print where (distance>1"));
        assertEquals("syntax error (line 1 column 34)", e.render(true));
        CliError e2 = assertThrows(CliError.class, () -> Parser.parse(":put [/system identity get name"));
        assertEquals("syntax error", e2.getMessage());
        CliError e3 = assertThrows(CliError.class, () -> Parser.parse("a\nb ] c"));
        assertEquals(new Pos(2, 3), e3.pos());
    }

    @Test
    void exportLineBreaksInsideValuesAreJoined() throws CliError {
        Assign a = (Assign) parts("add comment=\\\n    \"long text\" name=x").get(1);
        assertEquals("long text", ((Str) a.value()).literal());
        Assign b = (Assign) parts("add advertise=10M-half,100M\\\n    -baseT-half").get(1);
        assertEquals("10M-half,100M-baseT-half", ((Word) b.value()).text());
    }
}
