package rose.cli.status;

import java.util.List;
import java.util.Map;

/**
 * Live, read-only rows for a status menu ({@code /ip ipsec installed-sa}, {@code /system
 * resource}, {@code /ip firewall connection}). Rows are property-name to canonical-text maps;
 * a singleton returns one row. Status never enters the configuration database.
 */
public interface StatusSource {
    List<Map<String, String>> rows(String menuPath);

    /**
     * Runs a menu command on live state ({@code kill-connections}, {@code flush}); returns false if
     * unknown. Bad arguments: an {@link IllegalArgumentException} whose message is RouterOS's.
     */
    default boolean command(String menuPath, String command, Map<String, String> args) {
        return false;
    }

    /**
     * The same, for commands that print an answer ({@code /ip ipsec peer explain}); {@code out}
     * is the console's output. The default prints nothing and runs {@link #command(String, String, Map)}.
     */
    default boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        return command(menuPath, command, args);
    }

    /**
     * Live, read-only values of one configuration item, merged over its configured values when
     * it is printed: a firewall rule's {@code bytes}/{@code packets}, a route's {@code active},
     * an interface's {@code running} and counters. {@code values} are the item's effective
     * values (with {@code name}); the default has none.
     */
    default Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        return Map.of();
    }

    /**
     * Dynamic rows a configuration menu shows after its items, never stored ({@code /ip route}'s
     * connected routes, {@code /ip arp}'s learned entries). A row may carry {@code .id}.
     */
    default List<Map<String, String>> dynamicRows(String menuPath) {
        return List.of();
    }
}
