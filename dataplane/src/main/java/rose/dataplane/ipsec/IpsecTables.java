package rose.dataplane.ipsec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;

/**
 * One generation of the SPD and SAD, immutable, swapped atomically by the backend and read
 * without locks by workers (STYLE: shared tables are immutable snapshots).
 *
 * <ul>
 *   <li>SAD: dense array by SA index; inbound lookup by (SPI, destination, protocol) through an
 *       open-addressing hash of ints.</li>
 *   <li>SPD: outbound and inbound (IN and FWD) policies in lookup order (priority, then
 *       insertion); outbound tunnel templates resolved to their SA here, once per generation.</li>
 *   <li>Route-based tunnels: router interface index to XFRM interface id.</li>
 * </ul>
 */
final class IpsecTables {
    static final IpsecTables EMPTY = new IpsecTables(0, new SaEntry[0], List.of(), new int[0], java.util.Set.of(), java.util.Set.of());

    final long generation;
    private final SaEntry[] sas;
    private final int[] hashIdx;      // SA index + 1, 0 = empty
    private final int hashMask;
    private final CompiledPolicy[] out;
    private final CompiledPolicy[] in;
    private final int[] xfrmIfByRouterIf;   // router interface index -> if_id, 0 = not an ipsec interface
    private final int[] ahSas;              // indices of the AH SAs: few, scanned (ESP keeps the hash to itself)

    private final java.util.Set<Integer> acceptUntracked;   // if_ids whose interface takes decrypted traffic no policy describes

    private final java.util.Set<Integer> mangled;           // if_ids whose decrypted traffic passes through the mangle chains

    /** @param orderedPolicies compiled without their outbound SA ({@code outSa} -1), in lookup order */
    IpsecTables(long generation, SaEntry[] sas, List<CompiledPolicy> orderedPolicies, int[] xfrmIfByRouterIf, java.util.Set<Integer> acceptUntracked,
                java.util.Set<Integer> mangled) {
        this.generation = generation;
        this.sas = sas;
        int cap = 16;
        while (cap < sas.length * 2) cap <<= 1;
        this.hashIdx = new int[cap];
        this.hashMask = cap - 1;
        int ah = 0;
        for (SaEntry e : sas) if (e != null && e.ah()) ah++;
        this.ahSas = new int[ah];
        for (int i = 0, j = 0; i < sas.length; i++) if (sas[i] != null && sas[i].ah()) ahSas[j++] = i;
        for (int i = 0; i < sas.length; i++) {
            if (sas[i] == null || sas[i].params().id().protocol() != IpsecProtocol.ESP) continue;
            int k = slot(sas[i].spi(), sas[i].dst());
            while (hashIdx[k] != 0) k = (k + 1) & hashMask;
            hashIdx[k] = i + 1;
        }
        List<CompiledPolicy> o = new ArrayList<>(), n = new ArrayList<>();
        for (CompiledPolicy p : orderedPolicies) {
            if (p.policy().direction() == PolicyDirection.OUT) o.add(p);
            else n.add(p);
        }
        // A tunnel template only accepts SAs between its own two endpoints: look among those, not
        // every SA (outside a batch a snapshot is built per SA install; with a thousand tunnels the full scan per
        // policy made bringing them up quadratic in SAs times policies).
        java.util.Map<Long, List<Integer>> byEndpoints = new java.util.HashMap<>();
        for (int i = 0; i < sas.length; i++)
            if (sas[i] != null) byEndpoints.computeIfAbsent(endpoints(sas[i].src(), sas[i].dst()), k -> new ArrayList<>(2)).add(i);
        this.out = new CompiledPolicy[o.size()];
        for (int i = 0; i < o.size(); i++) {
            CompiledPolicy c = o.get(i);
            if (c.action() != PolicyAction.ENCRYPT || !c.tunnel()) { out[i] = c; continue; }
            List<Integer> candidates = byEndpoints.getOrDefault(endpoints(c.saSrc(), c.saDst()), List.of());
            out[i] = c.withOutSa(newestTunnelSa(c, candidates), perCpuSas(c, candidates));
        }
        boolean pinned = false;
        for (SaEntry e : sas) if (e != null && e.cpu() >= 0) pinned = true;
        this.pinnedInbound = pinned;
        this.in = n.toArray(new CompiledPolicy[0]);
        this.xfrmIfByRouterIf = xfrmIfByRouterIf.clone();
        this.acceptUntracked = java.util.Set.copyOf(acceptUntracked);
        this.mangled = java.util.Set.copyOf(mangled);
    }

    /** Whether any SA is a per-CPU one, whose ESP the receive path steers by SPI. */
    private final boolean pinnedInbound;

    /**
     * The worker that receives ESP of SPI {@code spi} to {@code dst}: a per-CPU SA's own
     * ({@link SaEntry#cpu}), else -1 (the flow hash decides). One hash lookup, and only while a
     * per-CPU SA is installed.
     */
    int steer(int spi, int dst) {
        if (!pinnedInbound) return -1;
        SaEntry e = sa(findInbound(spi, dst));
        return e == null ? -1 : e.cpu();
    }

    private int slot(int spi, int dst) {
        int x = spi * 0x9E3779B1 ^ dst * 0x85EBCA77;
        return (x ^ (x >>> 15)) & hashMask;
    }

    int saCount() { return sas.length; }
    SaEntry sa(int index) { return index >= 0 && index < sas.length ? sas[index] : null; }

    /** Inbound SAD lookup; -1 when no SA has this SPI for this destination. */
    int findInbound(int spi, int dst) {
        for (int k = slot(spi, dst); ; k = (k + 1) & hashMask) {
            int v = hashIdx[k];
            if (v == 0) return -1;
            SaEntry e = sas[v - 1];
            if (e.spi() == spi && e.dst() == dst) return v - 1;
        }
    }

    /** The router interface of XFRM interface id {@code ifId} (where its decrypted packets appear), -1 if none is bound. */
    int routerIf(int ifId) {
        for (int i = 0; i < xfrmIfByRouterIf.length; i++) if (xfrmIfByRouterIf[i] == ifId) return i;
        return -1;
    }

    /** Whether the interface of {@code ifId} accepts decrypted traffic that no inbound policy of it describes. */
    boolean acceptsUntracked(int ifId) { return acceptUntracked.contains(ifId); }

    /** Whether the interface of {@code ifId} passes its decrypted traffic through the mangle chains ({@code mangling=yes}). */
    boolean mangles(int ifId) { return mangled.contains(ifId); }

    /** Inbound AH SAD lookup by (SPI, destination); -1 when none. */
    int findInboundAh(int spi, int dst) {
        for (int i : ahSas) if (sas[i].spi() == spi && sas[i].dst() == dst) return i;
        return -1;
    }

    /** The XFRM interface id of a router interface, 0 if it is not an ipsec interface. */
    int xfrmIf(int routerIf) { return routerIf >= 0 && routerIf < xfrmIfByRouterIf.length ? xfrmIfByRouterIf[routerIf] : 0; }

    /** First outbound policy (of interface id {@code ifId}) matching the packet, or null. */
    CompiledPolicy lookupOut(int ifId, int src, int dst, int proto, int sport, int dport) {
        for (CompiledPolicy p : out) if (p.ifId() == ifId && p.matches(src, dst, proto, sport, dport)) return p;
        return null;
    }

    /**
     * First inbound (IN or FWD) policy of no interface (if_id 0) matching a decrypted or clear
     * packet, or null. Policies of an {@code /interface ipsec} only judge packets that came out of
     * that interface's SAs (XFRM: a policy with an if_id matches only that if_id).
     */
    CompiledPolicy lookupIn(int src, int dst, int proto, int sport, int dport) {
        for (CompiledPolicy p : in) if (p.ifId() == 0 && p.matches(src, dst, proto, sport, dport)) return p;
        return null;
    }

    /** First inbound policy of XFRM interface id {@code ifId} (a route-based tunnel's) matching the packet, or null. */
    CompiledPolicy lookupIn(int ifId, int src, int dst, int proto, int sport, int dport) {
        for (CompiledPolicy p : in) if (p.ifId() == ifId && p.matches(src, dst, proto, sport, dport)) return p;
        return null;
    }

    boolean hasInbound() { return in.length > 0; }

    /**
     * The outbound SA for a policy's template: the newest installed that matches (highest
     * serial), so a rekeyed SA takes over the moment it is installed and not before.
     * For transport mode the packet's own addresses are the SA's.
     */
    int newestFor(CompiledPolicy p, int pktSrc, int pktDst) {
        int best = -1;
        long bestSerial = -1;
        for (int i = 0; i < sas.length; i++) {
            SaEntry e = sas[i];
            if (e == null || !p.templateAccepts(e)) continue;
            if (p.ifId() != 0 && e.params().ifId() != p.ifId()) continue;
            if (!p.tunnel() && (e.src() != pktSrc || e.dst() != pktDst)) continue;
            if (e.serial() > bestSerial) { best = i; bestSerial = e.serial(); }
        }
        return best;
    }

    private static long endpoints(int src, int dst) { return ((long) src << 32) | (dst & 0xffffffffL); }

    /**
     * {@link #newestFor} for a tunnel policy, among the SAs with its endpoints (in index order, as
     * the full scan). An SA that is not per-CPU wins over per-CPU ones: it is the fallback SA of
     * RFC 9611 §2, for the workers that have no SA of their own; only without one do those use
     * the newest per-CPU SA (through its worker).
     */
    private int newestTunnelSa(CompiledPolicy p, List<Integer> candidates) {
        int best = -1, bestPinned = -1;
        long bestSerial = -1, bestPinnedSerial = -1;
        for (int i : candidates) {
            SaEntry e = sas[i];
            if (!p.templateAccepts(e)) continue;
            if (p.ifId() != 0 && e.params().ifId() != p.ifId()) continue;
            if (e.cpu() >= 0) {
                if (e.serial() > bestPinnedSerial) { bestPinned = i; bestPinnedSerial = e.serial(); }
            } else if (e.serial() > bestSerial) {
                best = i;
                bestSerial = e.serial();
            }
        }
        return best >= 0 ? best : bestPinned;
    }

    /**
     * For a tunnel policy, by worker, the newest per-CPU SA of that worker its template accepts
     * (-1 where none); null when none of the candidates is a per-CPU SA (every other policy).
     */
    private int[] perCpuSas(CompiledPolicy p, List<Integer> candidates) {
        int[] best = null;
        for (int i : candidates) {
            SaEntry e = sas[i];
            if (e.cpu() < 0 || !p.templateAccepts(e)) continue;
            if (p.ifId() != 0 && e.params().ifId() != p.ifId()) continue;
            if (best == null) {
                best = new int[rose.dataplane.RouterOptions.MAX_WORKERS];
                Arrays.fill(best, -1);
            }
            int cur = best[e.cpu()];
            if (cur < 0 || e.serial() > sas[cur].serial()) best[e.cpu()] = i;
        }
        return best;
    }

    /** Index of an SA in this snapshot, -1 if absent (tests, control plane). */
    int indexOf(rose.ipsec.backend.SaId id) {
        for (int i = 0; i < sas.length; i++) if (sas[i] != null && sas[i].params().id().equals(id)) return i;
        return -1;
    }

    SaEntry[] sasView() { return Arrays.copyOf(sas, sas.length); }
}
