package rose.appliance.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries other parts of the router add while something lasts, as RouterOS's dynamic (D) items:
 * a mode-config client's received address ({@code /ip address}) and its src-nat rule
 * ({@code /ip firewall nat}, {@code ;;; ipsec mode-config}). They are compiled with the
 * configuration but never stored in it, so they vanish with their owner and at reboot.
 *
 * @param iface    the interface the address goes on
 * @param address  {@code a.b.c.d/len}, or null for none
 * @param natRules src-nat rules (console words: chain=srcnat action=src-nat to-addresses=... ), placed
 *                 before the configured ones, as RouterOS lists its dynamic rule first
 */
public record DynamicEntries(String iface, String address, List<Map<String, String>> natRules) {
    public DynamicEntries {
        natRules = List.copyOf(natRules);
    }

    /** Rule ids of dynamic NAT rules: far above any item id of the configuration. */
    static final long FIRST_RULE_ID = 1L << 40;

    /** All owners' entries, in the order they were added. */
    static final class Registry {
        private final Map<String, DynamicEntries> byOwner = new LinkedHashMap<>();

        synchronized boolean put(String owner, DynamicEntries e) {
            DynamicEntries was = e == null ? byOwner.remove(owner) : byOwner.put(owner, e);
            return !java.util.Objects.equals(was, e);
        }

        synchronized List<DynamicEntries> all() { return new ArrayList<>(byOwner.values()); }
    }
}
