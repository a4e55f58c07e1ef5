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

    /** Runs a menu command on live state ({@code kill-connections}, {@code flush}); returns false if unknown. */
    default boolean command(String menuPath, String command, Map<String, String> args) {
        return false;
    }
}
