package rose.cli.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who a session acts for: the user, their group, and the policies the group granted at login.
 * Every front end (console, SSH, API) puts one in its {@link rose.cli.lang.Session}; the command
 * layer checks it through {@link Access}.
 *
 * @param name     user name
 * @param group    group name
 * @param policies granted policies
 * @param via      how the session came in
 * @param address  the remote address as RouterOS shows it ({@code 0.0.0.0} for console)
 */
public record Principal(String name, String group, Set<Policy> policies, Via via, String address) {
    public Principal {
        policies = policies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(policies));
    }

    /** A full-rights principal for the local console and tests that need no login. */
    public static Principal full(String name) {
        return new Principal(name, "full", EnumSet.allOf(Policy.class), Via.CONSOLE, "0.0.0.0");
    }

    public boolean has(Policy p) {
        return policies.contains(p);
    }
}
