package rose.ike.v1;

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
import rose.ike.core.ChildSaInstaller;
import rose.ike.core.Clock;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.core.IkeSaState;
import rose.ike.core.IkeSaView;
import rose.ike.core.IkeSettings;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.core.IkeTransport;
import rose.ike.v1.message.IsakmpException;
import rose.ike.v1.message.IsakmpHeader;
import rose.ike.v1.message.IsakmpMessage;
import rose.ike.v1.message.V1ExchangeType;

/**
 * The IKEv1 half of the daemon, sans I/O. {@link rose.ike.core.IkeDaemon} is the front door:
 * it hands over peers whose {@code exchange-mode} is main, aggressive or base, and datagrams
 * whose ISAKMP major version is 1 (non-ESP marker already stripped on 4500).
 *
 * <ol>
 * <li>{@link #initiate}: main mode (or aggressive) to the peer; when phase 1 is up, one quick
 *     mode per policy.</li>
 * <li>{@link #onDatagram}: the cookie pair picks the {@link IsakmpSa}; a first message (zero
 *     responder cookie) creates one for the peer whose address is the longest match and whose
 *     exchange mode fits.</li>
 * <li>{@link #onTick}: retransmission, DPD, keepalives, lifetimes.</li>
 * <li>Out go datagrams (marker added on 4500) and phase-2 SAs through the same
 *     {@link ChildSaInstaller} as IKEv2: inbound first, then outbound.</li>
 * </ol>
 * {@code base} exchange mode is negotiated as main mode (identity protection); RouterOS peers
 * configured with {@code base} accept main-mode initiators.
 */
public final class V1Daemon {
    final IkeSettings settings;
    final Clock clock;
    final IkeTransport transport;
    final ChildSaInstaller installer;
    final IkeLog log;
    final SecureRandom random;

    private final Map<String, PeerConfig> peers = new LinkedHashMap<>();
    private final Map<Long, IsakmpSa> sas = new HashMap<>();
    private final Map<String, String> lastFailure = new HashMap<>();
    private final Map<IsakmpSaState, Long> transitions = new EnumMap<>(IsakmpSaState.class);

    public V1Daemon(IkeSettings settings, Clock clock, IkeTransport transport, ChildSaInstaller installer, IkeLog log, SecureRandom random) {
        this.settings = settings; this.clock = clock; this.transport = transport; this.installer = installer; this.log = log; this.random = random;
    }

    /** Replaces the IKEv1 peers; SAs of removed peers are deleted. */
    public void setPeers(List<PeerConfig> newPeers) {
        peers.clear();
        for (PeerConfig p : newPeers) if (p.exchangeMode() != PeerConfig.ExchangeMode.IKE2) peers.put(p.name(), p);
        for (IsakmpSa sa : new ArrayList<>(sas.values())) if (!peers.containsKey(sa.peer.name())) sa.die("peer removed");
    }

    public boolean hasPeer(String name) { return peers.containsKey(name); }

    public void initiate(String peerName) {
        PeerConfig p = peers.get(peerName);
        if (p == null) throw new IllegalArgumentException("no IKEv1 peer " + peerName);
        if (p.passive()) return;
        for (IsakmpSa sa : sas.values()) if (sa.peer == p && sa.state() != IsakmpSaState.DEAD && sa.state() != IsakmpSaState.EXPIRED) return;
        start(p, null);
    }

    private void start(PeerConfig p, IsakmpSa replaces) {
        InetAddress localAddr = p.localAddress() != null ? p.localAddress() : settings.defaultLocalAddress();
        IsakmpSa sa = new IsakmpSa(this, true, p, new InetSocketAddress(localAddr, settings.ikePort()),
                new InetSocketAddress(p.address().address(), p.port()), newCookie(), 0);
        sa.replaces = replaces;
        sas.put(sa.ckyI, sa);
        if (p.exchangeMode() == PeerConfig.ExchangeMode.AGGRESSIVE) {
            AggressiveModeInitiator x = new AggressiveModeInitiator(sa);
            sa.exchanges.put(0, x);
            x.start();
        } else {
            MainModeInitiator x = new MainModeInitiator(sa);
            sa.exchanges.put(0, x);
            x.start();
        }
    }

    /** Phase-1 rekey before the lifetime (RouterOS does it only with DPD on): a new main mode; the old SA hands its IPsec SAs over. */
    void rekeyPhase1(IsakmpSa old) {
        log.log(IkeLog.Level.INFO, old.peer.name(), "rekeying ISAKMP SA " + old.cookies());
        start(old.peer, old);
    }

    /** {@code kill-connections}: Delete the peer's ISAKMP and IPsec SAs and forget them. */
    public void terminate(String peerName) {
        for (IsakmpSa sa : new ArrayList<>(sas.values())) {
            if (!sa.peer.name().equals(peerName)) continue;
            if (sa.state() == IsakmpSaState.ESTABLISHED) {
                List<NegotiatedChildSa> children = new ArrayList<>();
                for (Phase2Sa c : sa.children) children.add(c.sa);
                if (!children.isEmpty()) Informational.send(sa, Informational.deletePhase2(children));
                Informational.send(sa, List.of(Informational.deleteIsakmp(sa)));
            }
            sa.die("killed");
        }
    }

    /** An ISAKMP datagram ({@code data}: marker stripped) that arrived as {@code d}. */
    public void onDatagram(Datagram d, byte[] data) {
        IsakmpMessage m;
        try {
            m = IsakmpMessage.decode(data);
        } catch (IsakmpException e) {
            log.log(IkeLog.Level.DEBUG, "", "dropping ISAKMP datagram from " + d.source() + ": " + e);
            return;
        }
        IsakmpHeader h = m.header();
        IsakmpSa sa = sas.get(h.icookie());
        if (sa == null) {
            if (h.rcookie() != 0 || h.messageId() != 0) {
                log.log(IkeLog.Level.DEBUG, "", "no ISAKMP SA for " + Long.toHexString(h.icookie()) + ":" + Long.toHexString(h.rcookie()));
                return;
            }
            sa = respond(h, d);
            if (sa == null) return;
        } else if (sa.initiator ? sa.ckyR != 0 && h.rcookie() != sa.ckyR : h.rcookie() != 0 && h.rcookie() != sa.ckyR) {
            log.log(IkeLog.Level.DEBUG, "", "cookie mismatch for " + sa.cookies() + ", dropped");
            return;
        }
        sa.onMessage(m, d);
    }

    private IsakmpSa respond(IsakmpHeader h, Datagram d) {
        PeerConfig.ExchangeMode want;
        if (h.exchange() == V1ExchangeType.IDENTITY_PROTECTION) want = PeerConfig.ExchangeMode.MAIN;
        else if (h.exchange() == V1ExchangeType.AGGRESSIVE) want = PeerConfig.ExchangeMode.AGGRESSIVE;
        else {
            log.log(IkeLog.Level.DEBUG, "", "unsupported first exchange " + V1ExchangeType.name(h.exchange()) + " from " + d.source());
            return null;
        }
        PeerConfig best = null;
        for (PeerConfig p : peers.values()) {
            PeerConfig.ExchangeMode mode = p.exchangeMode() == PeerConfig.ExchangeMode.BASE ? PeerConfig.ExchangeMode.MAIN : p.exchangeMode();
            if (mode == want && p.address().contains(d.source().getAddress()) && (best == null || p.address().length() > best.address().length())) best = p;
        }
        if (best == null) {
            log.log(IkeLog.Level.WARNING, "", "no " + (want == PeerConfig.ExchangeMode.MAIN ? "main" : "aggressive") + " mode IKEv1 peer for "
                    + d.source().getAddress().getHostAddress() + ", dropping " + V1ExchangeType.name(h.exchange()));
            return null;
        }
        IsakmpSa sa = new IsakmpSa(this, false, best, d.destination(), d.source(), h.icookie(), newCookie());
        sa.exchanges.put(0, want == PeerConfig.ExchangeMode.MAIN ? new MainModeResponder(sa) : new AggressiveModeResponder(sa));
        sas.put(sa.ckyI, sa);
        return sa;
    }

    public void onTick() {
        long now = clock.nowMillis();
        for (IsakmpSa sa : new ArrayList<>(sas.values())) sa.onTick(now);
    }

    /** Backend lifetime event (lifebytes) for the IPsec SA with this inbound SPI: soft rekeys, hard deletes. */
    public boolean onChildExpired(int inboundSpi, boolean hard) {
        for (IsakmpSa sa : new ArrayList<>(sas.values())) {
            if (sa.state() != IsakmpSaState.ESTABLISHED) continue;
            Phase2Sa c = sa.childByInbound(inboundSpi);
            if (c == null || !c.active()) continue;
            if (hard) {
                sa.removeChild(c, "hard lifetime");
                Informational.send(sa, Informational.deletePhase2(List.of(c.sa)));
            } else if (!c.rekeyQueued) {
                c.rekeyQueued = true;
                sa.startQuickMode(c.policy, c);
            }
            return true;
        }
        return false;
    }

    /**
     * {@code active-peers} rows. The state column uses {@link IkeSaState}: ESTABLISHED, DELETING
     * (expired), DEAD, and INIT_SENT / INIT_RESPONDED while phase 1 is being negotiated as
     * initiator / responder; {@link #phase1State} gives RouterOS's IKEv1 word (message-N-sent).
     */
    public List<IkeSaView> activePeers() {
        List<IsakmpSa> l = new ArrayList<>(sas.values());
        l.sort((a, b) -> Long.compare(a.createdAt, b.createdAt));
        List<IkeSaView> out = new ArrayList<>();
        for (IsakmpSa sa : l) {
            IkeSaState st = sa.state() == IsakmpSaState.ESTABLISHED ? IkeSaState.ESTABLISHED : sa.state() == IsakmpSaState.EXPIRED ? IkeSaState.DELETING
                    : sa.state() == IsakmpSaState.DEAD ? IkeSaState.DEAD : sa.initiator ? IkeSaState.INIT_SENT : IkeSaState.INIT_RESPONDED;
            out.add(new IkeSaView(sa.peer.name(), sa.local, sa.remote, st, !sa.initiator, sa.natDetected(), sa.ckyI, sa.ckyR,
                    sa.activeChildren().size(), sa.establishedAt == 0 ? 0 : clock.nowMillis() - sa.establishedAt));
        }
        return out;
    }

    /** RouterOS's IKEv1 state word for the peer's newest ISAKMP SA ({@code message-3-sent}, {@code established}, ...). */
    public Optional<String> phase1State(String peerName) {
        IsakmpSa best = null;
        for (IsakmpSa sa : sas.values()) if (sa.peer.name().equals(peerName) && (best == null || sa.createdAt >= best.createdAt)) best = sa;
        return best == null ? Optional.empty() : Optional.of(best.state().routerOsWord);
    }

    /** The installed phase-2 SAs with a peer (tests and detail views). */
    public List<rose.ike.core.NegotiatedChildSa> ipsecSas(String peerName) {
        List<rose.ike.core.NegotiatedChildSa> l = new ArrayList<>();
        for (IsakmpSa sa : sas.values()) if (sa.peer.name().equals(peerName)) l.addAll(sa.activeChildren());
        return l;
    }

    public Optional<String> lastFailure(String peerName) { return Optional.ofNullable(lastFailure.get(peerName)); }

    /** How many times each ISAKMP SA state was entered, by RouterOS word. */
    public Map<String, Long> transitionCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var e : transitions.entrySet()) m.put(e.getKey().routerOsWord, e.getValue());
        return m;
    }

    // ---- services for IsakmpSa and exchanges ----

    void countTransition(IsakmpSaState to) { transitions.merge(to, 1L, Long::sum); }

    void recordFailure(String peer, String why) { lastFailure.put(peer, why); }

    /** Where a mode-config server leases addresses ({@code /ip pool}); the front door passes its own on. */
    rose.ike.core.AddressPools pools = rose.ike.core.AddressPools.NONE;

    public void setAddressPools(rose.ike.core.AddressPools p) { this.pools = p == null ? rose.ike.core.AddressPools.NONE : p; }

    private Map<String, String> xauthUsers = Map.of();

    /** {@code /ip ipsec user}: name to password, what an XAuth server checks its clients against. */
    public void setXauthUsers(Map<String, String> users) { xauthUsers = Map.copyOf(users); }

    /** The password of an XAuth user, or null when there is no such user. */
    String xauthPassword(String user) { return xauthUsers.get(user); }

    /** IKE messages from the NAT-T port carry the non-ESP marker (RFC 3948 §2.2). */
    void transmit(InetSocketAddress from, InetSocketAddress to, byte[] ike) {
        byte[] data = ike;
        if (from.getPort() == settings.natTPort()) {
            data = new byte[ike.length + 4];
            System.arraycopy(ike, 0, data, 4, ike.length);
        }
        transport.send(new Datagram(from, to, data));
    }

    void sendKeepalive(InetSocketAddress from, InetSocketAddress to) { transport.send(new Datagram(from, to, new byte[] {(byte) 0xff})); }

    void forget(IsakmpSa sa) { sas.remove(sa.ckyI, sa); }

    byte[] randomBytes(int n) { byte[] b = new byte[n]; random.nextBytes(b); return b; }

    long newCookie() {
        long c;
        do { c = random.nextLong(); } while (c == 0 || sas.containsKey(c));
        return c;
    }

    int newChildSpi() {
        return rose.ike.core.Spis.newChildSpi(random);
    }

    IsakmpSa newestEstablished(String peerName, IsakmpSa except) {
        IsakmpSa best = null;
        for (IsakmpSa sa : sas.values())
            if (sa != except && sa.peer.name().equals(peerName) && sa.state() == IsakmpSaState.ESTABLISHED && (best == null || sa.createdAt > best.createdAt)) best = sa;
        return best;
    }

    private long seq;

    long nextSeq() { return ++seq; }

    /**
     * INITIAL-CONTACT: the peer lost its state; older SAs with the same identity go, silently.
     * Older means established before {@code fresh} began: when both ends start phase 1 at once
     * each one's INITIAL-CONTACT arrives in the SA the other started, and removing every other SA
     * left each end holding the one the other end had just removed (no common SA, no phase 2).
     */
    void initialContact(IsakmpSa fresh) {
        for (IsakmpSa sa : new ArrayList<>(sas.values())) {
            if (sa == fresh || sa == fresh.replaces || !sa.peer.name().equals(fresh.peer.name()) || sa.state() == IsakmpSaState.DEAD) continue;
            if (sa.establishedSeq == 0 || sa.establishedSeq > fresh.createdSeq) {
                sa.log(IkeLog.Level.DEBUG, "INITIAL-CONTACT in " + fresh.cookies() + ": keeping " + sa.cookies() + ", started while that one was being negotiated");
                continue;
            }
            if (sa.remoteId != null && fresh.remoteId != null && !java.util.Arrays.equals(sa.remoteId, fresh.remoteId)) continue;
            sa.log(IkeLog.Level.INFO, "INITIAL-CONTACT in " + fresh.cookies() + ": removing older ISAKMP SA " + sa.cookies() + " and its IPsec SAs");
            sa.die("INITIAL-CONTACT");
        }
    }
}
