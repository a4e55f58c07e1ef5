package rose.appliance.ipsec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.appliance.dataplane.DynamicEntries;

/**
 * Mode-config client ({@code mode-config=request-only}, or any {@code responder=no} entry): what
 * the router does with the address a responder gave it, as RouterOS does.
 *
 * <ol>
 *   <li>the address goes on the interface that carries the IKE SA's local address, as a /32
 *       dynamic {@code /ip address} (the router itself can then source traffic from it);</li>
 *   <li>with {@code src-address-list} on the mode-config, a dynamic rule
 *       {@code chain=srcnat action=src-nat to-addresses=<address> src-address-list=L dst-address-list=!L}
 *       ({@code ;;; ipsec mode-config}), placed first, so the LAN behind the client reaches the
 *       split networks from the one address the tunnel's policy allows; with
 *       {@code connection-mark} the rule matches that mark instead (7.15+);</li>
 *   <li>all of it is removed when the IKE SA with that peer is gone.</li>
 * </ol>
 */
final class ModeConfigClient {
    static final String COMMENT = "ipsec mode-config";

    private ModeConfigClient() {}

    static String owner(String peer) { return "ipsec mode-config " + peer; }

    /** The dynamic entries for {@code address} received from {@code peer}, on {@code iface}. */
    static DynamicEntries entries(String iface, InetAddress address, Map<String, String> modeConfig) {
        List<Map<String, String>> nat = new ArrayList<>();
        String list = modeConfig == null ? null : modeConfig.get("src-address-list");
        String mark = modeConfig == null ? null : modeConfig.get("connection-mark");
        boolean byList = list != null && !list.isEmpty(), byMark = mark != null && !mark.isEmpty();
        if (byList || byMark) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("chain", "srcnat");
            r.put("action", "src-nat");
            r.put("to-addresses", address.getHostAddress());
            if (byList) {
                r.put("src-address-list", list);
                r.put("dst-address-list", "!" + list);
            }
            if (byMark) r.put("connection-mark", mark);
            r.put("comment", COMMENT);
            nat.add(r);
        }
        return new DynamicEntries(iface, iface == null ? null : address.getHostAddress() + "/32", nat);
    }
}
