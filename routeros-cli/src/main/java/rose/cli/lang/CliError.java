package rose.cli.lang;

/**
 * A command failed; {@link #getMessage()} is RouterOS's own wording. Syntax errors carry the
 * position RouterOS prints after them ({@code bad command name foo (line 1 column 1)}).
 */
public final class CliError extends Exception {
    private final Pos pos;
    private final boolean positional;

    private CliError(String message, Pos pos, boolean positional) {
        super(message, null, false, false);
        this.pos = pos;
        this.positional = positional;
    }

    /** An error RouterOS reports with its position: bad command name, expected end of command, syntax error. */
    public static CliError at(String message, Pos pos) {
        return new CliError(message, pos, true);
    }

    /** A value or runtime failure; the position is kept for scripts and imports. */
    public static CliError value(String message, Pos pos) {
        return new CliError(message, pos, false);
    }

    public static CliError badCommand(String word, Pos pos) {
        return at("bad command name " + word, pos);
    }

    public static CliError endOfCommand(Pos pos) {
        return at("expected end of command", pos);
    }

    public static CliError syntax(Pos pos) {
        return at("syntax error", pos);
    }

    public Pos pos() {
        return pos;
    }

    public boolean positional() {
        return positional;
    }

    /** The text the console prints: positional errors always show where; others when {@code inScript}. */
    public String render(boolean inScript) {
        if ((positional || inScript) && pos.line() > 0) return getMessage() + " " + pos;
        return getMessage();
    }
}
