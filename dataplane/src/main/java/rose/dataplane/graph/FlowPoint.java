package rose.dataplane.graph;

import java.util.Locale;

/**
 * Where firewall, conntrack and NAT nodes plug into the packet path, in RouterOS order
 * (reference 03-firewall.md §7):
 *
 * <pre>
 * prerouting:  ip4-input -> RAW_PREROUTING -> CONNTRACK_PREROUTING -> MANGLE_PREROUTING -> DSTNAT -> ip4-lookup
 * input:       ip4-lookup(local) -> MANGLE_INPUT -> FILTER_INPUT -> IPSEC_INPUT (ESP/UDP-4500 decrypt) -> ip4-local
 * forward:     ip4-lookup -> ip4-forward (TTL) -> MANGLE_FORWARD -> FILTER_FORWARD -> postrouting
 * output:      ip4-output (routing decision) -> RAW_OUTPUT -> CONNTRACK_OUTPUT -> MANGLE_OUTPUT
 *              -> FILTER_OUTPUT -> ip4-reroute (routing adjustment) -> postrouting
 * postrouting: MANGLE_POSTROUTING -> SRCNAT -> CONNTRACK_HELPER -> IPSEC_OUTPUT (SPD lookup, encrypt)
 *              -> ip4-rewrite (ARP, MTU/fragmentation)
 *              -> interface-output
 * </pre>
 *
 * A flow point with no node supplied costs nothing: edges skip it. A supplied node
 * names {@link #CONTINUE} among its {@link Node#nexts()} to reach whatever follows.
 */
public enum FlowPoint {
    RAW_PREROUTING("conntrack-prerouting"),
    CONNTRACK_PREROUTING("mangle-prerouting"),
    MANGLE_PREROUTING("dstnat"),
    DSTNAT(null, "ip4-lookup"),
    MANGLE_INPUT("filter-input"),
    FILTER_INPUT("ipsec-input"),
    /** After filter input: ESP and UDP 4500 to us are decrypted here (rose.dataplane.ipsec). */
    IPSEC_INPUT(null, "ip4-local"),
    MANGLE_FORWARD("filter-forward"),
    FILTER_FORWARD("mangle-postrouting"),
    RAW_OUTPUT("conntrack-output"),
    CONNTRACK_OUTPUT("mangle-output"),
    MANGLE_OUTPUT("filter-output"),
    FILTER_OUTPUT(null, "ip4-reroute"),
    MANGLE_POSTROUTING("srcnat"),
    SRCNAT("conntrack-helper"),
    /**
     * After srcnat, where Linux runs its helpers: the ftp/tftp/irc helpers read the payload of
     * their connections with the headers already translated, announce expectations and rewrite
     * addresses in the payload (rose.dataplane.conntrack.helper).
     */
    CONNTRACK_HELPER("ipsec-output"),
    /** After srcnat: the SPD lookup and ESP encapsulation (rose.dataplane.ipsec). */
    IPSEC_OUTPUT(null, "ip4-rewrite");

    /** Next name meaning "whatever follows my flow point"; resolved per hook node. */
    public static final String CONTINUE = "@continue";

    private final String thenPoint;
    private final String thenNode;

    FlowPoint(String thenPoint) { this(thenPoint, null); }

    FlowPoint(String thenPoint, String thenNode) {
        this.thenPoint = thenPoint;
        this.thenNode = thenNode;
    }

    /** Kebab-case id: {@code filter-forward}. */
    public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Next name meaning "this flow point, or what follows it when nothing is plugged in". */
    public String anchor() { return "@" + id(); }

    /** The following flow point, or null when a core node follows. */
    public FlowPoint following() {
        return thenPoint == null ? null : byId(thenPoint);
    }

    /** The core node that follows the last flow point of a stage, or null. */
    public String followingNode() { return thenNode; }

    public static FlowPoint byId(String id) {
        for (FlowPoint p : values()) if (p.id().equals(id)) return p;
        return null;
    }
}
