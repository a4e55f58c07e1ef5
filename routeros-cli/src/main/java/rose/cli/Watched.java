package rose.cli;

/**
 * Output that a person watches at a terminal, who stops a long-running command with Ctrl-C
 * (the command's thread is interrupted). Commands that RouterOS runs until stopped
 * ({@code /ping} without {@code count}) run so only here; anywhere else (a script, the API,
 * a {@code [ ]} substitution) nobody can stop them, so they take a bounded default.
 */
public interface Watched extends Appendable {
    /** The same output, no longer marked as watched (a script's lines run to their end). */
    static Appendable unwatched(Appendable out) {
        if (!(out instanceof Watched)) return out;
        return new Appendable() {
            @Override public Appendable append(CharSequence csq) throws java.io.IOException {
                out.append(csq);
                return this;
            }
            @Override public Appendable append(CharSequence csq, int start, int end) throws java.io.IOException {
                out.append(csq, start, end);
                return this;
            }
            @Override public Appendable append(char c) throws java.io.IOException {
                out.append(c);
                return this;
            }
        };
    }
}
