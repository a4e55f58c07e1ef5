package rose.appliance.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The {@code ?} query words of print (reference 05 §6): a stack machine over one item.
 * The stack starts as "infinitely many true"; {@code ?name=x}, {@code ?-name}, {@code ?name},
 * {@code ?<name=x}, {@code ?>name=x} push; {@code ?#ops} combines ({@code !} negate, {@code &}
 * and, {@code |} or, {@code .} duplicate top, digits pick an entry). An item matches when no
 * {@code false} is left.
 */
public final class ApiQuery {
    private final List<String> words;

    private ApiQuery(List<String> words) {
        this.words = words;
    }

    /** Compiles query words (without the leading {@code ?}); throws on a malformed one. */
    public static ApiQuery of(List<String> words) {
        for (String w : words) {
            if (w.isEmpty()) throw new IllegalArgumentException("empty query word");
            if (w.startsWith("#")) {
                for (char c : w.substring(1).toCharArray()) {
                    if ("!&|.".indexOf(c) < 0 && !Character.isDigit(c)) throw new IllegalArgumentException("unknown query operation");
                }
            }
        }
        return new ApiQuery(List.copyOf(words));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    public boolean matches(Map<String, String> item) {
        // the bottom of the stack is "infinitely many true": popping an empty stack gives true
        Deque<Boolean> stack = new ArrayDeque<>();
        for (String w : words) {
            if (w.startsWith("#")) ops(w.substring(1), stack);
            else stack.push(test(w, item));
        }
        for (boolean b : stack) if (!b) return false;
        return true;
    }

    private static boolean test(String w, Map<String, String> item) {
        char first = w.charAt(0);
        if (first == '-') return !item.containsKey(w.substring(1));
        if (first == '<' || first == '>') {
            String rest = w.substring(1);
            int eq = rest.indexOf('=');
            if (eq < 0) return false;
            String v = item.get(rest.substring(0, eq));
            if (v == null) return false;
            int c = compare(v, rest.substring(eq + 1));
            return first == '<' ? c < 0 : c > 0;
        }
        String body = first == '=' ? w.substring(1) : w;   // ?=name=x as most clients write it
        int eq = body.indexOf('=');
        if (eq < 0) return item.containsKey(body);
        String v = item.get(body.substring(0, eq));
        return v != null && v.equals(body.substring(eq + 1));
    }

    /** Numbers compare as numbers, everything else as text. */
    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static void ops(String ops, Deque<Boolean> stack) {
        for (int i = 0; i < ops.length(); i++) {
            char c = ops.charAt(i);
            if (c == '!') {
                stack.push(!pop(stack));
            } else if (c == '&' || c == '|') {
                boolean a = pop(stack), b = pop(stack);
                stack.push(c == '&' ? a && b : a || b);
            } else if (c == '.') {
                boolean top = pop(stack);
                stack.push(top);
                stack.push(top);
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < ops.length() && Character.isDigit(ops.charAt(j))) j++;
                int index = Integer.parseInt(ops.substring(i, Math.min(j, i + 6)));
                List<Boolean> list = new ArrayList<>(stack);
                boolean picked = index < list.size() ? list.get(index) : true;
                if (j == ops.length()) {
                    stack.clear();                    // index at the end: the stack becomes that entry
                    stack.push(picked);
                } else {
                    stack.push(picked);
                }
                i = j - 1;
            }
        }
    }

    private static boolean pop(Deque<Boolean> stack) {
        Boolean b = stack.poll();
        return b == null || b;
    }
}
