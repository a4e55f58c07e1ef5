package rose.cli.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Which end of the text before the cursor a set of completion candidates replaces.
 *
 * <p>{@code Session.complete} answers for "the word being typed", but a RouterOS word may sit
 * inside a larger token: {@code chain=forw}, {@code /ip/fi}, {@code !po}. The candidates say
 * which: the earliest boundary inside the last blank-separated token whose remaining text
 * starts every candidate is where the replacement begins. So {@code chain=forw} with
 * {@code [forward]} replaces {@code forw}, and with {@code [chain=forward]} replaces the whole
 * token. If no boundary fits every candidate, the text after the last delimiter is used.
 */
final class CompletionWord {
    private static final String DELIMITERS = "=/[({,;\"!:$";

    private CompletionWord() {
    }

    /** The index in {@code before} where the word to replace starts. */
    static int start(String before, List<String> candidates) {
        int tokenStart = before.length();
        while (tokenStart > 0 && !Character.isWhitespace(before.charAt(tokenStart - 1))) tokenStart--;
        List<Integer> starts = new ArrayList<>();
        starts.add(tokenStart);
        for (int i = tokenStart; i < before.length(); i++) {
            if (DELIMITERS.indexOf(before.charAt(i)) >= 0) starts.add(i + 1);
        }
        for (int s : starts) {
            String word = before.substring(s);
            if (!candidates.isEmpty() && candidates.stream().allMatch(c -> c.startsWith(word))) return s;
        }
        return starts.get(starts.size() - 1);
    }
}
