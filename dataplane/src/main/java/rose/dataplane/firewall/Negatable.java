package rose.dataplane.firewall;

import java.util.Objects;
import java.util.function.Function;

/** A matcher value with RouterOS's leading {@code !}. */
public record Negatable<T>(T value, boolean negated) {
    public Negatable {
        Objects.requireNonNull(value);
    }

    public static <T> Negatable<T> of(T value) { return new Negatable<>(value, false); }
    public static <T> Negatable<T> not(T value) { return new Negatable<>(value, true); }

    /** Parses {@code !value} or {@code value} with the given value parser. */
    public static <T> Negatable<T> parse(String s, Function<String, T> parser) {
        s = s.trim();
        if (s.startsWith("!")) return new Negatable<>(parser.apply(s.substring(1)), true);
        return new Negatable<>(parser.apply(s), false);
    }

    /** Applies negation to a raw match result. */
    public boolean test(boolean matched) { return matched != negated; }

    @Override public String toString() { return (negated ? "!" : "") + value; }
}
