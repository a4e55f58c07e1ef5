package rose.dataplane.firewall;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static rose.dataplane.firewall.Action.*;

/** The four RouterOS rule tables, their built-in chains and the actions each accepts (reference 03 §1, §4). */
public enum Table {
    RAW("raw", List.of("prerouting", "output"),
            EnumSet.of(ACCEPT, JUMP, RETURN, LOG, PASSTHROUGH, ADD_SRC_TO_ADDRESS_LIST, ADD_DST_TO_ADDRESS_LIST, DROP, NOTRACK)),
    FILTER("filter", List.of("input", "forward", "output"),
            EnumSet.of(ACCEPT, JUMP, RETURN, LOG, PASSTHROUGH, ADD_SRC_TO_ADDRESS_LIST, ADD_DST_TO_ADDRESS_LIST, DROP, REJECT,
                    TARPIT, FASTTRACK_CONNECTION)),
    MANGLE("mangle", List.of("prerouting", "input", "forward", "output", "postrouting"),
            EnumSet.of(ACCEPT, JUMP, RETURN, LOG, PASSTHROUGH, ADD_SRC_TO_ADDRESS_LIST, ADD_DST_TO_ADDRESS_LIST, DROP,
                    MARK_PACKET, MARK_CONNECTION, MARK_ROUTING, CHANGE_MSS, CHANGE_TTL, CHANGE_DSCP, CLEAR_DF,
                    STRIP_IPV4_OPTIONS, SET_PRIORITY, FASTTRACK_CONNECTION, ROUTE, SNIFF_TZSP)),
    NAT("nat", List.of("srcnat", "dstnat", "input", "output"),
            EnumSet.of(ACCEPT, JUMP, RETURN, LOG, PASSTHROUGH, ADD_SRC_TO_ADDRESS_LIST, ADD_DST_TO_ADDRESS_LIST, SRC_NAT,
                    MASQUERADE, DST_NAT, REDIRECT, NETMAP, SAME, ENDPOINT_INDEPENDENT_NAT));

    private final String menuName;
    private final List<String> builtinChains;
    private final Set<Action> actions;

    Table(String menuName, List<String> builtinChains, Set<Action> actions) {
        this.menuName = menuName;
        this.builtinChains = builtinChains;
        this.actions = actions;
    }

    public String menuName() { return menuName; }
    public List<String> builtinChains() { return builtinChains; }
    public boolean isBuiltin(String chain) { return builtinChains.contains(chain); }
    public boolean allows(Action a) { return actions.contains(a); }
}
