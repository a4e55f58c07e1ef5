package rose.cli.auth;

/**
 * How a session reached the router: the {@code via} column of {@code /user active} and the
 * login policy it needs (reference 04 §5.3).
 */
public enum Via {
    CONSOLE("console", Policy.LOCAL),
    SSH("ssh", Policy.SSH),
    API("api", Policy.API),
    REST_API("rest-api", Policy.REST_API),
    WEB("web", Policy.WEB),
    /** The bandwidth-test server; RouterOS lets the winbox policy authorise it (reference 04 §5). */
    BANDWIDTH_TEST("bandwidth-test", Policy.WINBOX);

    private final String word;
    private final Policy loginPolicy;

    Via(String word, Policy loginPolicy) {
        this.word = word;
        this.loginPolicy = loginPolicy;
    }

    public String word() {
        return word;
    }

    /** The policy a user's group must grant to log in this way. */
    public Policy loginPolicy() {
        return loginPolicy;
    }

    /** Whether this is a remote service (refused while the user has no password set). */
    public boolean remote() {
        return this != CONSOLE;
    }
}
