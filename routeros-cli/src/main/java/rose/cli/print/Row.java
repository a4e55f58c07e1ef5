package rose.cli.print;

import java.util.Map;

/**
 * One item as print shows it, computed by the command layer: the session's item number (or
 * -1 where RouterOS prints none, e.g. dynamic routes), the internal id, every property's
 * effective canonical value in schema order (unset properties without a default are absent),
 * the flag letters that apply in the menu's flag order, and the comment.
 */
public record Row(int number, String id, Map<String, String> values, String flags, String comment) {
}
