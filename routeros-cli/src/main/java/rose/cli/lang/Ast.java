package rose.cli.lang;

import java.util.List;

/** The parsed form of RouterOS console text. Positions are where each piece starts. */
public final class Ast {
    private Ast() {
    }

    /** Any piece of a statement. */
    public sealed interface Node permits Word, Str, Var, Subst, Block, Paren, Assign, Op {
        Pos pos();
    }

    /** A bare word: a menu, command, flag, unnamed value or expression operand. */
    public record Word(String text, Pos pos) implements Node {
    }

    /** A double-quoted string; parts are literal {@code String}s and interpolated {@link Node}s. */
    public record Str(List<Object> parts, Pos pos) implements Node {
        public boolean isLiteral() {
            return parts.stream().allMatch(p -> p instanceof String);
        }

        public String literal() {
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) if (p instanceof String s) sb.append(s);
            return sb.toString();
        }
    }

    /** {@code $name}. */
    public record Var(String name, Pos pos) implements Node {
    }

    /** {@code [ ... ]}: command substitution. */
    public record Subst(Script script, Pos pos) implements Node {
    }

    /** {@code { ... }}: a code block ({@code do=}, {@code else=}). */
    public record Block(Script script, Pos pos) implements Node {
    }

    /** {@code ( ... )}: an expression, kept as its tokens. */
    public record Paren(List<Node> tokens, Pos pos) implements Node {
    }

    /** {@code name=value}; {@code value} null for an empty value. {@code !name} in {@code set} has unset=true. */
    public record Assign(String name, Node value, Pos pos, Pos valuePos) implements Node {
    }

    /** A stand-alone operator: {@code = != < > <= >= ~ ! && ||}. */
    public record Op(String op, Pos pos) implements Node {
    }

    /** One command: its pieces in order. */
    public record Statement(List<Node> parts, Pos pos) {
    }

    public record Script(List<Statement> statements) {
    }
}
