package rose.cli.schema;

/**
 * A print flag: the letter in the flags column and its name in the {@code Flags:} header.
 * {@code source} is the boolean property (or built-in state: {@code default}, {@code dynamic},
 * {@code invalid}) whose truth shows the letter.
 */
public record Flag(String letter, String name, String source) {
}
