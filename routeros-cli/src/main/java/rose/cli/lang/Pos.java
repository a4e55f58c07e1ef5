package rose.cli.lang;

/** A 1-based line and column in the text a command came from; RouterOS reports both. */
public record Pos(int line, int column) {
    public static final Pos NONE = new Pos(0, 0);

    @Override
    public String toString() {
        return "(line " + line + " column " + column + ")";
    }
}
