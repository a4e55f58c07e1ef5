package rose.cli.auth;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.Predicate;

import rose.cli.RouterOs;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;
import rose.cli.db.Tx;

/**
 * Logs users in against {@code /user} and {@code /user group}, the same way for every service.
 *
 * <ol>
 *   <li>a source that failed too often waits ({@link LoginThrottle}) and is refused unchecked;</li>
 *   <li>the user must exist and not be disabled;</li>
 *   <li>remote services refuse a password login of a user with no password set (a fresh
 *       router's {@code admin}: there is no default password, the first local console login
 *       sets one); a public key imported for the user is a credential of its own, as on
 *       RouterOS, so a key-only user logs in with it;</li>
 *   <li>the credential must match: the password against its hash, or a public key against
 *       {@code /user ssh-keys};</li>
 *   <li>the source address must be inside the user's {@code address=} list;</li>
 *   <li>the group must grant the service's login policy ({@code ssh}, {@code api}, ...).</li>
 * </ol>
 *
 * Every failure looks the same to the client ({@link #BAD_LOGIN}) and is logged with topics
 * {@code system,error,critical} as {@code login failure for user X from A via S}; the reason
 * and the secret are never logged.
 */
public final class Authenticator {
    /** What the API (and REST) answer for any failed login (reference 05 §5.1). */
    public static final String BAD_LOGIN = "invalid user name or password (6)";

    /** The outcome: a principal, or a failure message for the client. */
    public record Result(Principal principal, String failure) {
        public boolean ok() {
            return principal != null;
        }

        static Result fail() {
            return new Result(null, BAD_LOGIN);
        }
    }

    private final RouterOs router;
    private final LoginThrottle throttle;

    public Authenticator(RouterOs router, LoginThrottle throttle) {
        this.router = router;
        this.throttle = throttle;
    }

    public Result password(String name, String password, Via via, InetAddress from) {
        return login(name, via, from, true, user -> PasswordHash.verify(password, user.get(StoredForm.PASSWORD_KEY)));
    }

    /**
     * Whether {@code name} may log in with a public key {@code matches} accepts (asked about each
     * OpenSSH key line stored for the user), without logging or counting anything: SSH clients
     * offer every key they have before signing with one, and an offered key that is not the
     * user's is not yet a failed login. The SSH service reports the outcome once the session has
     * one ({@link #loggedIn}, {@link #failed}). Null when refused, or while the source must wait.
     */
    public Principal publicKeyCheck(String name, Predicate<String> matches, Via via, InetAddress from) {
        if (throttle.waitMillis(source(from)) > 0) return null;
        return check(name, via, from, false, user -> {
            for (Item k : router.db().state().items("user ssh-keys")) {
                String key = k.get("key");
                if (name.equals(k.get("user")) && !"yes".equals(k.get("disabled")) && key != null && matches.test(key)) return true;
            }
            return false;
        });
    }

    /** A login that succeeded without passing through here ({@link #publicKeyCheck}): logged, the source's failures cleared. */
    public void loggedIn(Principal p) {
        throttle.succeeded(p.address());
        router.log().log("system,info,account", "user " + printable(p.name()) + " logged in from " + p.address()
                + " via " + p.via().word());
    }

    /** A login that failed without passing through here: logged and counted against the source. */
    public void failed(String name, Via via, InetAddress from) {
        String source = source(from);
        throttle.failed(source);
        router.log().log("system,error,critical", "login failure for user " + printable(name) + " from " + source
                + " via " + via.word());
    }

    /**
     * The pre-6.43 MD5 challenge login ({@link ChallengeResponse}): {@code response} must be the
     * answer to {@code challenge} for the user's password, opened from its sealed copy. A user
     * whose password was set before ROSE kept sealed copies has none and cannot log in this way
     * until the password is set again; the plain login still works for them.
     */
    public Result challenge(String name, byte[] challenge, String response, Via via, InetAddress from) {
        return login(name, via, from, true, user -> ChallengeResponse.matches(
                router.passwordSeal().open(user.get(StoredForm.SEALED_KEY)), challenge, response));
    }

    /** A bandwidth-test client's answer to the server's challenge ({@link BandwidthTestHash}), from the sealed password. */
    public Result bandwidthTest(String name, byte[] challenge, byte[] hash, InetAddress from) {
        return login(name, Via.BANDWIDTH_TEST, from, true, user -> BandwidthTestHash.matches(
                router.passwordSeal().open(user.get(StoredForm.SEALED_KEY)), challenge, hash));
    }

    private Result login(String name, Via via, InetAddress from, boolean byPassword, Predicate<Item> credential) {
        String source = source(from);
        if (throttle.waitMillis(source) > 0) {
            // refused unchecked: a guessing client learns nothing, and the log is not flooded
            throttle.failed(source);
            return Result.fail();
        }
        Principal p = check(name, via, from, byPassword, credential);
        if (p == null) {
            failed(name, via, from);
            return Result.fail();
        }
        loggedIn(p);
        return new Result(p, null);
    }

    /** The principal if every rule of the class comment holds (throttling aside); no side effects. */
    private Principal check(String name, Via via, InetAddress from, boolean byPassword, Predicate<Item> credential) {
        Item user = user(name);
        boolean ok = user != null
                && !"yes".equals(value("user", user, "disabled"))
                && (!via.remote() || !byPassword || user.get(StoredForm.PASSWORD_KEY) != null)
                && credential.test(user)
                && AddressMatch.allowed(value("user", user, "address"), from);
        if (!ok) return null;
        String group = value("user", user, "group");
        Principal p = new Principal(name, group, groupPolicies(group), via, source(from));
        return p.has(via.loginPolicy()) ? p : null;
    }

    private static String source(InetAddress from) {
        return from == null ? "0.0.0.0" : from.getHostAddress();
    }

    /** The principal of the local console: the user as configured, no credential asked here. */
    public Principal local(String name) {
        Item user = user(name);
        if (user == null) return null;
        String group = value("user", user, "group");
        return new Principal(name, group, groupPolicies(group), Via.CONSOLE, "0.0.0.0");
    }

    public boolean hasPassword(String name) {
        Item u = user(name);
        return u != null && u.get(StoredForm.PASSWORD_KEY) != null;
    }

    /** Sets a user's password (first login, {@code --admin-password-file}); stored hashed. */
    public void setPassword(String name, String plain) {
        if (plain.isEmpty()) throw new IllegalArgumentException("the password must not be empty");
        Map<String, String> stored = StoredForm.password(plain, router.passwordSeal());
        router.db().write((Tx tx) -> {
            for (Item u : tx.items("user")) {
                if (name.equals(value("user", u, "name"))) {
                    tx.replace("user", u.with(stored));
                    return null;
                }
            }
            throw new IllegalArgumentException("no such user " + name);
        });
    }

    private Item user(String name) {
        if (name == null) return null;
        for (Item u : router.db().state().items("user")) if (name.equals(value("user", u, "name"))) return u;
        return null;
    }

    private java.util.Set<Policy> groupPolicies(String group) {
        if (group == null) return java.util.Set.of();
        for (Item g : router.db().state().items("user group")) {
            if (group.equals(value("user group", g, "name"))) return Policy.parseList(value("user group", g, "policy"));
        }
        return java.util.Set.of();
    }

    private String value(String menu, Item item, String property) {
        Menu m = router.schema().menu(menu).orElse(null);
        return m == null ? item.get(property) : Effective.value(m, item, property);
    }

    /** A user name as it may appear in the log: printable ASCII, bounded. */
    static String printable(String name) {
        if (name == null) return "";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 64; i++) {
            char c = name.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
