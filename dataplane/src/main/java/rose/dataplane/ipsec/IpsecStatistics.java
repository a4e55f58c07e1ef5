package rose.dataplane.ipsec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.graph.CounterSnapshot;

/**
 * {@code /ip ipsec statistics}: RouterOS's 25 counters (reference 02 §10, Linux XFRM's MIB names)
 * computed from the IPsec nodes' named drop counters. Each node drop reason maps to exactly one
 * counter; reasons that are not errors (a NAT keepalive, a TFC dummy) map to none.
 */
public final class IpsecStatistics {
    public static final List<String> NAMES = List.of(
            "in-errors", "in-buffer-errors", "in-header-errors", "in-no-states", "in-state-protocol-errors",
            "in-state-mode-errors", "in-state-sequence-errors", "in-state-expired", "in-state-mismatches",
            "in-state-invalid", "in-template-mismatches", "in-no-policies", "in-policy-blocked", "in-policy-errors",
            "out-errors", "out-bundle-errors", "out-bundle-check-errors", "out-no-states", "out-state-protocol-errors",
            "out-state-mode-errors", "out-state-sequence-errors", "out-state-expired", "out-policy-blocked",
            "out-policy-dead", "out-policy-errors");

    /** {@code node.reason} → counter name. */
    static final Map<String, String> MAPPING = Map.ofEntries(
            Map.entry("esp4-decrypt.too-short", "in-header-errors"),
            Map.entry("esp4-decrypt.bad-length", "in-header-errors"),
            Map.entry("udp4-esp-input.too-short", "in-header-errors"),
            Map.entry("esp4-decrypt.no-sa", "in-no-states"),
            Map.entry("esp4-decrypt.bad-icv", "in-state-protocol-errors"),
            Map.entry("esp4-decrypt.crypto-error", "in-state-protocol-errors"),
            Map.entry("esp4-decrypt.bad-padding", "in-state-protocol-errors"),
            Map.entry("esp4-decrypt.bad-next-header", "in-state-mode-errors"),
            Map.entry("esp4-decrypt.replay", "in-state-sequence-errors"),
            Map.entry("esp4-decrypt.sa-expired", "in-state-expired"),
            Map.entry("esp4-decrypt.encap-mismatch", "in-state-mismatches"),
            Map.entry("esp4-decrypt.template-mismatch", "in-template-mismatches"),
            Map.entry("ipsec4-input.clear-on-protected-policy", "in-template-mismatches"),
            Map.entry("ipsec4-output-policy.clear-on-protected-policy", "in-template-mismatches"),
            Map.entry("esp4-decrypt.no-policy", "in-no-policies"),
            Map.entry("esp4-decrypt.policy-blocked", "in-policy-blocked"),
            Map.entry("esp4-encrypt.no-headroom", "out-errors"),
            Map.entry("esp4-encrypt.no-tailroom", "out-errors"),
            Map.entry("esp4-encrypt.no-route", "out-errors"),
            Map.entry("esp4-encrypt.too-big-local", "out-errors"),
            Map.entry("esp4-encrypt.no-sa", "out-no-states"),
            Map.entry("ipsec4-output-policy.no-sa", "out-no-states"),
            Map.entry("esp4-encrypt.crypto-error", "out-state-protocol-errors"),
            Map.entry("esp4-encrypt.seq-cycled", "out-state-sequence-errors"),
            Map.entry("esp4-encrypt.sa-expired", "out-state-expired"),
            Map.entry("ipsec4-output-policy.discard", "out-policy-blocked"),
            Map.entry("ipsec4-output-policy.no-policy", "out-policy-errors"),
            Map.entry("ah4-decrypt.too-short", "in-header-errors"),
            Map.entry("ah4-decrypt.bad-length", "in-header-errors"),
            Map.entry("ah4-decrypt.no-tailroom", "in-buffer-errors"),
            Map.entry("ah4-decrypt.no-sa", "in-no-states"),
            Map.entry("ah4-decrypt.bad-icv", "in-state-protocol-errors"),
            Map.entry("ah4-decrypt.crypto-error", "in-state-protocol-errors"),
            Map.entry("ah4-decrypt.bad-next-header", "in-state-mode-errors"),
            Map.entry("ah4-decrypt.replay", "in-state-sequence-errors"),
            Map.entry("ah4-decrypt.sa-expired", "in-state-expired"),
            Map.entry("ah4-decrypt.template-mismatch", "in-template-mismatches"),
            Map.entry("ah4-decrypt.no-policy", "in-no-policies"),
            Map.entry("ah4-decrypt.policy-blocked", "in-policy-blocked"),
            Map.entry("ah4-encrypt.no-headroom", "out-errors"),
            Map.entry("ah4-encrypt.no-tailroom", "out-errors"),
            Map.entry("ah4-encrypt.no-route", "out-errors"),
            Map.entry("ah4-encrypt.too-big-local", "out-errors"),
            Map.entry("ah4-encrypt.no-sa", "out-no-states"),
            Map.entry("ah4-encrypt.crypto-error", "out-state-protocol-errors"),
            Map.entry("ah4-encrypt.seq-cycled", "out-state-sequence-errors"),
            Map.entry("ah4-encrypt.sa-expired", "out-state-expired"));

    private IpsecStatistics() {}

    /** All 25 counters, in RouterOS's print order, zero when nothing happened. */
    public static Map<String, Long> from(CounterSnapshot s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String n : NAMES) out.put(n, 0L);
        long inErrors = 0;
        for (CounterSnapshot.NodeCounters nc : s.nodes()) {
            for (Map.Entry<String, Long> d : nc.drops().entrySet()) {
                String name = MAPPING.get(nc.node() + "." + d.getKey());
                if (name == null) continue;
                out.merge(name, d.getValue(), Long::sum);
            }
        }
        out.put("in-errors", inErrors);
        return out;
    }
}
