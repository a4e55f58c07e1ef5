package rose.ipsec.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import rose.ipsec.crypto.Transform;
import rose.os.Errno;
import rose.os.NativeException;
import rose.os.Xfrm;
import rose.os.XfrmEvent;
import rose.os.XfrmLifetime;
import rose.os.XfrmPolicy;
import rose.os.XfrmSa;
import rose.os.XfrmSaInfo;
import rose.os.XfrmSelector;
import rose.os.XfrmTemplate;

/**
 * The {@link IpsecBackend} whose SAs and policies live in the Linux kernel (XFRM), reached
 * through {@link rose.os.XfrmSocket} — strongSwan's {@code kernel_netlink_ipsec} in our words.
 *
 * <p>Flow:
 * <ol>
 * <li>{@link #open()} opens a request socket and an event socket (ACQUIRE, EXPIRE, MAPPING
 *     groups) read by one daemon thread {@code xfrm-events}.</li>
 * <li>{@code addSa}/{@code updateSa} turn {@link SaParams} into NEWSA/UPDSA with the kernel
 *     algorithm names of {@link KernelAlgorithms}; errnos become {@link IpsecBackendException}
 *     reasons (EEXIST → ALREADY_EXISTS, ESRCH → NOT_FOUND, ENOSYS/EPROTONOSUPPORT → UNSUPPORTED).</li>
 * <li>{@code querySa} is GETSA: the kernel's current lifetime and statistics.</li>
 * <li>Events from the kernel become {@link IpsecEvent}s for the listener, on the event thread.</li>
 * <li>{@link #close()} deletes what this backend installed, and only that: a router's kernel may
 *     hold other daemons' SAs.</li>
 * </ol>
 */
public final class KernelXfrmBackend implements IpsecBackend {
    private static final Logger LOG = Logger.getLogger(KernelXfrmBackend.class.getName());

    private final rose.os.XfrmSocket requests;
    private final rose.os.XfrmSocket events;
    private final Thread reader;
    private volatile boolean open = true;
    private volatile IpsecEventListener listener = e -> { };
    private final Set<SaId> sas = new LinkedHashSet<>();
    private final Map<PolicyKey, Policy> policies = new LinkedHashMap<>();

    private KernelXfrmBackend(rose.os.XfrmSocket requests, rose.os.XfrmSocket events) {
        this.requests = requests;
        this.events = events;
        this.reader = new Thread(() -> events.readEvents(this::onKernelEvent,
                e -> LOG.log(Level.WARNING, "xfrm event: " + e.getMessage()), () -> open), "xfrm-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens both sockets; throws with the errno if the kernel has no XFRM netlink or we lack CAP_NET_ADMIN. */
    public static KernelXfrmBackend open() throws NativeException {
        rose.os.XfrmSocket r = rose.os.XfrmSocket.open();
        try {
            return new KernelXfrmBackend(r, rose.os.XfrmSocket.openEvents(200));
        } catch (NativeException e) {
            r.close();
            throw e;
        }
    }

    @Override public String name() { return "kernel-xfrm"; }
    @Override public boolean supports(Transform t) { return KernelAlgorithms.maps(t); }
    @Override public boolean supportsInterfaceIds() { return true; }

    @Override public void addSa(SaParams sa) throws IpsecBackendException {
        try {
            requests.addSa(toXfrm(sa));
        } catch (NativeException e) {
            throw fail(e, sa.toString());
        }
        synchronized (this) { sas.add(sa.id()); }
    }

    @Override public void updateSa(SaParams sa) throws IpsecBackendException {
        try {
            requests.updateSa(toXfrm(sa));
        } catch (NativeException e) {
            throw fail(e, sa.toString());
        }
    }

    @Override public Optional<SaCounters> querySa(SaId id) {
        try {
            return requests.getSa(id.dst(), id.spi(), id.protocol().number()).map(i ->
                    new SaCounters(i.bytes(), i.packets(), i.replayDrops(), i.integrityFailures(), i.addTime(), i.useTime()));
        } catch (NativeException e) {
            LOG.log(Level.WARNING, "GETSA " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override public void deleteSa(SaId id) throws IpsecBackendException {
        try {
            requests.deleteSa(id.dst(), id.spi(), id.protocol().number());
        } catch (NativeException e) {
            throw fail(e, id.toString());
        } finally {
            synchronized (this) { sas.remove(id); }
        }
    }

    @Override public void addPolicy(Policy p) throws IpsecBackendException {
        try {
            requests.addPolicy(toXfrm(p));
        } catch (NativeException e) {
            throw fail(e, p.key().toString());
        }
        synchronized (this) { policies.put(p.key(), p); }
    }

    @Override public void deletePolicy(PolicyKey key) throws IpsecBackendException {
        try {
            requests.deletePolicy(selector(key.selector()), direction(key.direction()), key.ifId());
        } catch (NativeException e) {
            throw fail(e, key.toString());
        } finally {
            synchronized (this) { policies.remove(key); }
        }
    }

    /** This backend's policies in XFRM lookup order: priority, then insertion. */
    @Override public synchronized List<Policy> policies() {
        List<Policy> out = new ArrayList<>(policies.values());
        out.sort(Comparator.comparingInt(Policy::priority));
        return out;
    }

    @Override public void setListener(IpsecEventListener l) { listener = l == null ? e -> { } : l; }

    @Override public void close() {
        List<SaId> mySas;
        List<PolicyKey> myPolicies;
        synchronized (this) {
            mySas = new ArrayList<>(sas);
            myPolicies = new ArrayList<>(policies.keySet());
        }
        for (PolicyKey k : myPolicies) {
            try { deletePolicy(k); } catch (IpsecBackendException e) { LOG.fine(() -> "close: " + e.getMessage()); }
        }
        for (SaId id : mySas) {
            try { deleteSa(id); } catch (IpsecBackendException e) { LOG.fine(() -> "close: " + e.getMessage()); }
        }
    }

    /** Stops the event thread and closes the sockets (after {@link #close()}, which only flushes). */
    public void shutdown() {
        close();
        open = false;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        requests.close();
    }

    // ------------------------------------------------------------------ mapping

    static XfrmSa toXfrm(SaParams p) {
        byte[] enc = p.encKeymat(), auth = p.authKeymat();
        Transform t = p.transform();
        boolean ah = p.id().protocol() == IpsecProtocol.AH;
        XfrmLifetime l = new XfrmLifetime(p.lifetime().softBytes(), p.lifetime().hardBytes(), p.lifetime().softPackets(),
                p.lifetime().hardPackets(), p.lifetime().softSeconds(), p.lifetime().hardSeconds());
        try {
            return new XfrmSa(p.id().dst(), p.id().spi(), p.id().protocol().number(), p.src(),
                    p.mode() == SaMode.TUNNEL ? Xfrm.MODE_TUNNEL : Xfrm.MODE_TRANSPORT, p.reqId(), p.replayWindow(), p.esn(),
                    // AH over IPv4 is padded to 32 bits (RFC 4302 §3.3.3.2.1), not Linux's default 64: as strongSwan does
                    ah && p.id().dst() instanceof java.net.Inet4Address ? Xfrm.STATE_ALIGN4 : 0, l,
                    // AH carries no cipher at all: the kernel refuses an AH state with XFRMA_ALG_CRYPT (verify_newsa_info)
                    KernelAlgorithms.aead(t, enc), ah ? Optional.empty() : KernelAlgorithms.crypt(t, enc), KernelAlgorithms.auth(t, auth),
                    p.encap().map(e -> new XfrmSa.XfrmEncap(Xfrm.UDP_ENCAP_ESPINUDP, e.srcPort(), e.dstPort())),
                    p.selector().map(KernelXfrmBackend::selector), p.ifId(), 0);
        } finally {
            java.util.Arrays.fill(enc, (byte) 0);
            java.util.Arrays.fill(auth, (byte) 0);
        }
    }

    static XfrmPolicy toXfrm(Policy p) {
        List<XfrmTemplate> ts = new ArrayList<>();
        int family = p.selector().dst().address().getAddress().length == 4 ? Xfrm.AF_INET : Xfrm.AF_INET6;
        for (Template t : p.templates())
            ts.add(new XfrmTemplate(family, t.protocol().number(), t.mode() == SaMode.TUNNEL ? Xfrm.MODE_TUNNEL : Xfrm.MODE_TRANSPORT,
                    t.saSrc(), t.saDst(), 0, t.reqId(), t.level() == PolicyLevel.USE));
        int action = p.action() == PolicyAction.DISCARD ? Xfrm.POLICY_BLOCK : Xfrm.POLICY_ALLOW;
        return new XfrmPolicy(selector(p.selector()), direction(p.direction()), action, p.priority(), p.key().ifId(), ts, 0);
    }

    static XfrmSelector selector(Selector s) {
        return new XfrmSelector(s.src().address(), s.src().length(), s.dst().address(), s.dst().length(), s.protocol(), s.srcPort(), s.dstPort(), 0);
    }

    static int direction(PolicyDirection d) {
        switch (d) {
            case IN: return Xfrm.POLICY_IN;
            case OUT: return Xfrm.POLICY_OUT;
            default: return Xfrm.POLICY_FWD;
        }
    }

    static IpsecBackendException fail(NativeException e, String what) {
        IpsecBackendException.Reason r;
        switch (e.errno()) {
            case Errno.EEXIST: r = IpsecBackendException.Reason.ALREADY_EXISTS; break;
            case Errno.ESRCH: case Errno.ENOENT: r = IpsecBackendException.Reason.NOT_FOUND; break;
            case Errno.EINVAL: r = IpsecBackendException.Reason.INVALID; break;
            case Errno.ENOSYS: case Errno.EPROTONOSUPPORT: case Errno.EOPNOTSUPP: r = IpsecBackendException.Reason.UNSUPPORTED; break;
            default: r = IpsecBackendException.Reason.BACKEND_FAILURE;
        }
        return new IpsecBackendException(r, what + ": " + e.getMessage(), e);
    }

    // ------------------------------------------------------------------ events

    private void onKernelEvent(XfrmEvent e) {
        IpsecEvent out = translate(e);
        if (out != null) listener.onEvent(out);
    }

    private IpsecEvent translate(XfrmEvent e) {
        if (e instanceof XfrmEvent.Expire x) {
            XfrmSaInfo s = x.state();
            Optional<IpsecProtocol> proto = protocol(s.proto());
            if (proto.isEmpty()) return null;
            SaId id = new SaId(s.spi(), s.dst(), proto.get());
            if (x.hard()) synchronized (this) { sas.remove(id); }
            IpsecEvent.LimitKind kind = limit(s, x.hard());
            return x.hard() ? new IpsecEvent.HardExpire(id, kind) : new IpsecEvent.SoftExpire(id, kind);
        }
        if (e instanceof XfrmEvent.Acquire a) {
            Policy match = null;
            synchronized (this) {
                for (Policy p : policies.values())
                    if (selector(p.selector()).equals(withoutIfindex(a.policy().selector())) && direction(p.direction()) == a.policy().dir()) match = p;
            }
            if (match == null || match.templates().isEmpty()) return null;   // not ours
            XfrmSelector s = a.packet();
            Selector packet = new Selector(new IpPrefix(s.src(), s.srcPrefix()), new IpPrefix(s.dst(), s.dstPrefix()), s.proto(), s.srcPort(), s.dstPort());
            return new IpsecEvent.Acquire(match, match.templates().get(0), packet);
        }
        if (e instanceof XfrmEvent.Mapping m) {
            Optional<IpsecProtocol> proto = protocol(m.proto());
            if (proto.isEmpty()) return null;
            return new IpsecEvent.NatMappingChange(new SaId(m.spi(), m.dst(), proto.get()),
                    new InetSocketAddress(m.oldSrc(), m.oldPort()), new InetSocketAddress(m.newSrc(), m.newPort()));
        }
        return null;
    }

    private static XfrmSelector withoutIfindex(XfrmSelector s) {
        return new XfrmSelector(s.src(), s.srcPrefix(), s.dst(), s.dstPrefix(), s.proto(), s.srcPort(), s.dstPort(), 0);
    }

    /** XFRM does not say which limit fired; the state's counters against its limits do. */
    static IpsecEvent.LimitKind limit(XfrmSaInfo s, boolean hard) {
        XfrmLifetime l = s.lifetime();
        long bytes = hard ? l.hardBytes() : l.softBytes(), packets = hard ? l.hardPackets() : l.softPackets();
        if (packets > 0 && s.packets() >= packets) return IpsecEvent.LimitKind.PACKETS;
        if (bytes > 0 && s.bytes() >= bytes) return IpsecEvent.LimitKind.BYTES;
        return IpsecEvent.LimitKind.TIME;
    }

    private static Optional<IpsecProtocol> protocol(int number) {
        for (IpsecProtocol p : IpsecProtocol.values()) if (p.number() == number) return Optional.of(p);
        return Optional.empty();
    }

}
