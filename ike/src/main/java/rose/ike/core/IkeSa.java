package rose.ike.core;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import rose.ike.config.PeerConfig;
import rose.ike.config.Policy;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.KeyExchange;
import rose.ike.crypto.SkCipher;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeHeader;
import rose.ike.message.IkeMessage;
import rose.ike.message.NotifyPayload;
import rose.ike.message.NotifyType;
import rose.ike.message.Payload;
import rose.ike.message.PayloadChain;
import rose.ike.message.PayloadRules;
import rose.ike.message.Proposal;
import rose.ike.message.SaPayload;
import rose.ike.message.SkfPayload;

/**
 * One IKE SA and its two exchange windows (RFC 7296 §2.1-§2.3), window size 1 each way.
 *
 * <ol>
 * <li>Our requests: a queue of {@link InitiatorTask}s; the head is sent with message ID
 *     {@code nextRequestId} and kept until its response arrives; the timer resends it with
 *     exponential back-off and gives up after the configured tries.</li>
 * <li>Their requests: {@code expectedRequestId} is processed by the {@link ResponderTask} for
 *     its exchange; the encoded response is cached and resent, unchanged, when the same request
 *     arrives again (§2.1: a retransmitted request is answered, not reprocessed).</li>
 * <li>Every protected message is opened (SKF fragments reassembled, RFC 7383), then checked
 *     against {@link PayloadRules}, before a task sees it. Messages that fail integrity are
 *     dropped without an answer (§2.21.2).</li>
 * <li>An authenticated message from a new address/port of a peer behind NAT moves the SA there
 *     (§2.23) and tells the installer (NAT mapping change).</li>
 * <li>The timer also drives NAT-T keepalives, CHILD_SA and IKE SA lifetimes (rekey at the soft,
 *     delete at the hard lifetime) and retires rekeyed CHILD_SAs ({@link ChildSaLifecycle}).</li>
 * </ol>
 * Single-threaded: only the daemon's event loop calls in.
 */
public final class IkeSa {
    final IkeDaemon daemon;
    final boolean initiator;
    PeerConfig peer;
    InetSocketAddress local;
    InetSocketAddress remote;
    long spiI, spiR;
    private IkeSaState state = IkeSaState.CREATED;
    final long createdAt;
    /** Order of events in the daemon (a manual clock gives many the same millisecond); INITIAL_CONTACT compares them. */
    final long createdSeq;
    long establishedSeq;
    long lastInbound, lastOutbound;
    long establishedAt, rekeyAt = Long.MAX_VALUE, expireAt = Long.MAX_VALUE, rekeyedAt;
    boolean rekeyQueued;

    // IKE_SA_INIT results, used by IKE_AUTH and the first CHILD_SA
    byte[] ni, nr;
    KeyExchange ke;
    IkeSuite suite;
    IkeKeys keys;
    SkCipher outCipher, inCipher;
    byte[] initRequestRaw, initResponseRaw;
    boolean natLocal, natRemote;
    boolean fragmentation;
    /** The peer's SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4) from IKE_SA_INIT; empty: legacy signature methods. */
    java.util.Set<Integer> peerSignatureHashes = java.util.Set.of();
    /** The side that initiated the original IKE SA creates CHILD_SAs for the further policies. */
    boolean createsChildren;
    /** Both ends sent SA_RESOURCE_INFO in IKE_AUTH: policies get a fallback SA and per-CPU SAs ({@link PerCpuChildSas}). */
    boolean perCpuSas;
    /** The peer's ID payload body (INITIAL_CONTACT compares it). */
    byte[] remoteIdentity;
    final List<ChildSa> children = new ArrayList<>();
    /** IKE SA rekey (§2.18): the SA created by the peer's rekey of this one while ours was in flight. */
    IkeSa peerRekey;
    /** Mode-config: the address we gave (responder) or got (client), the pool it was leased from (responder), and the policies made for it. */
    java.net.InetAddress assignedAddress;
    String leasePool;
    final List<Policy> generated = new ArrayList<>();
    /** Responder: the key under which the daemon finds this SA for a retransmitted IKE_SA_INIT. */
    String halfOpenKey;
    /** Started by {@link IkeDaemon#initiate}: holds one of the paced initiation slots until established or dead. */
    boolean pacedInitiation;
    /** After a rekey: the IKE SA that took over our CHILD_SAs. */
    IkeSa successor;

    // exchange windows
    private final Deque<InitiatorTask> queue = new ArrayDeque<>();
    private InitiatorTask current;
    private long nextRequestId, expectedRequestId;
    private List<byte[]> outstanding;
    private int tries;
    private long retransmitAt;
    private List<byte[]> lastResponse;
    private boolean closeAfterResponse;
    private final FragmentBuffer requestFragments = new FragmentBuffer(), responseFragments = new FragmentBuffer();

    IkeSa(IkeDaemon daemon, boolean initiator, PeerConfig peer, InetSocketAddress local, InetSocketAddress remote, long spiI, long spiR) {
        this.daemon = daemon; this.initiator = initiator; this.peer = peer; this.local = local; this.remote = remote;
        this.spiI = spiI; this.spiR = spiR;
        this.createdAt = this.lastInbound = daemon.clock.nowMillis();
        this.createdSeq = daemon.nextSeq();
    }

    public IkeSaState state() { return state; }
    public long spiI() { return spiI; }
    public long spiR() { return spiR; }
    public boolean isInitiator() { return initiator; }
    public PeerConfig peer() { return peer; }
    public InetSocketAddress remote() { return remote; }
    public InetSocketAddress local() { return local; }
    public boolean natDetected() { return natLocal || natRemote; }
    long localSpi() { return initiator ? spiI : spiR; }

    /** The configured policies of the peer and those generated for this IKE SA (mode-config, generate-policy). */
    List<Policy> policies() {
        if (generated.isEmpty()) return peer.policies();
        List<Policy> all = new ArrayList<>(peer.policies());
        all.addAll(generated);
        return all;
    }

    /** Mode-config: the address given to the peer or received from it, or null. */
    public java.net.InetAddress assignedAddress() { return assignedAddress; }

    /** How many {@link #children()} there are, without the list (active-peers counts them for every IKE SA, per status snapshot). */
    public int activeChildCount() {
        int n = 0;
        for (ChildSa c : children) if (c.active()) n++;
        return n;
    }

    /** The CHILD_SAs carrying traffic (rekeyed ones on their way out are not listed). */
    public List<NegotiatedChildSa> children() {
        List<NegotiatedChildSa> l = new ArrayList<>();
        for (ChildSa c : children) if (c.active()) l.add(c.sa);
        return l;
    }

    /** The only way the state changes: validated, logged {@code old -> new}, counted. */
    void transitionTo(IkeSaState next) {
        if (!state.successors().contains(next)) throw new IllegalStateException("IKE SA " + spis() + ": " + state + " -> " + next + " is not allowed");
        log(IkeLog.Level.DEBUG, "IKE SA " + spis() + " " + state + " -> " + next);
        daemon.countTransition(state, next);
        if (state == IkeSaState.INIT_RESPONDED) daemon.halfOpen(-1);
        if (next == IkeSaState.INIT_RESPONDED) daemon.halfOpen(+1);
        if (next == IkeSaState.ESTABLISHED) {
            lifetimesFrom(daemon.clock.nowMillis());
            if (establishedSeq == 0) establishedSeq = daemon.nextSeq();
            initialExchangesDone();
        }
        if (next == IkeSaState.REKEYED) rekeyedAt = daemon.clock.nowMillis();
        if (pacedInitiation && (next == IkeSaState.ESTABLISHED || next == IkeSaState.DEAD)) {
            pacedInitiation = false;
            daemon.initiationDone();
        }
        state = next;
    }

    /**
     * IKE_AUTH is over: what only IKE_SA_INIT and IKE_AUTH needed goes, as strongSwan drops its
     * init hash and DH object once an IKE SA is up. The DH private value (once the shared secret
     * is derived it only serves someone who reads our memory: forward secrecy wants it gone), both
     * IKE_SA_INIT messages (the AUTH payloads sign them, ~0.5 KB each), and the responder's
     * half-open lookup (a retransmitted IKE_SA_INIT arriving after this starts a new half-open SA
     * that times out; §2.1 answers retransmissions of the current request only, from
     * {@code lastResponse}). Otherwise a router with a thousand tunnels holds a thousand of each for
     * the SAs' whole life. The nonces stay: the first CHILD_SA's keys, made after this, are derived
     * from them (§2.17).
     */
    private void initialExchangesDone() {
        ke = null;
        initRequestRaw = null;
        initResponseRaw = null;
        if (halfOpenKey != null) {
            daemon.forgetHalfOpen(halfOpenKey, this);
            halfOpenKey = null;
        }
    }

    private void lifetimesFrom(long now) {
        establishedAt = now;
        long life = peer.profile().lifetime() == null ? 0 : peer.profile().lifetime().toMillis();
        if (life <= 0) return;
        expireAt = now + life;
        // rekey at 80-90 % of the lifetime, jittered so both ends rarely start at once (§2.8.1)
        rekeyAt = now + life * 8 / 10 + (life / 10 == 0 ? 0 : (long) (daemon.random.nextDouble() * (life / 10)));
    }

    String spis() { return String.format("%016x:%016x", spiI, spiR); }

    String endpoints() {
        return local.getAddress().getHostAddress() + "[" + local.getPort() + "]<=>" + remote.getAddress().getHostAddress() + "[" + remote.getPort() + "]";
    }

    void log(IkeLog.Level l, String m) { daemon.log.log(l, peer.name(), m); }

    // ---- our requests ----

    void enqueue(InitiatorTask t) {
        queue.add(t);
        kick();
    }

    boolean busyWith(Class<? extends InitiatorTask> c) {
        if (c.isInstance(current)) return true;
        for (InitiatorTask t : queue) if (c.isInstance(t)) return true;
        return false;
    }

    InitiatorTask current() { return current; }

    void dropQueued(Class<? extends InitiatorTask> c) { queue.removeIf(c::isInstance); }

    /** The peer wants no more per-CPU SAs of {@code p} (TS_MAX_QUEUE): the queued requests for them go. */
    void dropQueuedPerCpu(Policy p) { queue.removeIf(t -> t instanceof ChildCreateInitiator c && c.perCpuFor(p)); }

    private void kick() {
        if (current != null || queue.isEmpty() || state == IkeSaState.DEAD) return;
        // A rekeyed IKE SA only carries its own deletion (§2.18: the Delete is the last request on it).
        if (state == IkeSaState.REKEYED || state == IkeSaState.DELETING) queue.removeIf(t -> !(t instanceof IkeDeleteInitiator));
        if (queue.isEmpty()) return;
        current = queue.poll();
        sendCurrent();
    }

    private void sendCurrent() {
        List<Payload> payloads;
        try {
            payloads = current.buildRequest();
        } catch (IkeException e) {
            fail(e.notifyType(), e.reason());
            return;
        }
        if (current == null) { kick(); return; } // the task found nothing left to do
        ExchangeType ex = current.exchange();
        outstanding = encode(ex, false, nextRequestId, payloads);
        if (ex == ExchangeType.IKE_SA_INIT) initRequestRaw = outstanding.get(0);
        tries = 0;
        retransmitAt = daemon.clock.nowMillis() + retransmitDelay(0);
        transmit(outstanding);
    }

    /** Cancels the running task without sending (used by a task from buildRequest). */
    void abandonCurrent() { current = null; outstanding = null; }

    /** The datagrams of one message: one, or SKF fragments when it would exceed the fragment size (RFC 7383 §2.5). */
    private List<byte[]> encode(ExchangeType ex, boolean response, long mid, List<Payload> payloads) {
        int flags = (initiator ? IkeHeader.FLAG_INITIATOR : 0) | (response ? IkeHeader.FLAG_RESPONSE : 0);
        if (ex == ExchangeType.IKE_SA_INIT) return List.of(IkeMessage.encodePlain(spiI, spiR, ex, flags, mid, payloads));
        byte[] whole = outCipher.seal(spiI, spiR, ex, flags, mid, payloads, daemon.random);
        int limit = daemon.settings.fragmentSize() - (local.getPort() == daemon.settings.natTPort() ? 4 : 0);
        if (!fragmentation || whole.length <= limit) return List.of(whole);
        List<byte[]> frags = outCipher.sealFragments(spiI, spiR, ex, flags, mid, payloads, limit, daemon.random);
        log(IkeLog.Level.DEBUG, ex + ":" + mid + " of " + whole.length + " bytes sent in " + frags.size() + " fragments");
        return frags;
    }

    private void transmit(List<byte[]> datagrams) {
        lastOutbound = daemon.clock.nowMillis();
        for (byte[] d : datagrams) daemon.transmit(this, d);
    }

    // ---- incoming ----

    void onMessage(IkeMessage m, Datagram d) {
        IkeHeader h = m.header();
        if (h.isResponse()) onResponse(m, d);
        else onRequest(m, d);
    }

    private void onResponse(IkeMessage m, Datagram d) {
        IkeHeader h = m.header();
        if (current == null || h.messageId() != nextRequestId || h.exchange() != current.exchange()) {
            log(IkeLog.Level.DEBUG, "dropping unexpected response " + h.exchange() + ":" + h.messageId());
            return;
        }
        List<Payload> payloads = open(m, responseFragments);
        if (payloads == null) return;
        lastInbound = daemon.clock.nowMillis();
        if (h.exchange() == ExchangeType.IKE_SA_INIT) {
            if (spiR == 0) spiR = h.spiR();
            initResponseRaw = m.raw();
        } else {
            followPeer(d);
        }
        try {
            PayloadRules.check(h.exchange(), true, payloads);
        } catch (IkeException e) {
            fail(e.notifyType(), "malformed " + h.exchange() + " response: " + e.reason());
            return;
        }
        InitiatorTask task = current;
        TaskResult r = task.onResponse(payloads, m);
        if (state == IkeSaState.DEAD) return;
        if (r instanceof TaskResult.Stale) {
            log(IkeLog.Level.DEBUG, "dropping a stale " + h.exchange() + " response (answer to an earlier transmission)");
            return;
        }
        if (r instanceof TaskResult.NeedMore) {
            if (h.exchange() != ExchangeType.IKE_SA_INIT) nextRequestId++;
            sendCurrent();
            return;
        }
        if (current == task) {
            outstanding = null;
            current = null;
        }
        nextRequestId++;
        if (r instanceof TaskResult.Failed f) {
            fail(f.notifyType(), f.reason());
            return;
        }
        kick();
    }

    private void onRequest(IkeMessage m, Datagram d) {
        IkeHeader h = m.header();
        if (lastResponse != null && h.messageId() == expectedRequestId - 1) {
            if (h.exchange() == ExchangeType.IKE_SA_INIT) adoptCookieRetry(m);
            // RFC 7383 §2.6.1: a fragmented request is answered again only on its first fragment
            SkfPayload f = m.skf();
            if (f == null || f.fragmentNumber() == 1) {
                log(IkeLog.Level.DEBUG, "retransmitting response " + h.exchange() + ":" + h.messageId());
                transmit(lastResponse);
            }
            return;
        }
        if (h.messageId() != expectedRequestId) {
            log(IkeLog.Level.DEBUG, "dropping request with message ID " + h.messageId() + ", expected " + expectedRequestId);
            return;
        }
        List<Payload> payloads = open(m, requestFragments);
        if (payloads == null) return;
        lastInbound = daemon.clock.nowMillis();
        if (h.exchange() == ExchangeType.IKE_SA_INIT) initRequestRaw = m.raw();
        else followPeer(d);
        ResponderTask task;
        TaskResult r;
        try {
            PayloadRules.check(h.exchange(), false, payloads);
            task = responderFor(h.exchange(), payloads);
            r = task == null ? null : task.onRequest(payloads, m);
        } catch (IkeException e) {
            respond(h, List.of(NotifyPayload.of(e.notifyType())));
            if (h.exchange() == ExchangeType.IKE_SA_INIT) fail(e.notifyType(), e.reason());
            return;
        }
        if (task == null) {
            respond(h, List.of(NotifyPayload.of(h.exchange() == ExchangeType.CREATE_CHILD_SA ? NotifyType.TEMPORARY_FAILURE : NotifyType.INVALID_SYNTAX)));
            return;
        }
        respond(h, task.response());
        if (r instanceof TaskResult.Failed f) fail(f.notifyType(), f.reason());
        else if (closeAfterResponse) die("deleted by peer");
    }

    /**
     * §2.6 under load: our COOKIE answer and the SA we created for the initiator's retransmission
     * (when the half-open count had dropped below the threshold) cross; the initiator, holding our
     * SA answer, signs the request it sent last, the one with the COOKIE, and it ends up here as a
     * "retransmission". Same SPI, SA, KE and nonce, only the COOKIE added: it becomes the request
     * our AUTH is checked against; anything else different is not the same exchange and is ignored.
     */
    private void adoptCookieRetry(IkeMessage m) {
        if (state != IkeSaState.INIT_RESPONDED || java.util.Arrays.equals(m.raw(), initRequestRaw)) return;
        List<Payload> now = m.payloads();
        if (now.isEmpty() || !(now.get(0) instanceof NotifyPayload n) || n.notifyType() != NotifyType.COOKIE) return;
        IkeMessage before;
        try {
            before = IkeMessage.decode(initRequestRaw);
        } catch (IkeException e) {
            return;
        }
        rose.ike.message.NoncePayload ni = IkeMessage.first(now, rose.ike.message.NoncePayload.class);
        rose.ike.message.KePayload ke = IkeMessage.first(now, rose.ike.message.KePayload.class);
        rose.ike.message.NoncePayload ni0 = IkeMessage.first(before.payloads(), rose.ike.message.NoncePayload.class);
        rose.ike.message.KePayload ke0 = IkeMessage.first(before.payloads(), rose.ike.message.KePayload.class);
        if (ni == null || ke == null || ni0 == null || ke0 == null || !java.util.Arrays.equals(ni.nonce(), ni0.nonce())
                || ke.group() != ke0.group() || !java.util.Arrays.equals(ke.data(), ke0.data())) return;
        log(IkeLog.Level.DEBUG, "IKE_SA_INIT retried with a COOKIE after we answered its retransmission: AUTH covers the retry");
        initRequestRaw = m.raw();
    }

    private void respond(IkeHeader h, List<Payload> payloads) {
        lastResponse = encode(h.exchange(), true, h.messageId(), payloads);
        if (h.exchange() == ExchangeType.IKE_SA_INIT) initResponseRaw = lastResponse.get(0);
        expectedRequestId = h.messageId() + 1;
        transmit(lastResponse);
    }

    private ResponderTask responderFor(ExchangeType e, List<Payload> payloads) {
        switch (e) {
            case IKE_SA_INIT: return state == IkeSaState.CREATED ? new IkeInitResponder(this) : null;
            case IKE_AUTH: return state == IkeSaState.INIT_RESPONDED ? new IkeAuthResponder(this) : null;
            case INFORMATIONAL: return new InformationalResponder(this);
            default:
                // §2.25: requests on an SA that is being rekeyed or deleted get TEMPORARY_FAILURE (null here)
                if (state != IkeSaState.ESTABLISHED) return null;
                SaPayload sa = IkeMessage.first(payloads, SaPayload.class);
                boolean ike = !sa.proposals().isEmpty() && sa.proposals().get(0).protocolId() == Proposal.PROTO_IKE;
                if (ike) return new IkeRekeyResponder(this);
                if (IkeMessage.notify(payloads, NotifyType.REKEY_SA) != null) return new ChildRekeyResponder(this);
                return new ChildCreateResponder(this);
        }
    }

    /** Decrypts protected exchanges (reassembling fragments); null (and a debug line) when there is nothing to act on yet. */
    private List<Payload> open(IkeMessage m, FragmentBuffer fragments) {
        if (m.header().exchange() == ExchangeType.IKE_SA_INIT) return m.payloads();
        if (inCipher == null) {
            log(IkeLog.Level.DEBUG, "dropping " + m.header().exchange() + ": no keys yet");
            return null;
        }
        try {
            SkfPayload f = m.skf();
            if (f == null) return inCipher.open(m);
            if (!fragmentation) throw IkeException.syntax("SKF without IKEV2_FRAGMENTATION_SUPPORTED");
            byte[] whole = fragments.add(m.header().messageId(), f.fragmentNumber(), f.totalFragments(), f.firstInnerPayload(), inCipher.openFragment(m, f));
            if (whole == null) return null;
            log(IkeLog.Level.DEBUG, m.header().exchange() + ":" + m.header().messageId() + " reassembled from " + f.totalFragments() + " fragments");
            return PayloadChain.decode(fragments.firstInner(), whole, 0, whole.length);
        } catch (IkeException e) {
            log(IkeLog.Level.DEBUG, "dropping " + m.header().exchange() + ":" + m.header().messageId() + ": " + e.reason());
            return null;
        }
    }

    /**
     * RFC 7296 §2.23: the NAT-T port is taken from the first authenticated message that arrives
     * on it; later, a peer behind NAT whose mapping changed is followed to its new address/port.
     */
    private void followPeer(Datagram d) {
        if (d == null) return;
        if (!d.destination().equals(local)) local = d.destination();
        if (d.source().equals(remote)) return;
        InetSocketAddress old = remote;
        // Before ESTABLISHED this is IKE_AUTH arriving on the NAT-T port the initiator floated to
        // (through a NAPT its source port is whatever the NAT picked): take it silently.
        boolean floating = state != IkeSaState.ESTABLISHED;
        if (!floating && !natRemote) {
            log(IkeLog.Level.DEBUG, "ignoring authenticated message from " + d.source() + ": peer is not behind NAT");
            return;
        }
        remote = d.source();
        if (floating) return;
        log(IkeLog.Level.INFO, "NAT mapping of peer changed: " + old.getAddress().getHostAddress() + "[" + old.getPort() + "] -> "
                + remote.getAddress().getHostAddress() + "[" + remote.getPort() + "]");
        for (ChildSa c : children) {
            c.sa = c.sa.withEndpoints(local, remote);
            if (c.inboundInstalled || c.outboundInstalled) daemon.installer.natMappingChanged(c.sa, old);
        }
    }

    /** RFC 7296 §2.23: after IKE_SA_INIT found a NAT, the initiator moves to UDP 4500 (non-ESP marker from now on). */
    void floatToNatT() {
        int p = daemon.settings.natTPort();
        if (local.getPort() == p) return;
        local = new InetSocketAddress(local.getAddress(), p);
        if (remote.getPort() == daemon.settings.ikePort()) remote = new InetSocketAddress(remote.getAddress(), p);
        log(IkeLog.Level.DEBUG, "NAT detected" + (natLocal ? " (we are behind it)" : "") + ", floating to " + endpoints());
    }

    void closeAfterResponse() { closeAfterResponse = true; }

    // ---- timers and teardown ----

    void onTick(long now) {
        if (state == IkeSaState.DEAD) return;
        if (outstanding != null && now >= retransmitAt) {
            if (tries >= retransmissions()) {
                giveUp();
                return;
            }
            tries++;
            daemon.countRetransmit();
            retransmitAt = now + retransmitDelay(tries);
            log(IkeLog.Level.DEBUG, "retransmitting " + current.exchange() + ":" + nextRequestId + " (try " + tries + ")");
            transmit(outstanding);
        }
        if (state == IkeSaState.ESTABLISHED) {
            if (natLocal && now - lastOutbound >= daemon.settings.natKeepalive().toMillis()) {
                lastOutbound = now;
                daemon.sendKeepalive(this);
            }
            ChildSaLifecycle.onTick(this, now);
            if (now >= expireAt) {
                log(IkeLog.Level.INFO, "IKE SA " + spis() + " reached its lifetime without a rekey, deleting");
                enqueue(new IkeDeleteInitiator(this));
            } else if (now >= rekeyAt && !rekeyQueued) {
                rekeyQueued = true;
                enqueue(new IkeRekeyInitiator(this));
            }
        }
        if (state == IkeSaState.ESTABLISHED && current == null && queue.isEmpty() && peer.profile().dpdInterval() != null
                && now - lastInbound >= peer.profile().dpdInterval().toMillis()) {
            enqueue(new DpdInitiator(this));
        }
        if (state == IkeSaState.REKEYED && current == null && now - rekeyedAt >= daemon.settings.halfOpenTimeout().toMillis()) {
            enqueue(new IkeDeleteInitiator(this)); // the rekey initiator should have deleted it (§2.18); do it ourselves
        }
        if (!initiator && state == IkeSaState.INIT_RESPONDED && now - createdAt >= daemon.settings.halfOpenTimeout().toMillis()) {
            log(IkeLog.Level.INFO, "phase1 negotiation failed due to time up " + endpoints() + " " + spis());
            die("half-open IKE SA timed out");
        }
    }

    /** The wait after send number {@code n} of the outstanding request: DPD's schedule once established, else the task's. */
    private long retransmitDelay(int n) {
        if (LivenessSchedule.applies(state, peer.profile())) return LivenessSchedule.delayMillis(peer.profile(), daemon.settings, n);
        long d = current.retransmitDelayMillis(daemon.settings, n);
        // Before the IKE SA is up, up to a quarter more at random: a router starting a thousand
        // tunnels at once had the ones lost in the first burst (a full queue, a busy peer) all
        // retransmit in the same instant again, and lose again, round after round, until "time up".
        return state.compareTo(IkeSaState.ESTABLISHED) < 0 && d >= 4 ? d + (long) (daemon.random.nextDouble() * (d / 4)) : d;
    }

    private int retransmissions() {
        return LivenessSchedule.applies(state, peer.profile()) ? LivenessSchedule.retransmissions(peer.profile())
                : current.retransmitTries(daemon.settings);
    }

    private void giveUp() {
        if (state == IkeSaState.ESTABLISHED || state == IkeSaState.DELETING || state == IkeSaState.REKEYED) {
            log(IkeLog.Level.INFO, "peer " + remote.getAddress().getHostAddress() + " not responding, killing IKE SA " + spis());
            daemon.recordFailure(peer.name(), "no reply from " + remote.getAddress().getHostAddress() + " to " + current.exchange()
                    + " after " + tries + " retransmissions: peer dead (DPD)");
        } else {
            log(IkeLog.Level.INFO, "phase1 negotiation failed due to time up " + endpoints() + " " + spis());
            daemon.recordFailure(peer.name(), "no reply from " + remote.getAddress().getHostAddress() + " to " + current.exchange()
                    + " after " + tries + " retransmissions: check the address, firewall (UDP 500/4500) and NAT between the peers");
        }
        die("peer not responding");
    }

    void fail(int notify, String reason) {
        log(IkeLog.Level.ERROR, reason);
        daemon.recordFailure(peer.name(), reason);
        die(NotifyType.name(notify));
    }

    void die(String reason) {
        if (state == IkeSaState.DEAD) return;
        for (ChildSa c : children) uninstall(c, reason);
        children.clear();
        queue.clear();
        current = null;
        outstanding = null;
        transitionTo(IkeSaState.DEAD);
        if (leasePool != null) {
            daemon.pools.release(leasePool, assignedAddress);
            log(IkeLog.Level.DEBUG, "mode-config: " + assignedAddress.getHostAddress() + " back to pool " + leasePool);
            leasePool = null;
        }
        daemon.forget(this);
    }

    // ---- CHILD_SAs (installer calls happen only here) ----

    ChildSa newChild(NegotiatedChildSa n, Policy pol, ChildSa.State st, byte[] cNi, byte[] cNr) {
        return new ChildSa(n, pol, st, daemon.clock.nowMillis(), cNi, cNr);
    }

    /** A new CHILD_SA that replaces nothing: inbound, then outbound. */
    void addChild(ChildSa c) {
        children.add(c);
        installInbound(c);
        installOutbound(c, null);
        c.state = ChildSa.State.INSTALLED;
        log(IkeLog.Level.INFO, "CHILD SA established: " + c.sa);
    }

    /** Rekey responder: only the inbound half until the initiator deletes the old SA (§1.3.3). */
    void addInboundOnly(ChildSa c) {
        children.add(c);
        installInbound(c);
        c.state = ChildSa.State.INBOUND_ONLY;
    }

    void installInbound(ChildSa c) {
        if (c.inboundInstalled) return;
        c.inboundInstalled = true;
        daemon.installer.installInbound(c.sa);
    }

    /** Make-before-break: {@code c}'s outbound replaces {@code old}'s, which is retired after a delay. */
    void installOutbound(ChildSa c, ChildSa old) {
        if (!c.outboundInstalled) {
            c.outboundInstalled = true;
            daemon.installer.installOutbound(c.sa, old == null ? null : old.sa);
        }
        c.state = ChildSa.State.INSTALLED;
        if (old != null && old.state != ChildSa.State.REKEYED) {
            old.state = ChildSa.State.REKEYED;
            old.retireAt = daemon.clock.nowMillis() + daemon.settings.rekeyRetireDelay().toMillis();
            log(IkeLog.Level.INFO, "CHILD SA rekeyed: " + old.sa + " -> " + c.sa);
        }
    }

    void removeChild(ChildSa c, String reason) {
        children.remove(c);
        uninstall(c, reason);
    }

    private void uninstall(ChildSa c, String reason) {
        if (c.inboundInstalled || c.outboundInstalled) daemon.installer.remove(c.sa, reason);
        c.inboundInstalled = c.outboundInstalled = false;
    }

    ChildSa childByOutbound(long spi) {
        for (ChildSa c : children) if ((c.outboundSpi() & 0xffffffffL) == spi) return c;
        return null;
    }

    ChildSa childByInbound(long spi) {
        for (ChildSa c : children) if ((c.inboundSpi() & 0xffffffffL) == spi) return c;
        return null;
    }

    /** §2.18: the CHILD_SAs (and their bookkeeping) move to the IKE SA that replaces this one. */
    void moveChildrenTo(IkeSa next) {
        // Deletes not sent yet go with them (the peer waits for them to switch its outbound SA);
        // queued rekeys are dropped and re-armed on the new IKE SA by the lifetime timer.
        for (InitiatorTask t : queue) if (t instanceof ChildDeleteInitiator d) next.enqueue(d.on(next));
        queue.removeIf(t -> t instanceof ChildDeleteInitiator || t instanceof ChildRekeyInitiator || t instanceof ChildCreateInitiator);
        for (ChildSa c : children) if (c.state == ChildSa.State.INSTALLED) c.rekeyQueued = false;
        next.children.addAll(children);
        children.clear();
        next.createsChildren = createsChildren;
        next.perCpuSas = perCpuSas;
        // the road warrior keeps its address and policies across an IKE SA rekey; the lease moves with them
        next.generated.addAll(generated);
        next.assignedAddress = assignedAddress;
        next.leasePool = leasePool;
        leasePool = null;
        next.remoteIdentity = remoteIdentity;
        successor = next;
    }
}
