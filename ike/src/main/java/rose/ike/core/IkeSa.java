package rose.ike.core;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import rose.ike.config.PeerConfig;
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
import rose.ike.message.PayloadRules;

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
 * <li>Every protected message is opened, then checked against {@link PayloadRules}, before a
 *     task sees it. Messages that fail integrity are dropped without an answer (§2.21.2).</li>
 * </ol>
 * Single-threaded: only the daemon's event loop calls in.
 */
public final class IkeSa {
    final IkeDaemon daemon;
    final boolean initiator;
    final PeerConfig peer;
    final InetSocketAddress local;
    final InetSocketAddress remote;
    long spiI, spiR;
    private IkeSaState state = IkeSaState.CREATED;
    final long createdAt;
    long lastInbound;
    long establishedAt;

    // IKE_SA_INIT results, used by IKE_AUTH and the first CHILD_SA
    byte[] ni, nr;
    KeyExchange ke;
    IkeSuite suite;
    IkeKeys keys;
    SkCipher outCipher, inCipher;
    byte[] initRequestRaw, initResponseRaw;
    boolean natLocal, natRemote;
    final List<NegotiatedChildSa> children = new ArrayList<>();

    // exchange windows
    private final Deque<InitiatorTask> queue = new ArrayDeque<>();
    private InitiatorTask current;
    private long nextRequestId, expectedRequestId;
    private byte[] outstanding;
    private int tries;
    private long retransmitAt;
    private byte[] lastResponse;
    private boolean closeAfterResponse;

    IkeSa(IkeDaemon daemon, boolean initiator, PeerConfig peer, InetSocketAddress local, InetSocketAddress remote, long spiI, long spiR) {
        this.daemon = daemon; this.initiator = initiator; this.peer = peer; this.local = local; this.remote = remote;
        this.spiI = spiI; this.spiR = spiR;
        this.createdAt = this.lastInbound = daemon.clock.nowMillis();
    }

    public IkeSaState state() { return state; }
    public long spiI() { return spiI; }
    public long spiR() { return spiR; }
    public boolean isInitiator() { return initiator; }
    public PeerConfig peer() { return peer; }
    public InetSocketAddress remote() { return remote; }
    public InetSocketAddress local() { return local; }
    public List<NegotiatedChildSa> children() { return List.copyOf(children); }
    public boolean natDetected() { return natLocal || natRemote; }
    long localSpi() { return initiator ? spiI : spiR; }

    /** The only way the state changes: validated, logged {@code old -> new}, counted. */
    void transitionTo(IkeSaState next) {
        if (!state.successors().contains(next)) throw new IllegalStateException("IKE SA " + spis() + ": " + state + " -> " + next + " is not allowed");
        log(IkeLog.Level.DEBUG, "IKE SA " + spis() + " " + state + " -> " + next);
        daemon.countTransition(state, next);
        state = next;
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

    private void kick() {
        if (current != null || queue.isEmpty() || state == IkeSaState.DEAD) return;
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
        ExchangeType ex = current.exchange();
        outstanding = encode(ex, false, nextRequestId, payloads);
        if (ex == ExchangeType.IKE_SA_INIT) initRequestRaw = outstanding;
        tries = 0;
        retransmitAt = daemon.clock.nowMillis() + daemon.settings.retransmitBase().toMillis();
        daemon.transmit(this, outstanding);
    }

    private byte[] encode(ExchangeType ex, boolean response, long mid, List<Payload> payloads) {
        int flags = (initiator ? IkeHeader.FLAG_INITIATOR : 0) | (response ? IkeHeader.FLAG_RESPONSE : 0);
        if (ex == ExchangeType.IKE_SA_INIT) return IkeMessage.encodePlain(spiI, spiR, ex, flags, mid, payloads);
        return outCipher.seal(spiI, spiR, ex, flags, mid, payloads, daemon.random);
    }

    // ---- incoming ----

    void onMessage(IkeMessage m) {
        IkeHeader h = m.header();
        if (h.isResponse()) onResponse(m);
        else onRequest(m);
    }

    private void onResponse(IkeMessage m) {
        IkeHeader h = m.header();
        if (current == null || h.messageId() != nextRequestId || h.exchange() != current.exchange()) {
            log(IkeLog.Level.DEBUG, "dropping unexpected response " + h.exchange() + ":" + h.messageId());
            return;
        }
        List<Payload> payloads = open(m);
        if (payloads == null) return;
        lastInbound = daemon.clock.nowMillis();
        if (h.exchange() == ExchangeType.IKE_SA_INIT) {
            if (spiR == 0) spiR = h.spiR();
            initResponseRaw = m.raw();
        }
        try {
            PayloadRules.check(h.exchange(), true, payloads);
        } catch (IkeException e) {
            fail(e.notifyType(), "malformed " + h.exchange() + " response: " + e.reason());
            return;
        }
        TaskResult r = current.onResponse(payloads, m);
        if (r instanceof TaskResult.NeedMore) {
            if (h.exchange() != ExchangeType.IKE_SA_INIT) nextRequestId++;
            sendCurrent();
            return;
        }
        outstanding = null;
        current = null;
        nextRequestId++;
        if (r instanceof TaskResult.Failed f) {
            fail(f.notifyType(), f.reason());
            return;
        }
        kick();
    }

    private void onRequest(IkeMessage m) {
        IkeHeader h = m.header();
        if (lastResponse != null && h.messageId() == expectedRequestId - 1) {
            log(IkeLog.Level.DEBUG, "retransmitting response " + h.exchange() + ":" + h.messageId());
            daemon.transmit(this, lastResponse);
            return;
        }
        if (h.messageId() != expectedRequestId) {
            log(IkeLog.Level.DEBUG, "dropping request with message ID " + h.messageId() + ", expected " + expectedRequestId);
            return;
        }
        List<Payload> payloads = open(m);
        if (payloads == null) return;
        lastInbound = daemon.clock.nowMillis();
        if (h.exchange() == ExchangeType.IKE_SA_INIT) initRequestRaw = m.raw();
        ResponderTask task;
        TaskResult r;
        try {
            PayloadRules.check(h.exchange(), false, payloads);
            task = responderFor(h.exchange());
            r = task == null ? null : task.onRequest(payloads, m);
        } catch (IkeException e) {
            respond(h, List.of(NotifyPayload.of(e.notifyType())));
            if (h.exchange() == ExchangeType.IKE_SA_INIT) fail(e.notifyType(), e.reason());
            return;
        }
        if (task == null) {
            respond(h, List.of(NotifyPayload.of(NotifyType.NO_ADDITIONAL_SAS)));
            return;
        }
        respond(h, task.response());
        if (r instanceof TaskResult.Failed f) fail(f.notifyType(), f.reason());
        else if (closeAfterResponse) die("deleted by peer");
    }

    private void respond(IkeHeader h, List<Payload> payloads) {
        lastResponse = encode(h.exchange(), true, h.messageId(), payloads);
        if (h.exchange() == ExchangeType.IKE_SA_INIT) initResponseRaw = lastResponse;
        expectedRequestId = h.messageId() + 1;
        daemon.transmit(this, lastResponse);
    }

    private ResponderTask responderFor(ExchangeType e) {
        switch (e) {
            case IKE_SA_INIT: return state == IkeSaState.CREATED ? new IkeInitResponder(this) : null;
            case IKE_AUTH: return state == IkeSaState.INIT_RESPONDED ? new IkeAuthResponder(this) : null;
            case INFORMATIONAL: return new InformationalResponder(this);
            default: return null; // CREATE_CHILD_SA (rekey, extra children): answered NO_ADDITIONAL_SAS for now
        }
    }

    /** Decrypts protected exchanges; null (and a debug line) when the message must be dropped. */
    private List<Payload> open(IkeMessage m) {
        if (m.header().exchange() == ExchangeType.IKE_SA_INIT) return m.payloads();
        if (inCipher == null || m.sk() == null) {
            log(IkeLog.Level.DEBUG, "dropping " + m.header().exchange() + ": " + (inCipher == null ? "no keys yet" : "fragmented (SKF reassembly not supported)"));
            return null;
        }
        try {
            return inCipher.open(m);
        } catch (IkeException e) {
            log(IkeLog.Level.DEBUG, "dropping " + m.header().exchange() + ":" + m.header().messageId() + ": " + e.reason());
            return null;
        }
    }

    void closeAfterResponse() { closeAfterResponse = true; }

    // ---- timers and teardown ----

    void onTick(long now) {
        if (state == IkeSaState.DEAD) return;
        if (outstanding != null && now >= retransmitAt) {
            if (tries >= daemon.settings.retransmitTries()) {
                giveUp();
                return;
            }
            tries++;
            retransmitAt = now + (daemon.settings.retransmitBase().toMillis() << tries);
            log(IkeLog.Level.DEBUG, "retransmitting " + current.exchange() + ":" + nextRequestId + " (try " + tries + ")");
            daemon.transmit(this, outstanding);
        }
        if (state == IkeSaState.ESTABLISHED && current == null && queue.isEmpty() && peer.profile().dpdInterval() != null
                && now - lastInbound >= peer.profile().dpdInterval().toMillis()) {
            enqueue(new DpdInitiator(this));
        }
        if (!initiator && state == IkeSaState.INIT_RESPONDED && now - createdAt >= daemon.settings.halfOpenTimeout().toMillis()) {
            log(IkeLog.Level.INFO, "phase1 negotiation failed due to time up " + endpoints() + " " + spis());
            die("half-open IKE SA timed out");
        }
    }

    private void giveUp() {
        if (state == IkeSaState.ESTABLISHED || state == IkeSaState.DELETING) {
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
        for (NegotiatedChildSa c : children) daemon.installer.remove(c, reason);
        children.clear();
        queue.clear();
        current = null;
        outstanding = null;
        transitionTo(IkeSaState.DEAD);
        daemon.forget(this);
    }

    void addChild(NegotiatedChildSa c) {
        children.add(c);
        daemon.installer.install(c);
        log(IkeLog.Level.INFO, "CHILD SA established: " + c);
    }
}
