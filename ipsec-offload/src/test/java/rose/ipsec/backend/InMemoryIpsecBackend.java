package rose.ipsec.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rose.ipsec.backend.IpsecBackendException.Reason;
import rose.ipsec.backend.IpsecEvent.LimitKind;
import rose.ipsec.crypto.Transform;

/**
 * The smallest honest {@link IpsecBackend}: maps, a manual clock, lifetimes and events, no
 * packets. It exists so that {@link IpsecBackendContract} is proven able to fail, and as a fake
 * for IKE tests. Not thread-safe.
 */
public final class InMemoryIpsecBackend implements IpsecBackend {
    private static final class Sa {
        SaParams params;
        long bytes, packets, addTime, useTime;
        boolean softSent;
        Sa(SaParams p, long now) { params = p; addTime = now; }
    }

    private final Map<SaId, Sa> sas = new LinkedHashMap<>();
    private final List<Policy> policies = new ArrayList<>();
    private IpsecEventListener listener = e -> { };
    private long now = 1_000;

    @Override public String name() { return "in-memory"; }
    @Override public boolean supports(Transform t) { return t.protects(); }
    @Override public boolean supportsInterfaceIds() { return true; }

    @Override public void addSa(SaParams p) throws IpsecBackendException {
        if (sas.containsKey(p.id())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.id().toString());
        sas.put(p.id(), new Sa(p, now));
    }

    @Override public void updateSa(SaParams p) throws IpsecBackendException {
        Sa s = sas.get(p.id());
        if (s == null) throw new IpsecBackendException(Reason.NOT_FOUND, p.id().toString());
        s.params = p;
    }

    @Override public Optional<SaCounters> querySa(SaId id) {
        Sa s = sas.get(id);
        return s == null ? Optional.empty() : Optional.of(new SaCounters(s.bytes, s.packets, 0, 0, s.addTime, s.useTime));
    }

    @Override public void deleteSa(SaId id) throws IpsecBackendException {
        if (sas.remove(id) == null) throw new IpsecBackendException(Reason.NOT_FOUND, id.toString());
    }

    @Override public void addPolicy(Policy p) throws IpsecBackendException {
        for (Policy q : policies) if (q.key().equals(p.key())) throw new IpsecBackendException(Reason.ALREADY_EXISTS, p.key().toString());
        policies.add(p);
        policies.sort(Comparator.comparingInt(Policy::priority));   // stable: insertion order within a priority
    }

    @Override public void deletePolicy(PolicyKey key) throws IpsecBackendException {
        if (!policies.removeIf(p -> p.key().equals(key))) throw new IpsecBackendException(Reason.NOT_FOUND, key.toString());
    }

    @Override public List<Policy> policies() { return List.copyOf(policies); }
    @Override public void setListener(IpsecEventListener l) { listener = l; }

    @Override public void close() {
        sas.clear();
        policies.clear();
    }

    // --- what a real backend sees from packets and time -------------------------------------

    public void traffic(SaId id, int packets, int bytesEach) {
        Sa s = sas.get(id);
        if (s == null) return;
        for (int i = 0; i < packets && sas.containsKey(id); i++) {
            s.packets++;
            s.bytes += bytesEach;
            if (s.useTime == 0) s.useTime = now;
            Lifetime l = s.params.lifetime();
            check(s, LimitKind.PACKETS, s.packets, l.softPackets(), l.hardPackets());
            check(s, LimitKind.BYTES, s.bytes, l.softBytes(), l.hardBytes());
        }
    }

    public void advanceSeconds(long seconds) {
        now += seconds;
        for (Sa s : List.copyOf(sas.values())) {
            Lifetime l = s.params.lifetime();
            check(s, LimitKind.TIME, now - s.addTime, l.softSeconds(), l.hardSeconds());
        }
    }

    private void check(Sa s, LimitKind kind, long value, long soft, long hard) {
        SaId id = s.params.id();
        if (!sas.containsKey(id)) return;
        if (hard > 0 && value >= hard) {
            sas.remove(id);
            listener.onEvent(new IpsecEvent.HardExpire(id, kind));
        } else if (soft > 0 && value >= soft && !s.softSent) {
            s.softSent = true;   // XFRM sends one soft expire per SA
            listener.onEvent(new IpsecEvent.SoftExpire(id, kind));
        }
    }

    public void outbound(InetAddress src, InetAddress dst, int proto) {
        for (Policy p : policies) {
            if (p.direction() != PolicyDirection.OUT || !p.selector().matches(src, dst, proto, 0, 0)) continue;
            if (p.action() != PolicyAction.ENCRYPT) return;
            for (Template t : p.templates()) {
                if (!hasSaFor(t, dst)) {
                    listener.onEvent(new IpsecEvent.Acquire(p, t, new Selector(IpPrefix.host(src), IpPrefix.host(dst), proto, 0, 0)));
                    return;
                }
            }
            return;
        }
    }

    private boolean hasSaFor(Template t, InetAddress packetDst) {
        InetAddress dst = t.saDst().orElse(packetDst);
        for (Sa s : sas.values())
            if (s.params.id().dst().equals(dst) && s.params.id().protocol() == t.protocol()
                    && (t.reqId() == 0 || s.params.reqId() == t.reqId())) return true;
        return false;
    }

    public void inboundUdp(SaId id, InetSocketAddress from) {
        Sa s = sas.get(id);
        if (s == null || s.params.encap().isEmpty()) return;
        InetSocketAddress old = new InetSocketAddress(s.params.src(), s.params.encap().get().srcPort());
        if (!old.equals(from)) listener.onEvent(new IpsecEvent.NatMappingChange(id, old, from));
    }
}
