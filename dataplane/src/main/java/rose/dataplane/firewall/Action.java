package rose.dataplane.firewall;

/**
 * Rule actions across the four tables (reference 03 §4). Which table accepts which is
 * {@link Table#allows}. {@link #continues()} says whether evaluation goes on to the next rule
 * after the action (log, passthrough, address-list adds; mangle marks when passthrough=yes).
 */
public enum Action {
    ACCEPT("accept"), DROP("drop"), REJECT("reject"), TARPIT("tarpit"), JUMP("jump"), RETURN("return"),
    LOG("log"), PASSTHROUGH("passthrough"),
    ADD_SRC_TO_ADDRESS_LIST("add-src-to-address-list"), ADD_DST_TO_ADDRESS_LIST("add-dst-to-address-list"),
    FASTTRACK_CONNECTION("fasttrack-connection"), NOTRACK("notrack"),
    MARK_CONNECTION("mark-connection"), MARK_PACKET("mark-packet"), MARK_ROUTING("mark-routing"),
    CHANGE_MSS("change-mss"), CHANGE_TTL("change-ttl"), CHANGE_DSCP("change-dscp"), CLEAR_DF("clear-df"),
    STRIP_IPV4_OPTIONS("strip-ipv4-options"), SET_PRIORITY("set-priority"),
    SRC_NAT("src-nat"), MASQUERADE("masquerade"), DST_NAT("dst-nat"), REDIRECT("redirect"), NETMAP("netmap"),
    SAME("same"), ENDPOINT_INDEPENDENT_NAT("endpoint-independent-nat"), ROUTE("route"), SNIFF_TZSP("sniff-tzsp");

    private final String word;

    Action(String word) { this.word = word; }

    public String word() { return word; }

    public static Action parse(String s) {
        for (Action a : values()) if (a.word.equals(s.trim())) return a;
        // RouterOS has it, ROSE cannot speak it: say why rather than "unknown"
        if (s.trim().equals("sniff-pc"))
            throw new IllegalArgumentException("action sniff-pc is not supported: the stream format of RouterOS's CALEA "
                    + "receiver is not publicly documented; use action=sniff-tzsp (TZSP, read by Wireshark)");
        throw new IllegalArgumentException("unknown action: " + s);
    }

    /** Always-continuing actions; mangle modifying actions continue only with passthrough=yes. */
    public boolean continues() {
        return this == LOG || this == PASSTHROUGH || this == ADD_SRC_TO_ADDRESS_LIST || this == ADD_DST_TO_ADDRESS_LIST;
    }

    /** Mangle actions whose continuation depends on the rule's passthrough flag. */
    public boolean isMangleModify() {
        switch (this) {
            case MARK_CONNECTION: case MARK_PACKET: case MARK_ROUTING: case CHANGE_MSS: case CHANGE_TTL:
            case CHANGE_DSCP: case CLEAR_DF: case STRIP_IPV4_OPTIONS: case SET_PRIORITY: case ROUTE: case SNIFF_TZSP:
                return true;
            default:
                return false;
        }
    }

    public boolean isNat() {
        return this == SRC_NAT || this == MASQUERADE || this == DST_NAT || this == REDIRECT || this == NETMAP || this == SAME
                || this == ENDPOINT_INDEPENDENT_NAT;
    }

    @Override public String toString() { return word; }
}
