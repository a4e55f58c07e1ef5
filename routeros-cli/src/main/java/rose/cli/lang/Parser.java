package rose.cli.lang;

import java.util.ArrayList;
import java.util.List;

import rose.cli.lang.Ast.*;

/**
 * Reads RouterOS console text into statements (reference 01 §3, §11). Commands end at
 * {@code ;} or a newline; a trailing {@code \} joins lines; {@code #} starts a comment at a
 * token boundary; {@code [ ]}, {@code { }}, {@code ( )} nest; strings take the RouterOS escapes.
 * Syntax errors carry the line and column RouterOS would print.
 */
public final class Parser {
    private final String src;
    private int i;
    private int line = 1;
    private int lineStart;
    private final int lineBase;

    private Parser(String src, int firstLine) {
        this.src = src;
        this.lineBase = firstLine - 1;
    }

    public static Script parse(String source) throws CliError {
        return parse(source, 1);
    }

    /** Parses {@code source} whose first line is line {@code firstLine} of a larger file. */
    public static Script parse(String source, int firstLine) throws CliError {
        Parser p = new Parser(source, firstLine);
        Script s = p.script('\0');
        if (p.i < p.src.length()) throw CliError.syntax(p.pos());
        return s;
    }

    private Pos pos() {
        return new Pos(line + lineBase, i - lineStart + 1);
    }

    private boolean more() {
        return i < src.length();
    }

    private char peek() {
        return src.charAt(i);
    }

    private char peek(int ahead) {
        return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
    }

    private void advance() {
        if (src.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
        }
        i++;
    }

    /** Statements until {@code close} (or end of text for '\0'). */
    private Script script(char close) throws CliError {
        List<Statement> out = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (!more()) {
                if (close != '\0') throw CliError.syntax(pos());
                break;
            }
            if (peek() == close) break;
            if (peek() == ';') {
                advance();
                continue;
            }
            Statement st = statement(close);
            if (!st.parts().isEmpty()) out.add(st);
        }
        return new Script(out);
    }

    private Statement statement(char close) throws CliError {
        Pos start = pos();
        List<Node> parts = new ArrayList<>();
        while (true) {
            skipBlank(false);
            if (!more()) break;
            char c = peek();
            if (c == '\n' || c == '\r' || c == ';' || c == close) break;
            if (c == ']' || c == '}' || c == ')') throw CliError.syntax(pos());
            parts.add(piece());
        }
        return new Statement(parts, start);
    }

    /** Skips spaces, tabs, line joins and comments; newlines too when {@code newlines}. */
    private void skipBlank(boolean newlines) {
        while (more()) {
            char c = peek();
            if (c == ' ' || c == '\t') advance();
            else if (c == '\\' && (peek(1) == '\n' || peek(1) == '\r' && peek(2) == '\n')) {
                advance();
                if (peek() == '\r') advance();
                advance();
            } else if (c == '#') {
                while (more() && peek() != '\n') advance();
            } else if (newlines && (c == '\n' || c == '\r')) advance();
            else if (c == '\r' && peek(1) == '\n') advance();
            else break;
        }
    }

    private Node piece() throws CliError {
        Pos p = pos();
        char c = peek();
        switch (c) {
            case '"': return string();
            case '[': {
                advance();
                Script s = script(']');
                advance();
                return new Subst(s, p);
            }
            case '{': {
                advance();
                Script s = script('}');
                advance();
                return new Block(s, p);
            }
            case '(': return paren();
            case '$': return dollar();
            default:
        }
        String op = operator();
        if (op != null) return new Op(op, p);
        String w = word();
        if (w.isEmpty()) throw CliError.syntax(p);
        if (more() && peek() == '=' && peek(1) != '=') {
            advance();
            if (atLineJoin()) skipBlank(false); // export breaks lines right after '=' ("comment=\")
            Pos vp = pos();
            Node value = null;
            if (more() && !isEnd(peek())) value = valueAfterEquals();
            else if (more() && (peek() == ' ' || peek() == '\t')) {
                // RouterOS takes the next word as the value even after a space ("note= x")
                int save = i, saveLine = line, saveStart = lineStart;
                skipBlank(false);
                if (more() && !isEnd(peek()) && peek() != '=') {
                    vp = pos();
                    value = valueAfterEquals();
                } else {
                    i = save;
                    line = saveLine;
                    lineStart = saveStart;
                }
            }
            return new Assign(w, value, p, vp);
        }
        return new Word(w, p);
    }

    private boolean isEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == ']' || c == '}' || c == ')';
    }

    private Node valueAfterEquals() throws CliError {
        char c = peek();
        if (c == '"' || c == '[' || c == '{' || c == '(' || c == '$') return piece();
        Pos p = pos();
        String w = word();
        if (w.isEmpty()) {
            String op = operator();
            if (op != null) return new Op(op, p);
            throw CliError.syntax(p);
        }
        return new Word(w, p);
    }

    private String operator() {
        char c = peek(), n = peek(1);
        String two = "" + c + n;
        if (two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("&&") || two.equals("||")) {
            advance();
            advance();
            return two;
        }
        if (c == '<' || c == '>' || c == '~' || c == '=') {
            advance();
            return String.valueOf(c);
        }
        if (c == '!' && (n == '(' || n == '[' || n == '$' || n == ' ')) {
            advance();
            return "!";
        }
        return null;
    }

    /** A bare word: everything up to white space or a character with a meaning of its own. */
    private String word() {
        int start = i;
        while (more()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '"' || c == '[' || c == ']'
                    || c == '{' || c == '}' || c == '(' || c == ')' || c == '=' || c == '<' || c == '>' || c == '~') break;
            if (c == '!' && peek(1) == '=') break;
            if (c == '&' && peek(1) == '&' || c == '|' && peek(1) == '|') break;
            if (atLineJoin()) {
                // export breaks very long unquoted values inside the value: "100M\" + "    -baseT-half"
                if (i == start) break;
                StringBuilder joined = new StringBuilder(src.substring(start, i));
                skipBlank(false);
                String rest = word();
                return joined.append(rest).toString();
            }
            advance();
        }
        return src.substring(start, i);
    }

    private boolean atLineJoin() {
        return more() && peek() == '\\' && (peek(1) == '\n' || peek(1) == '\r' && peek(2) == '\n');
    }

    private Node paren() throws CliError {
        Pos p = pos();
        advance();
        List<Node> tokens = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (!more()) throw CliError.syntax(pos());
            if (peek() == ')') {
                advance();
                return new Paren(tokens, p);
            }
            if (peek() == ';') throw CliError.syntax(pos());
            tokens.add(piece());
        }
    }

    private Node dollar() throws CliError {
        Pos p = pos();
        advance();
        if (!more()) throw CliError.syntax(p);
        if (peek() == '[') {
            Pos sp = pos();
            advance();
            Script s = script(']');
            advance();
            return new Subst(s, sp);
        }
        if (peek() == '(') return paren();
        if (peek() == '"') {
            Node s = string();
            return new Var(((Str) s).literal(), p);
        }
        int start = i;
        while (more() && (Character.isLetterOrDigit(peek()) || peek() == '-' || peek() == '_' || peek() == '.')) advance();
        if (start == i) throw CliError.syntax(p);
        return new Var(src.substring(start, i), p);
    }

    private Node string() throws CliError {
        Pos p = pos();
        advance();
        List<Object> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!more()) throw CliError.syntax(pos());
            char c = peek();
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                advance();
                if (!more()) throw CliError.syntax(pos());
                char e = peek();
                if (e == '\n') { advance(); continue; }
                if (e == '\r' && peek(1) == '\n') { advance(); advance(); continue; }
                advance();
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case '$' -> sb.append('$');
                    case '?' -> sb.append('?');
                    case '_' -> sb.append(' ');
                    case 'a' -> sb.append('\u0007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\u000b');
                    default -> {
                        int h1 = Character.digit(e, 16), h2 = more() ? Character.digit(peek(), 16) : -1;
                        if (h1 < 0 || h2 < 0) throw CliError.syntax(pos());
                        advance();
                        sb.append((char) (h1 * 16 + h2));
                    }
                }
                continue;
            }
            if (c == '$' && (Character.isLetter(peek(1)) || peek(1) == '[' || peek(1) == '(')) {
                if (sb.length() > 0) { parts.add(sb.toString()); sb.setLength(0); }
                parts.add(dollar());
                continue;
            }
            advance();
            sb.append(c);
        }
        if (sb.length() > 0 || parts.isEmpty()) parts.add(sb.toString());
        return new Str(parts, p);
    }
}
