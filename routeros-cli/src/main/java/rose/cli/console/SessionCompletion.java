package rose.cli.console;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import rose.cli.lang.Session;

/**
 * Tab completion through {@link Session#complete}, as a JLine parser and completer pair.
 *
 * <ol>
 *   <li>On Tab JLine asks the parser for the current word: we ask the session for candidates
 *       for the text before the cursor and let them decide where the word starts
 *       ({@link CompletionWord}).</li>
 *   <li>JLine then asks the completer, which hands back those same candidates. A candidate
 *       ending in {@code =} or {@code /} expects more text, so no space is added after it.</li>
 * </ol>
 *
 * For every other purpose (accepting a line) the parser splits nothing and never asks for a
 * continuation line: the command language judges the text, not JLine.
 */
final class SessionCompletion implements Parser, Completer {
    private final Session session;

    SessionCompletion(Session session) {
        this.session = session;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        String before = line.substring(0, Math.min(cursor, line.length()));
        if (context != ParseContext.COMPLETE) return new Line(line, cursor, before.length(), List.of());
        List<String> candidates;
        try {
            candidates = session.complete(before);
        } catch (RuntimeException e) {
            candidates = List.of();                    // a completion bug must not end the session
        }
        return new Line(line, cursor, CompletionWord.start(before, candidates), candidates);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        if (!(line instanceof Line)) return;
        for (String c : ((Line) line).candidates) {
            boolean complete = !(c.endsWith("=") || c.endsWith("/"));
            out.add(new Candidate(c, c, null, null, null, null, complete));
        }
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The line with the word to complete running from {@code wordStart} to the cursor. */
    private static final class Line implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final int wordStart;
        private final List<String> candidates;

        Line(String line, int cursor, int wordStart, List<String> candidates) {
            this.line = line;
            this.cursor = cursor;
            this.wordStart = wordStart;
            this.candidates = List.copyOf(candidates);
        }

        @Override public String word() { return line.substring(wordStart, cursor); }
        @Override public int wordCursor() { return cursor - wordStart; }
        @Override public int wordIndex() { return 1; }
        @Override public List<String> words() { return List.of(line.substring(0, wordStart), word()); }
        @Override public String line() { return line; }
        @Override public int cursor() { return cursor; }
        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }
        @Override public int rawWordCursor() { return wordCursor(); }
        @Override public int rawWordLength() { return cursor - wordStart; }
    }
}
