package rose.ike.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rose.ike.config.PeerConfig;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeHeader;
import rose.ike.message.IkeMessage;

/**
 * The IKEv2 daemon, sans I/O.
 *
 * <ol>
 * <li>The appliance gives it peers ({@link #setPeers}), and calls {@link #initiate} for a
 *     peer (policy installed, acquire, or a RouterOS "initiate on start").</li>
 * <li>Datagrams from UDP 500/4500 come in through {@link #onDatagram}; the IKE header's SPIs
 *     and flags pick the {@link IkeSa} (an IKE_SA_INIT request with a zero responder SPI creates
 *     one for the peer whose address is the longest match).</li>
 * <li>Time moves only through {@link #onTick}: retransmission, DPD and half-open expiry.</li>
 * <li>Out go datagrams ({@link IkeTransport}) and CHILD_SAs ({@link ChildSaInstaller}).</li>
 * </ol>
 * One event-loop thread calls every method; there is no locking inside.
 */
public final class IkeDaemon {
    final IkeSettings settings;
    final Clock clock;
    final IkeTransport transport;
    final ChildSaInstaller installer;
    final IkeLog log;
    final SecureRandom random;

    private final Map<String, PeerConfig> peers = new LinkedHashMap<>();
    private final Map<Long, IkeSa> sas = new HashMap<>();
    private final Map<String, IkeSa> halfOpen = new HashMap<>();
    private final Map<String, String> lastFailure = new HashMap<>();
    private final Map<IkeSaState, Long> transitions = new EnumMap<>(IkeSaState.class);

    public IkeDaemon(IkeSettings settings, Clock clock, IkeTransport transport, ChildSaInstaller installer, IkeLog log, SecureRandom random) {
        this.settings = settings; this.clock = clock; this.transport = transport; this.installer = installer; this.log = log; this.random = random;
    }

    /** Replaces the peer set (the reconciler's whole view). SAs of removed peers are deleted. */
    public void setPeers(List<PeerConfig> newPeers) {
        peers.clear();
        for (PeerConfig p : newPeers) if (p.exchangeMode() == PeerConfig.ExchangeMode.IKE2) peers.put(p.name(), p);
        for (IkeSa sa : new ArrayList<>(sas.values())) if (!peers.containsKey(sa.peer().name())) sa.die("peer removed");
    }

    /** Starts IKE_SA_INIT + IKE_AUTH towards a peer unless an SA to it exists or is being made. */
    public void initiate(String peerName) {
        PeerConfig p = peers.get(peerName);
        if (p == null) throw new IllegalArgumentException("no IKEv2 peer " + peerName);
        if (p.passive()) return;
        for (IkeSa sa : sas.values()) if (sa.peer() == p && sa.state() != IkeSaState.DEAD) return;
        InetAddress localAddr = p.localAddress() != null ? p.localAddress() : settings.defaultLocalAddress();
        IkeSa sa = new IkeSa(this, true, p, new InetSocketAddress(localAddr, settings.ikePort()),
                new InetSocketAddress(p.address().address(), p.port()), newIkeSpi(), 0);
        sas.put(sa.spiI(), sa);
        sa.enqueue(new IkeInitInitiator(sa));
        sa.enqueue(new IkeAuthInitiator(sa));
    }

    /** {@code kill-connections} for one peer: delete its IKE SAs (and so their CHILD_SAs). */
    public void terminate(String peerName) {
        for (IkeSa sa : new ArrayList<>(sas.values())) {
            if (!sa.peer().name().equals(peerName)) continue;
            if (sa.state() == IkeSaState.ESTABLISHED) sa.enqueue(new IkeDeleteInitiator(sa));
            else sa.die("killed");
        }
    }

    public void onDatagram(Datagram d) {
        IkeMessage m;
        try {
            m = IkeMessage.decode(d.data());
        } catch (IkeException e) {
            log.log(IkeLog.Level.DEBUG, "", "dropping datagram from " + d.source() + ": " + e);
            return;
        }
        IkeHeader h = m.header();
        if (h.exchange() == ExchangeType.IKE_SA_INIT && !h.isResponse() && h.spiR() == 0) {
            String key = d.source() + "/" + Long.toHexString(h.spiI());
            IkeSa sa = halfOpen.get(key);
            if (sa == null) {
                PeerConfig p = peerFor(d.source().getAddress());
                if (p == null) {
                    log.log(IkeLog.Level.WARNING, "", "no IKEv2 peer for " + d.source().getAddress().getHostAddress() + ", dropping IKE_SA_INIT");
                    return;
                }
                sa = new IkeSa(this, false, p, d.destination(), d.source(), h.spiI(), newIkeSpi());
                sas.put(sa.spiR(), sa);
                halfOpen.put(key, sa);
            }
            sa.onMessage(m);
            return;
        }
        IkeSa sa = sas.get(h.fromInitiator() ? h.spiR() : h.spiI());
        if (sa == null || sa.isInitiator() == h.fromInitiator() || (sa.spiR() != 0 && sa.spiR() != h.spiR() && h.spiR() != 0)
                || sa.spiI() != h.spiI()) {
            log.log(IkeLog.Level.DEBUG, "", "no IKE SA for " + Long.toHexString(h.spiI()) + ":" + Long.toHexString(h.spiR()));
            return;
        }
        sa.onMessage(m);
    }

    public void onTick() {
        long now = clock.nowMillis();
        for (IkeSa sa : new ArrayList<>(sas.values())) sa.onTick(now);
    }

    /** {@code /ip ipsec active-peers}: a snapshot. */
    public List<IkeSaView> activePeers() {
        List<IkeSa> l = new ArrayList<>(sas.values());
        l.sort((a, b) -> Long.compare(a.createdAt, b.createdAt));
        List<IkeSaView> out = new ArrayList<>();
        for (IkeSa sa : l) out.add(new IkeSaView(sa.peer().name(), sa.local(), sa.remote(), sa.state(), !sa.isInitiator(),
                sa.natDetected(), sa.spiI(), sa.spiR(), sa.children().size(), sa.establishedAt == 0 ? 0 : clock.nowMillis() - sa.establishedAt));
        return out;
    }

    /** Why the last attempt with this peer failed, in plain words (for {@code explain} and the log). */
    public Optional<String> lastFailure(String peerName) { return Optional.ofNullable(lastFailure.get(peerName)); }

    /** How many times each state was entered. */
    public Map<IkeSaState, Long> transitionCounts() { return Map.copyOf(transitions); }

    // ---- package-private services for IkeSa and tasks ----

    void countTransition(IkeSaState from, IkeSaState to) { transitions.merge(to, 1L, Long::sum); }

    void recordFailure(String peer, String why) { lastFailure.put(peer, why); }

    void transmit(IkeSa sa, byte[] data) { transport.send(new Datagram(sa.local(), sa.remote(), data)); }

    void forget(IkeSa sa) {
        sas.remove(sa.localSpi());
        halfOpen.values().remove(sa);
    }

    byte[] randomBytes(int n) { byte[] b = new byte[n]; random.nextBytes(b); return b; }

    private long newIkeSpi() {
        long s;
        do { s = random.nextLong(); } while (s == 0 || sas.containsKey(s));
        return s;
    }

    int newChildSpi() {
        int s;
        do { s = random.nextInt(); } while (Integer.compareUnsigned(s, 256) < 0);
        return s;
    }

    private PeerConfig peerFor(InetAddress a) {
        PeerConfig best = null;
        for (PeerConfig p : peers.values())
            if (p.address().contains(a) && (best == null || p.address().length() > best.address().length())) best = p;
        return best;
    }
}
