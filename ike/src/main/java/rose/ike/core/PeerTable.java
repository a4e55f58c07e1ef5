package rose.ike.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rose.ike.config.PeerConfig;

/**
 * The IKEv2 peers by name and by address. A responder looks a peer up by the initiator's address
 * for every IKE_SA_INIT and again by identity in IKE_AUTH; with thousands of peers (one per
 * branch or road warrior) a scan of every prefix per message was what limited tunnels per
 * second, so host peers ({@code address=a.b.c.d/32}, the common case) are found by a hash
 * lookup and only the wider prefixes are scanned.
 */
final class PeerTable {
    private final Map<String, PeerConfig> byName = new LinkedHashMap<>();
    private final Map<InetAddress, List<PeerConfig>> hosts = new HashMap<>();
    private final List<PeerConfig> prefixes = new ArrayList<>();

    void replace(List<PeerConfig> peers) {
        byName.clear();
        hosts.clear();
        prefixes.clear();
        for (PeerConfig p : peers) {
            byName.put(p.name(), p);
            if (p.address().length() == p.address().address().getAddress().length * 8)
                hosts.computeIfAbsent(p.address().address(), a -> new ArrayList<>(1)).add(p);
            else prefixes.add(p);
        }
    }

    PeerConfig byName(String name) { return byName.get(name); }

    boolean contains(String name) { return byName.containsKey(name); }

    /** Every peer whose address covers {@code a}: host peers first, each group in configuration order. */
    List<PeerConfig> covering(InetAddress a) {
        List<PeerConfig> l = new ArrayList<>(hosts.getOrDefault(a, List.of()));
        for (PeerConfig p : prefixes) if (p.address().contains(a)) l.add(p);
        return l;
    }

    /** The longest match for {@code a} (the first configured among equally long ones), or null. */
    PeerConfig longestMatch(InetAddress a) {
        List<PeerConfig> h = hosts.get(a);
        if (h != null) return h.get(0);
        PeerConfig best = null;
        for (PeerConfig p : prefixes)
            if (p.address().contains(a) && (best == null || p.address().length() > best.address().length())) best = p;
        return best;
    }
}
