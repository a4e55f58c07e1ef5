package rose.dataplane.conntrack;

import java.util.Locale;

/**
 * RouterOS's {@code connection-type}: which conntrack helper follows a connection. A control
 * connection gets its type from the {@code /ip firewall service-port} entry whose port it was
 * opened to; a connection the helper expected (an FTP data connection) inherits its master's
 * type. The id travels in {@link ConnInfo} (4 bits), so ids stay below 16.
 *
 * <p>{@link #built()} says whether ROSE has the helper. The others exist in RouterOS's menus
 * and are refused by name where a rule or a service-port asks for them, never silently ignored.
 */
public enum ConnectionType {
    NONE(false), FTP(true), TFTP(true), IRC(true), PPTP(true), SIP(true), H323(false), QUAKE3(false);

    private final boolean built;

    ConnectionType(boolean built) { this.built = built; }

    public int id() { return ordinal(); }
    public boolean built() { return built; }

    /** RouterOS's word: {@code ftp}, {@code h323}. */
    public String word() { return name().toLowerCase(Locale.ROOT); }

    private static final ConnectionType[] BY_ID = values();

    public static ConnectionType of(int id) { return id > 0 && id < BY_ID.length ? BY_ID[id] : NONE; }

    /** A RouterOS word to its type; unknown words are refused. */
    public static ConnectionType parse(String word) {
        String w = word.trim();
        for (ConnectionType t : BY_ID) if (t != NONE && t.word().equals(w)) return t;
        throw new IllegalArgumentException("invalid value for argument connection-type: " + word);
    }

    /** {@link #parse}, refusing the types whose helper ROSE does not have, with the reason. */
    public static ConnectionType parseBuilt(String word) {
        ConnectionType t = parse(word);
        if (!t.built) throw new IllegalArgumentException("connection-type=" + t.word() + ": ROSE has no " + t.word() + " helper yet");
        return t;
    }
}
