package rose.ike.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    private final PeerTable peers = new PeerTable();
    private final Map<Long, IkeSa> sas = new HashMap<>();
    /** The live IKE SAs of each peer (by name): initiate and INITIAL_CONTACT look here instead of scanning every SA. */
    private final Map<String, List<IkeSa>> sasByPeer = new HashMap<>();
    private final Map<String, IkeSa> halfOpen = new HashMap<>();
    private final Map<String, String> lastFailure = new HashMap<>();
    private final Map<IkeSaState, Long> transitions = new EnumMap<>(IkeSaState.class);
    private int halfOpenCount;
    private final InitiationPacing pacing;
    private Cookies cookies;
    private long cookiesSent, keepalivesSent, retransmits;
    /** IKEv1 (RFC 2409): peers with exchange-mode main/aggressive/base and ISAKMP version 1 datagrams go there. */
    private final rose.ike.v1.V1Daemon v1;

    public IkeDaemon(IkeSettings settings, Clock clock, IkeTransport transport, ChildSaInstaller installer, IkeLog log, SecureRandom random) {
        this.settings = settings; this.clock = clock; this.transport = transport; this.installer = installer; this.log = log; this.random = random;
        this.v1 = new rose.ike.v1.V1Daemon(settings, clock, transport, installer, log, random);
        this.pacing = new InitiationPacing(settings.initLimitHalfOpen());
    }

    /** Where mode-config responders lease addresses ({@code /ip pool}); none until the appliance gives them. */
    AddressPools pools = AddressPools.NONE;

    public void setAddressPools(AddressPools p) {
        this.pools = p == null ? AddressPools.NONE : p;
        v1.setAddressPools(this.pools);
    }

    /**
     * Dataplane workers whose SAs the installer can pin (RFC 9611 resources). With more than one,
     * IKE_AUTH offers SA_RESOURCE_INFO, and with a peer that answers it the initiator opens one
     * per-CPU Child SA per worker beyond the first beside the fallback SA ({@link PerCpuChildSas}).
     * 1 (the default): no notify, exactly one Child SA per policy.
     */
    volatile int workers = 1;

    public void setWorkers(int n) {
        if (n < 1) throw new IllegalArgumentException("workers " + n);
        this.workers = n;
    }

    /** The IKEv1 half (status views that only IKEv1 has: {@code phase1State}, {@code ipsecSas}). */
    public rose.ike.v1.V1Daemon v1() { return v1; }

    /** Replaces the peer set (the reconciler's whole view). SAs of removed peers are deleted. */
    public void setPeers(List<PeerConfig> newPeers) {
        List<PeerConfig> v2 = new ArrayList<>();
        for (PeerConfig p : newPeers) if (p.exchangeMode() == PeerConfig.ExchangeMode.IKE2) v2.add(p);
        peers.replace(v2);
        for (IkeSa sa : new ArrayList<>(sas.values())) if (!peers.contains(sa.peer().name())) sa.die("peer removed");
        v1.setPeers(newPeers);
    }

    /**
     * Starts IKE_SA_INIT + IKE_AUTH towards a peer unless an SA to it exists or is being made;
     * with {@link IkeSettings#initLimitHalfOpen} of ours already half-open, it waits its turn
     * ({@link InitiationPacing}).
     */
    public void initiate(String peerName) {
        PeerConfig p = peers.byName(peerName);
        if (p == null && v1.hasPeer(peerName)) { v1.initiate(peerName); return; }
        if (p == null) throw new IllegalArgumentException("no IKEv2 peer " + peerName);
        if (p.passive()) return;
        for (IkeSa sa : sasOf(peerName)) if (sa.peer() == p && sa.state() != IkeSaState.DEAD) return;
        if (!pacing.mayStart()) {
            pacing.defer(peerName);
            return;
        }
        start(p);
    }

    private void start(PeerConfig p) {
        InetAddress localAddr = p.localAddress() != null ? p.localAddress() : settings.defaultLocalAddress();
        IkeSa sa = new IkeSa(this, true, p, new InetSocketAddress(localAddr, settings.ikePort()),
                new InetSocketAddress(p.address().address(), p.port()), newIkeSpi(), 0);
        sas.put(sa.spiI(), sa);
        track(sa);
        sa.pacedInitiation = true;
        pacing.started();
        sa.enqueue(new IkeInitInitiator(sa));
        sa.enqueue(new IkeAuthInitiator(sa));
    }

    /** {@code kill-connections} for one peer: delete its IKE SAs (and so their CHILD_SAs). */
    public void terminate(String peerName) {
        pacing.cancel(peerName);
        v1.terminate(peerName);
        for (IkeSa sa : new ArrayList<>(sas.values())) {
            if (!sa.peer().name().equals(peerName)) continue;
            if (sa.state() == IkeSaState.ESTABLISHED) sa.enqueue(new IkeDeleteInitiator(sa));
            else sa.die("killed");
        }
    }

    /**
     * A datagram for UDP 500 or 4500. On 4500 (RFC 3948 §2.2) IKE messages start with the
     * non-ESP marker, which is stripped here; a keepalive (0xFF) is ignored; anything else on
     * 4500 is ESP and belongs to the dataplane, so it is dropped here.
     */
    public void onDatagram(Datagram d) {
        receive(d);
        startWaiting();
    }

    private void receive(Datagram d) {
        byte[] data = d.data();
        if (d.destination().getPort() == settings.natTPort()) {
            if (data.length == 1 && data[0] == (byte) 0xff) return;
            if (data.length < 4 || data[0] != 0 || data[1] != 0 || data[2] != 0 || data[3] != 0) {
                log.log(IkeLog.Level.DEBUG, "", "dropping ESP-in-UDP from " + d.source() + " (dataplane traffic)");
                return;
            }
            data = java.util.Arrays.copyOfRange(data, 4, data.length);
        }
        // ISAKMP and IKEv2 share the header layout up to the version octet (offset 17)
        if (data.length > 17 && (data[17] & 0xf0) == 0x10) {
            v1.onDatagram(d, data);
            return;
        }
        IkeMessage m;
        try {
            m = IkeMessage.decode(data);
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
                if (!cookieOk(m, d)) return;
                sa = new IkeSa(this, false, p, d.destination(), d.source(), h.spiI(), newIkeSpi());
                sas.put(sa.spiR(), sa);
                track(sa);
                halfOpen.put(key, sa);
                sa.halfOpenKey = key;
            }
            sa.onMessage(m, d);
            return;
        }
        IkeSa sa = sas.get(h.fromInitiator() ? h.spiR() : h.spiI());
        if (sa == null || sa.isInitiator() == h.fromInitiator() || (sa.spiR() != 0 && sa.spiR() != h.spiR() && h.spiR() != 0)
                || sa.spiI() != h.spiI()) {
            log.log(IkeLog.Level.DEBUG, "", "no IKE SA for " + Long.toHexString(h.spiI()) + ":" + Long.toHexString(h.spiR()));
            return;
        }
        sa.onMessage(m, d);
    }

    /**
     * §2.6: above {@code ddos-cookie-threshold} half-open SAs, an IKE_SA_INIT without a valid
     * COOKIE gets a stateless N(COOKIE) answer and creates nothing.
     */
    private boolean cookieOk(IkeMessage m, Datagram d) {
        if (halfOpenCount < settings.ddosCookieThreshold()) return true;
        rose.ike.message.NoncePayload ni = IkeMessage.first(m.payloads(), rose.ike.message.NoncePayload.class);
        if (ni == null) return false;
        long now = clock.nowMillis();
        if (cookies == null) cookies = new Cookies(random, settings.cookieSecretLifetime().toMillis(), now);
        rose.ike.message.NotifyPayload got = m.payloads().get(0) instanceof rose.ike.message.NotifyPayload n
                && n.notifyType() == rose.ike.message.NotifyType.COOKIE ? n : null;
        if (got != null && cookies.valid(got.data(), ni.nonce(), d.source().getAddress(), m.header().spiI(), now)) return true;
        cookiesSent++;
        byte[] cookie = cookies.make(ni.nonce(), d.source().getAddress(), m.header().spiI(), now);
        if (cookiesSent == 1 || cookiesSent % 1000 == 0)
            log.log(IkeLog.Level.WARNING, "", halfOpenCount + " half-open IKE SAs (ddos-cookie-threshold " + settings.ddosCookieThreshold()
                    + "): answering IKE_SA_INIT with COOKIE (" + cookiesSent + " so far)");
        byte[] out = IkeMessage.encodePlain(m.header().spiI(), 0, ExchangeType.IKE_SA_INIT, IkeHeader.FLAG_RESPONSE, 0,
                List.of(rose.ike.message.NotifyPayload.of(rose.ike.message.NotifyType.COOKIE, cookie)));
        send(d.destination(), d.source(), out);
        return false;
    }

    public void onTick() {
        long now = clock.nowMillis();
        for (IkeSa sa : new ArrayList<>(sas.values())) sa.onTick(now);
        v1.onTick();
        startWaiting();
    }

    /**
     * Waiting initiations take the slots that freed. Run after a datagram or a tick, never from
     * inside an SA's transition: the peer whose SA just died may be the next in line.
     */
    private void startWaiting() {
        for (String name; (name = pacing.next()) != null; ) {
            PeerConfig p = peers.byName(name);
            if (p == null || p.passive()) continue;   // removed or made passive while waiting
            boolean live = false;
            for (IkeSa sa : sasOf(name)) if (sa.peer() == p && sa.state() != IkeSaState.DEAD) live = true;
            if (!live) start(p);
        }
    }

    /** Initiations of ours between IKE_SA_INIT and the end of IKE_AUTH. */
    public int initiationsInFlight() { return pacing.inFlight(); }

    /** Initiations waiting for a free slot ({@link IkeSettings#initLimitHalfOpen}). */
    public int initiationsWaiting() { return pacing.waiting(); }

    /** Initiations that had to wait, since start. */
    public long initiationsDeferred() { return pacing.deferred(); }

    /** {@code /ip ipsec active-peers}: a snapshot. */
    public List<IkeSaView> activePeers() {
        List<IkeSa> l = new ArrayList<>(sas.values());
        l.sort((a, b) -> Long.compare(a.createdAt, b.createdAt));
        List<IkeSaView> out = new ArrayList<>();
        for (IkeSa sa : l) out.add(new IkeSaView(sa.peer().name(), sa.local(), sa.remote(), sa.state(), !sa.isInitiator(),
                sa.natDetected(), sa.spiI(), sa.spiR(), sa.activeChildCount(), sa.establishedAt == 0 ? 0 : clock.nowMillis() - sa.establishedAt));
        out.addAll(v1.activePeers());
        return out;
    }

    /**
     * A backend lifetime event for the CHILD_SA whose inbound SPI is {@code inboundSpi}
     * (lifebytes, or the backend's own timers): soft starts a rekey, hard removes the SA and
     * tells the peer. Unknown SPIs are ignored (the SA may be gone already).
     */
    public void onChildExpired(int inboundSpi, boolean hard) {
        if (v1.onChildExpired(inboundSpi, hard)) return;
        for (IkeSa sa : new ArrayList<>(sas.values())) {
            if (sa.state() != IkeSaState.ESTABLISHED) continue;
            ChildSa c = sa.childByInbound(inboundSpi & 0xffffffffL);
            if (c == null || !c.active()) continue;
            if (hard) {
                sa.log(IkeLog.Level.INFO, "CHILD SA reached its hard lifetime (backend): " + c.sa);
                sa.removeChild(c, "hard lifetime");
                sa.enqueue(new ChildDeleteInitiator(sa, c, false));
            } else if (!c.rekeyQueued && c.state == ChildSa.State.INSTALLED) {
                c.rekeyQueued = true;
                sa.enqueue(new ChildRekeyInitiator(sa, c));
            }
        }
    }

    /** The established IKE SA with a peer, or null (tests and the appliance's detail views). */
    IkeSa established(String peerName) {
        for (IkeSa sa : sasOf(peerName)) if (sa.state() == IkeSaState.ESTABLISHED) return sa;
        return null;
    }

    /** Why the last attempt with this peer failed, in plain words (for {@code explain} and the log). */
    public Optional<String> lastFailure(String peerName) {
        String v2 = lastFailure.get(peerName);
        return v2 != null ? Optional.of(v2) : v1.lastFailure(peerName);
    }

    /** Responder IKE SAs between IKE_SA_INIT and IKE_AUTH (what {@code ddos-cookie-threshold} counts). */
    public int halfOpenCount() { return halfOpenCount; }

    /** IKE_SA_INIT requests answered with a stateless COOKIE. */
    public long cookiesSent() { return cookiesSent; }

    /** Requests of ours sent again because no answer came in time (RFC 7296 §2.1): each is a loss somewhere, or a slow peer. */
    public long retransmits() { return retransmits; }

    /** NAT-T keepalives sent. */
    public long keepalivesSent() { return keepalivesSent; }

    /** How many times each state was entered. */
    public Map<IkeSaState, Long> transitionCounts() { return Map.copyOf(transitions); }

    // ---- package-private services for IkeSa and tasks ----

    void countRetransmit() { retransmits++; }

    /** One of our paced initiations left the half-open state: its slot is free at the next {@link #startWaiting}. */
    void initiationDone() { pacing.finished(); }

    void countTransition(IkeSaState from, IkeSaState to) { transitions.merge(to, 1L, Long::sum); }

    void recordFailure(String peer, String why) { lastFailure.put(peer, why); }

    void transmit(IkeSa sa, byte[] data) { send(sa.local(), sa.remote(), data); }

    /** IKE messages from the NAT-T port carry the non-ESP marker (RFC 3948 §2.2). */
    private void send(java.net.InetSocketAddress from, java.net.InetSocketAddress to, byte[] ike) {
        byte[] data = ike;
        if (from.getPort() == settings.natTPort()) {
            data = new byte[ike.length + 4];
            System.arraycopy(ike, 0, data, 4, ike.length);
        }
        transport.send(new Datagram(from, to, data));
    }

    /** RFC 3948 §2.3: one 0xFF octet keeps the NAT mapping of the side behind NAT alive. */
    void sendKeepalive(IkeSa sa) {
        keepalivesSent++;
        transport.send(new Datagram(sa.local(), sa.remote(), new byte[] {(byte) 0xff}));
    }

    void halfOpen(int delta) { halfOpenCount += delta; }

    /** Registers an IKE SA created by a rekey (its local SPI is already reserved). */
    void register(IkeSa sa) {
        sas.put(sa.localSpi(), sa);
        track(sa);
    }

    void forget(IkeSa sa) {
        sas.remove(sa.localSpi());
        untrack(sa, sa.peer().name());
        if (sa.halfOpenKey != null) halfOpen.remove(sa.halfOpenKey, sa);
    }

    /** The responder SA {@code sa} left IKE_SA_INIT/IKE_AUTH: its IKE_SA_INIT is no longer looked up by source and SPI. */
    void forgetHalfOpen(String key, IkeSa sa) { halfOpen.remove(key, sa); }

    /** Responder SAs still found by their initiator's address and SPI (the ones in IKE_SA_INIT/IKE_AUTH; tests). */
    int halfOpenLookups() { return halfOpen.size(); }

    private void track(IkeSa sa) { sasByPeer.computeIfAbsent(sa.peer().name(), k -> new ArrayList<>(2)).add(sa); }

    private void untrack(IkeSa sa, String peerName) {
        List<IkeSa> l = sasByPeer.get(peerName);
        if (l == null) return;
        l.remove(sa);
        if (l.isEmpty()) sasByPeer.remove(peerName);
    }

    private List<IkeSa> sasOf(String peerName) { return sasByPeer.getOrDefault(peerName, List.of()); }

    /** IKE_AUTH chose another peer for this SA (match-by remote-id): move it in the index. */
    void peerChanged(IkeSa sa, PeerConfig from) {
        untrack(sa, from.name());
        track(sa);
    }

    byte[] randomBytes(int n) { byte[] b = new byte[n]; random.nextBytes(b); return b; }

    long newIkeSpi() {
        long s;
        do { s = random.nextLong(); } while (s == 0 || sas.containsKey(s));
        return s;
    }

    int newChildSpi() {
        return Spis.newChildSpi(random);
    }

    /**
     * RouterOS {@code match-by=remote-id}: among the peers whose address covers the initiator's,
     * the one whose remote-id names this IDi exactly wins over one that accepts any (auto/ignore);
     * ties keep the longest address prefix, then the peer chosen at IKE_SA_INIT.
     */
    PeerConfig peerForIdentity(PeerConfig current, rose.ike.message.IdPayload idi, InetAddress a) {
        PeerConfig best = current;
        int bestScore = idScore(current, idi, a);
        for (PeerConfig p : peers.covering(a)) {
            int s = idScore(p, idi, a);
            if (s > bestScore || (s == bestScore && s > 0 && p != current && best != current && p.address().length() > best.address().length())) {
                best = p;
                bestScore = s;
            }
        }
        return best;
    }

    private static int idScore(PeerConfig p, rose.ike.message.IdPayload idi, InetAddress a) {
        rose.ike.config.IdSpec r = p.identity().remoteId();
        if (!Identities.matches(r, idi, a)) return 0;
        return r.kind() == rose.ike.config.IdSpec.Kind.AUTO || r.kind() == rose.ike.config.IdSpec.Kind.IGNORE ? 1 : 2;
    }

    private long seq;

    long nextSeq() { return ++seq; }

    /**
     * INITIAL_CONTACT (RFC 7296 §2.4): the peer has no other SAs with us; forget older ones of the
     * same identity, silently. Older: established before {@code fresh} began. An SA we started
     * while the peer started {@code fresh} (both ends at once) is one the peer knows about.
     */
    void initialContact(IkeSa fresh) {
        for (IkeSa sa : new ArrayList<>(sasOf(fresh.peer().name()))) {
            if (sa == fresh || sa.state() == IkeSaState.DEAD) continue;
            if (sa.establishedSeq == 0 || sa.establishedSeq > fresh.createdSeq) continue;
            if (sa.remoteIdentity != null && !java.util.Arrays.equals(sa.remoteIdentity, fresh.remoteIdentity)) continue;
            sa.log(IkeLog.Level.INFO, "INITIAL_CONTACT in " + fresh.spis() + ": removing older IKE SA " + sa.spis() + " and its CHILD SAs");
            sa.die("INITIAL_CONTACT");
        }
    }

    private PeerConfig peerFor(InetAddress a) { return peers.longestMatch(a); }
}
