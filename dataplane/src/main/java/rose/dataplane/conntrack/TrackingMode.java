package rose.dataplane.conntrack;

/**
 * {@code /ip firewall connection tracking enabled=}: {@code yes} tracks every packet,
 * {@code no} none (every packet is {@code untracked}; NAT, which needs a connection to keep its
 * binding, translates nothing), {@code auto} (RouterOS's default since v6.0rc2) tracks only
 * while the firewall has a rule: "connection tracking is disabled until at least one firewall
 * rule is added" (RouterOS manual, Connection tracking). ROSE counts the enabled rules of
 * filter, nat and mangle, the tables that run after tracking and read it; raw runs before
 * tracking, reads nothing of it, and its notrack only turns tracking off, so raw rules alone
 * leave auto off.
 */
public enum TrackingMode {
    AUTO("auto"), YES("yes"), NO("no");

    private final String word;

    TrackingMode(String word) { this.word = word; }

    public String word() { return word; }

    /** Whether packets are tracked, given whether the firewall has a rule that needs tracking. */
    public boolean tracks(boolean firewallHasRules) {
        return this == YES || this == AUTO && firewallHasRules;
    }

    /** The mode for its RouterOS word. */
    public static TrackingMode parse(String word) {
        for (TrackingMode m : values()) if (m.word.equals(word)) return m;
        throw new IllegalArgumentException("enabled: auto, yes or no, not " + word);
    }
}
