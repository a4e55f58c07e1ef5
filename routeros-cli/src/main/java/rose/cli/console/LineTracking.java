package rose.cli.console;

import java.io.Flushable;
import java.io.IOException;

/**
 * An {@link Appendable} that remembers whether the last character written ended a line, so the
 * next prompt always starts at the beginning of a line even after output without a newline.
 * When a person watches ({@link #watched}), each finished line is flushed at once, so
 * {@code /ping} shows its replies as they come rather than when the command ends.
 */
class LineTracking implements Appendable, Flushable {
    private final Appendable out;
    private boolean atLineStart = true;

    LineTracking(Appendable out) {
        this.out = out;
    }

    /** A sink for a terminal with a person at it. */
    static LineTracking watched(Appendable out) {
        return new Live(out);
    }

    private static final class Live extends LineTracking implements rose.cli.Watched {
        Live(Appendable out) {
            super(out);
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) throws IOException {
            super.append(csq, start, end);
            if (atLineStart()) flush();
            return this;
        }

        @Override
        public Appendable append(char c) throws IOException {
            super.append(c);
            if (c == '\n') flush();
            return this;
        }
    }

    boolean atLineStart() {
        return atLineStart;
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
