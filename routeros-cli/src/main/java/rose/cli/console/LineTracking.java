package rose.cli.console;

import java.io.Flushable;
import java.io.IOException;

/**
 * An {@link Appendable} that remembers whether the last character written ended a line, so the
 * next prompt always starts at the beginning of a line even after output without a newline.
 */
final class LineTracking implements Appendable, Flushable {
    private final Appendable out;
    private boolean atLineStart = true;

    LineTracking(Appendable out) {
        this.out = out;
    }

    @Override
    public Appendable append(CharSequence csq) throws IOException {
        return append(csq, 0, csq == null ? 4 : csq.length());
    }

    @Override
    public Appendable append(CharSequence csq, int start, int end) throws IOException {
        CharSequence s = csq == null ? "null" : csq;
        if (end > start) {
            out.append(s, start, end);
            atLineStart = s.charAt(end - 1) == '\n';
        }
        return this;
    }

    @Override
    public Appendable append(char c) throws IOException {
        out.append(c);
        atLineStart = c == '\n';
        return this;
    }

    /** Ends the current line if output left one open. */
    void endLine() throws IOException {
        if (!atLineStart) append('\n');
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof Flushable) ((Flushable) out).flush();
    }
}
