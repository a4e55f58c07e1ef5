package rose.cli.auth;

import java.util.Set;

/**
 * The one place that says whether a principal may run a command on a menu. Console, SSH, API
 * and REST all reach commands through {@code rose.cli.lang}, which asks here before any
 * command runs, so a {@code read} user is refused the same way everywhere.
 *
 * <ul>
 *   <li>reading ({@code print get find export listen}) needs {@code read};</li>
 *   <li>changing needs {@code write}; changing users and groups also needs {@code policy};</li>
 *   <li>{@code /system reboot|shutdown} need {@code reboot}; {@code /password} needs {@code password};</li>
 *   <li>{@code /ping}-like tools need {@code test}.</li>
 * </ul>
 */
public final class Access {
    /** RouterOS's text for a refused command, on the console and in an API {@code !trap}. */
    public static final String DENIED = "not enough permissions (9)";

    private static final Set<String> READS = Set.of("print", "get", "find", "export", "listen", "getall", "monitor",
            "quit");
    private static final Set<String> TESTS = Set.of("ping", "traceroute", "bandwidth-test", "fetch");

    private Access() {
    }

    /** The policy missing for {@code command} on {@code menuPath} (space separated), or null when allowed. */
    public static Policy missing(Principal p, String menuPath, String command) {
        if (command.equals("quit")) return null;
        if (READS.contains(command)) return p.has(Policy.READ) ? null : Policy.READ;
        if (TESTS.contains(command)) return p.has(Policy.TEST) ? null : Policy.TEST;
        if (menuPath.equals("system") && (command.equals("reboot") || command.equals("shutdown"))) {
            return p.has(Policy.REBOOT) ? null : Policy.REBOOT;
        }
        if (command.equals("password")) return p.has(Policy.PASSWORD) ? null : Policy.PASSWORD;
        if (!p.has(Policy.WRITE)) return Policy.WRITE;
        if (userManagement(menuPath) && !p.has(Policy.POLICY)) return Policy.POLICY;
        return null;
    }

    /** {@code /user}, {@code /user group}, {@code /user ssh-keys}... ({@code /user active} is status, never written). */
    static boolean userManagement(String menuPath) {
        return menuPath.equals("user") || menuPath.startsWith("user ");
    }

    /** Whether secrets show in print and export for this principal. */
    public static boolean showsSensitive(Principal p) {
        return p.has(Policy.SENSITIVE);
    }
}
