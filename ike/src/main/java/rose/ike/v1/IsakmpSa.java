package rose.ike.v1;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rose.ike.config.Policy;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.crypto.KeyExchange;
import rose.ike.v1.message.*;

/**
 * One ISAKMP SA (IKEv1 phase 1) with its exchanges and its quick-mode SAs.
 *
 * <ol>
 * <li>Datagrams arrive from {@link V1Daemon} by cookie pair. A byte-identical repeat of the
 *     peer's last message of an exchange is answered with our last message again.</li>
 * <li>Encrypted bodies are opened with the exchange's IV chain (phase 1: from
 *     hash(g^xi | g^xr); quick mode and informational: hash(last phase-1 block | M-ID)); a
 *     phase-1 body that does not parse is what a wrong pre-shared key looks like.</li>
 * <li>{@link ExchangeRules} are checked, then the exchange's task handles the message.</li>
 * <li>The timer drives retransmission with back-off, DPD (RFC 3706), NAT-T keepalives,
 *     phase-2 lifetimes (make-before-break rekey, retire, Delete) and the phase-1 lifetime.</li>
 * </ol>
 * Single-threaded: only the daemon's event loop calls in.
 */
final class IsakmpSa {
    final V1Daemon daemon;
    final boolean initiator;
    final rose.ike.config.PeerConfig peer;
    InetSocketAddress local, remote;
    final long ckyI;
    long ckyR;
    private IsakmpSaState state = IsakmpSaState.CREATED;
    final long createdAt;
    /** Order of events in the daemon (not time: a manual clock gives many the same millisecond); INITIAL-CONTACT compares them. */
    final long createdSeq;
    long establishedSeq;
    long establishedAt, expireAt = Long.MAX_VALUE, rekeyAt = Long.MAX_VALUE, lastInbound, lastOutbound;

    // phase 1
    Phase1Suite suite;
    Phase1Keys keys;
    KeyExchange ke;
    byte[] ni, nr, gxi, gxr, saiBody, lastPhase1Block;
    boolean peerNatT, peerDpd, natLocal, natRemote;
    /** The phase-1 ID body of the peer (INITIAL-CONTACT compares it). */
    byte[] remoteId;
    /** Phase-1 rekey: the SA this one replaces; its phase-2 SAs move here once we are up. */
    IsakmpSa replaces;
    boolean rekeyQueued;
    /** XAuth ({@link Xauth}) still to complete: no quick mode either way until it has. */
    boolean xauthPending;
    /** Mode-config ({@link ModeCfg}) still to complete: the client has no address yet, so no quick mode either way. */
    boolean modeCfgPending;
    /** Server: when to push to a client that has not asked. */
    long modeCfgPushAt = Long.MAX_VALUE;
    /** Mode-config: the address given (server, leased from {@link #leasePool} when not null) or got (client). */
    java.net.InetAddress assignedAddress;
    String leasePool;
    /** Policies made for this SA by mode-config: the client's address/32 ones, the server's generate-policy ones. */
    final List<Policy> generated = new ArrayList<>();

    // DPD (RFC 3706)
    int dpdSeq, dpdFailures;
    long dpdRetryAt = Long.MAX_VALUE;

    final Map<Integer, Exchange> exchanges = new HashMap<>();
    final List<Phase2Sa> children = new ArrayList<>();

    IsakmpSa(V1Daemon daemon, boolean initiator, rose.ike.config.PeerConfig peer, InetSocketAddress local, InetSocketAddress remote, long ckyI, long ckyR) {
        this.daemon = daemon; this.initiator = initiator; this.peer = peer; this.local = local; this.remote = remote;
        this.ckyI = ckyI; this.ckyR = ckyR;
        this.createdAt = this.lastInbound = daemon.clock.nowMillis();
        this.createdSeq = daemon.nextSeq();
    }

    IsakmpSaState state() { return state; }

    /** What quick modes are negotiated for: a mode-config client's own policies, else the peer's and any generated ones. */
    List<Policy> policies() {
        if (ModeCfg.client(this)) return generated;
        if (generated.isEmpty()) return peer.policies();
        List<Policy> all = new ArrayList<>(peer.policies());
        all.addAll(generated);
        return all;
    }

    boolean natDetected() { return natLocal || natRemote; }

    /** The only way the state changes: validated, logged {@code old -> new}, counted. */
    void transitionTo(IsakmpSaState next) {
        if (!state.successors().contains(next)) throw new IllegalStateException("ISAKMP SA " + cookies() + ": " + state + " -> " + next + " is not allowed");
        log(IkeLog.Level.DEBUG, "ISAKMP SA " + cookies() + " " + state + " -> " + next);
        daemon.countTransition(next);
        state = next;
    }

    String cookies() { return String.format("%016x:%016x", ckyI, ckyR); }

    String endpoints() {
        return local.getAddress().getHostAddress() + "[" + local.getPort() + "]<=>" + remote.getAddress().getHostAddress() + "[" + remote.getPort() + "]";
    }

    void log(IkeLog.Level l, String m) { daemon.log.log(l, peer.name(), m); }

    byte[] cookieBytes() { return ByteBuffer.allocate(16).putLong(ckyI).putLong(ckyR).array(); }

    // ---- incoming ----

    void onMessage(IsakmpMessage m, Datagram d) {
        IsakmpHeader h = m.header();
        int mid = h.messageId();
        Exchange x = exchanges.get(mid);
        if (x != null && x.lastIn != null && Arrays.equals(x.lastIn, m.raw())) {
            // only a message we answered is answered again: a copy of the peer's final message (REPLY, ACK,
            // HASH(3)) answered with our earlier one would have the peer answer that, and so on forever
            if (x.lastOut != null && x.lastInAnswered) {
                log(IkeLog.Level.DEBUG, "retransmitted " + V1ExchangeType.name(h.exchange()) + " message, answering with our last one again");
                transmit(x.lastOut);
            }
            return;
        }
        if (h.exchange() == V1ExchangeType.INFORMATIONAL) {
            Informational.receive(this, m, d);
            return;
        }
        if (x == null && mid != 0 && h.exchange() == V1ExchangeType.TRANSACTION) {
            x = transactionFromPeer(mid);
            if (x == null) { log(IkeLog.Level.DEBUG, "transaction exchange we are neither an XAuth client nor in mode-config for, dropped"); return; }
            exchanges.put(mid, x);
        }
        if (x == null && mid != 0 && h.exchange() == V1ExchangeType.QUICK) {
            if (state != IsakmpSaState.ESTABLISHED) { log(IkeLog.Level.DEBUG, "quick mode before phase 1 is up, dropped"); return; }
            if (xauthPending) { log(IkeLog.Level.DEBUG, "quick mode before XAuth completed, dropped"); return; }
            if (modeCfgPending) { log(IkeLog.Level.DEBUG, "quick mode before mode-config gave the client its address, dropped"); return; }
            x = new QuickModeResponder(this, mid);
            exchanges.put(mid, x);
        }
        if (x == null || x.finished || h.exchange() != x.exchangeType()) {
            log(IkeLog.Level.DEBUG, "dropping " + V1ExchangeType.name(h.exchange()) + " message " + Integer.toHexString(mid) + ": no such exchange in progress");
            return;
        }
        V1PayloadChain chain = open(x, m);
        if (chain == null) return;
        try {
            ExchangeRules.check(x.expected(), chain);
        } catch (IsakmpException e) {
            log(IkeLog.Level.WARNING, "malformed " + x.expected() + " " + chain + ": " + e.reason());
            return;
        }
        lastInbound = daemon.clock.nowMillis();
        // before the task answers: main mode message 6 must go back to where message 5 came from (the floated port)
        if (h.encrypted()) followPeer(d);
        byte[] ivBefore = x.iv;
        if (h.encrypted()) x.iv = V1Cipher.lastBlock(suite.encryption(), m.body());
        byte[] outBefore = x.lastOut;
        V1Result r = x.onMessage(m, chain, d);
        if (state == IsakmpSaState.DEAD) return;
        if (r instanceof V1Result.Ignore i) {
            x.iv = ivBefore;
            log(IkeLog.Level.DEBUG, "ignoring " + x.expected() + ": " + i.reason());
            return;
        }
        x.lastIn = m.raw();
        x.lastInAnswered = x.lastOut != outBefore;
        if (r instanceof V1Result.Done) finish(x);
        else if (r instanceof V1Result.Failed f) failExchange(x, f.notifyType(), f.reason());
    }

    /**
     * A transaction the peer opens: the XAuth server's REQUEST/SET while XAuth is pending (we are
     * its client), then mode-config: a server's SET (push) to a client, a client's REQUEST (pull) to a server.
     */
    private Exchange transactionFromPeer(int mid) {
        if (state != IsakmpSaState.ESTABLISHED) return null;
        if (xauthPending) return initiator && Xauth.enabled(this) ? new XauthClient(this, mid) : null;
        if (ModeCfg.client(this)) return ModeCfgClient.pushed(this, mid);
        if (ModeCfg.server(this)) return ModeCfgServer.asked(this, mid);
        return null;
    }

    /** Decrypts with the exchange's IV (not committed here: the caller moves the chain on once the message is accepted). */
    private V1PayloadChain open(Exchange x, IsakmpMessage m) {
        if (!m.header().encrypted()) {
            if (x.iv != null && x.messageId != 0) { log(IkeLog.Level.DEBUG, "unencrypted quick mode message dropped"); return null; }
            return m.chain();
        }
        if (x.iv == null || keys == null) { log(IkeLog.Level.DEBUG, "encrypted message before keys, dropped"); return null; }
        try {
            byte[] plain = V1Cipher.decrypt(suite.encryption(), keys.encKey(), x.iv, m.body());
            return V1PayloadChain.decode(m.header().nextPayload(), plain, 0, plain.length, true);
        } catch (IsakmpException e) {
            if (x.messageId == 0) {
                log(IkeLog.Level.ERROR, "parsing packet failed, possible cause: wrong password");
                daemon.recordFailure(peer.name(), "wrong pre-shared key: the peer's encrypted phase-1 message " + x.expected()
                        + " does not decrypt with the key derived from our secret (" + e.reason() + ")");
                die("wrong password");
            } else {
                log(IkeLog.Level.DEBUG, "dropping undecryptable " + V1ExchangeType.name(m.header().exchange()) + ": " + e.reason());
            }
            return null;
        }
    }

    /** A phase-1 message that is only notifications: the peer refused (NO-PROPOSAL-CHOSEN, ...). */
    void peerError(V1PayloadChain chain) {
        for (NotificationPayload n : chain.all(NotificationPayload.class)) {
            if (!V1NotifyType.isError(n.notifyType())) continue;
            String why = "peer refused phase 1 with " + V1NotifyType.name(n.notifyType());
            if (n.notifyType() == V1NotifyType.NO_PROPOSAL_CHOSEN) why += ": no suitable proposal found on the peer for our offer " + V1Proposals.describePhase1(V1Proposals.phase1Offer(peer.profile(), Phase1.authMethod(this), false));
            log(IkeLog.Level.ERROR, why);
            daemon.recordFailure(peer.name(), why);
            die(V1NotifyType.name(n.notifyType()));
            return;
        }
    }

    /** NAT-T: a floating initiator or a peer behind a NAPT whose mapping changed is followed (after authentication). */
    private void followPeer(Datagram d) {
        if (d == null) return;
        if (!d.destination().equals(local)) local = d.destination();
        if (d.source().equals(remote)) return;
        InetSocketAddress old = remote;
        boolean floating = state != IsakmpSaState.ESTABLISHED;
        if (!floating && !natRemote) return;
        remote = d.source();
        if (floating) return;
        log(IkeLog.Level.INFO, "NAT mapping of peer changed: " + old + " -> " + remote);
        for (Phase2Sa c : children) {
            c.sa = c.sa.withEndpoints(local, remote);
            if (c.inboundInstalled || c.outboundInstalled) daemon.installer.natMappingChanged(c.sa, old);
        }
    }

    /** RFC 3947 §4: NAT found, the initiator moves to UDP 4500 for the rest (non-ESP marker from now on). */
    void floatToNatT() {
        int p = daemon.settings.natTPort();
        if (local.getPort() == p) return;
        local = new InetSocketAddress(local.getAddress(), p);
        if (remote.getPort() == daemon.settings.ikePort()) remote = new InetSocketAddress(remote.getAddress(), p);
        log(IkeLog.Level.DEBUG, "NAT detected" + (natLocal ? " (we are behind it)" : "") + ", floating to " + endpoints());
    }

    // ---- outgoing ----

    /** Sends the next message of an exchange; {@code waitReply} arms retransmission until the peer's next message. */
    void send(Exchange x, List<V1Payload> payloads, boolean encrypt, boolean waitReply) {
        byte[] out;
        if (encrypt) {
            byte[] ct = V1Cipher.encrypt(suite.encryption(), keys.encKey(), x.iv, V1PayloadChain.encode(payloads));
            x.iv = V1Cipher.lastBlock(suite.encryption(), ct);
            out = IsakmpMessage.encodeEncrypted(ckyI, ckyR, V1PayloadChain.firstType(payloads), x.exchangeType(), x.messageId, ct);
        } else {
            out = IsakmpMessage.encodePlain(ckyI, ckyR, x.exchangeType(), x.messageId, payloads);
        }
        x.lastOut = out;
        x.waiting = waitReply;
        x.tries = 0;
        x.retransmitAt = daemon.clock.nowMillis() + daemon.settings.retransmitBase().toMillis();
        transmit(out);
    }

    void transmit(byte[] data) {
        lastOutbound = daemon.clock.nowMillis();
        daemon.transmit(local, remote, data);
    }

    /** A fresh quick-mode or informational message ID. */
    int newMessageId() {
        int m;
        do { m = daemon.random.nextInt(); } while (m == 0 || exchanges.containsKey(m));
        return m;
    }

    // ---- results ----

    private void finish(Exchange x) {
        x.finished = true;
        x.waiting = false;
        x.finishedAt = daemon.clock.nowMillis();
    }

    void failExchange(Exchange x, int notify, String reason) {
        log(IkeLog.Level.ERROR, reason);
        daemon.recordFailure(peer.name(), reason);
        if (x.messageId == 0) {
            if (notify != 0 && keys == null)
                transmit(IsakmpMessage.encodePlain(ckyI, ckyR, V1ExchangeType.INFORMATIONAL, 0,
                        List.of(NotificationPayload.of(V1Proposal.PROTO_ISAKMP, cookieBytes(), notify, new byte[0]))));
            die(V1NotifyType.name(notify));
            return;
        }
        exchanges.remove(x.messageId);
        if (notify != 0 && state == IsakmpSaState.ESTABLISHED)
            Informational.send(this, List.of(NotificationPayload.of(V1Proposal.PROTO_ESP, new byte[0], notify, new byte[0])));
    }

    /** Phase 1 is up: lifetimes, INITIAL-CONTACT, then one quick mode per policy (the phase-1 initiator starts them). */
    void established(boolean initialContact) {
        lastPhase1Block = exchanges.get(0).iv;
        transitionTo(IsakmpSaState.ESTABLISHED);
        establishedSeq = daemon.nextSeq();
        long now = daemon.clock.nowMillis();
        establishedAt = now;
        long ours = peer.profile().lifetime() == null ? 0 : peer.profile().lifetime().toMillis();
        long theirs = suite.lifeSeconds() * 1000;
        long life = ours == 0 ? theirs : theirs == 0 ? ours : Math.min(ours, theirs);
        if (life > 0) {
            expireAt = now + life;
            // RouterOS: phase 1 is re-keyed on lifetime only when DPD is enabled (reference 02 §1)
            if (initiator && peer.profile().dpdInterval() != null) rekeyAt = now + life * 9 / 10;
        }
        log(IkeLog.Level.INFO, "ph1 negotiation of " + endpoints() + " established " + cookies() + " " + suite.describe()
                + (natDetected() ? " NAT-T" : "") + (peerDpd ? " DPD" : ""));
        if (initialContact) daemon.initialContact(this);
        if (replaces != null) replaces.handOver(this);
        if (Xauth.enabled(this)) {
            xauthPending = true;   // the initiator is the XAuth client and waits for the server's REQUEST
            if (!initiator) XauthServer.start(this);
        } else authenticated();
    }

    /** Phase 1 (and XAuth, if any) done: mode-config first when the identity has it, then the quick modes. */
    void authenticated() {
        if (assignedAddress == null && ModeCfg.client(this)) {
            modeCfgPending = true;
            ModeCfgClient.pull(this);
            return;
        }
        // a re-keyed client keeps its address: take it over now, before the old SA's Delete gives it back to the pool
        if (assignedAddress == null && ModeCfg.server(this) && ModeCfg.holder(this) != null) ModeCfg.give(this);
        if (assignedAddress == null && ModeCfg.server(this)) {
            modeCfgPending = true;
            modeCfgPushAt = daemon.clock.nowMillis() + ModeCfg.PUSH_AFTER_MILLIS;
            return;
        }
        if (initiator) startQuickModes();
    }

    void startQuickModes() {
        for (Policy pol : policies()) {
            boolean covered = false;
            for (Phase2Sa c : children) if (c.policy.equals(pol) && c.active()) covered = true;
            for (Exchange e : exchanges.values()) if (e instanceof QuickModeInitiator q && !q.finished && q.policy.equals(pol)) covered = true;
            if (!covered) startQuickMode(pol, null);
        }
    }

    void startQuickMode(Policy pol, Phase2Sa rekeyOf) {
        QuickModeInitiator q = new QuickModeInitiator(this, newMessageId(), pol, rekeyOf);
        exchanges.put(q.messageId, q);
        q.start();
    }

    /** Phase-1 rekey: the new ISAKMP SA takes our phase-2 SAs; we are deleted. */
    private void handOver(IsakmpSa next) {
        next.children.addAll(children);
        children.clear();
        // mode-config: the address, its lease and the policies made for it stay with the tunnel
        next.assignedAddress = assignedAddress;
        next.generated.addAll(generated);
        next.leasePool = leasePool;
        leasePool = null;
        log(IkeLog.Level.INFO, "ISAKMP SA " + cookies() + " replaced by " + next.cookies());
        if (state == IsakmpSaState.ESTABLISHED) {
            Informational.send(this, List.of(Informational.deleteIsakmp(this)));
            transitionTo(IsakmpSaState.EXPIRED);
        }
        die("rekeyed");
    }

    // ---- timers ----

    void onTick(long now) {
        if (state == IsakmpSaState.DEAD) return;
        for (Exchange x : new ArrayList<>(exchanges.values())) {
            if (x.finished && x.messageId != 0 && now - x.finishedAt > daemon.settings.halfOpenTimeout().toMillis()) { exchanges.remove(x.messageId); continue; }
            if (!x.waiting || now < x.retransmitAt) continue;
            if (x.tries >= daemon.settings.retransmitTries()) {
                timeUp(x);
                if (state == IsakmpSaState.DEAD) return;
                continue;
            }
            x.tries++;
            x.retransmitAt = now + (daemon.settings.retransmitBase().toMillis() << x.tries);
            log(IkeLog.Level.DEBUG, "retransmitting " + V1ExchangeType.name(x.exchangeType()) + " (try " + x.tries + ")");
            transmit(x.lastOut);
        }
        if (state != IsakmpSaState.ESTABLISHED) {
            if (!initiator && now - createdAt >= daemon.settings.halfOpenTimeout().toMillis() * 4 && state != IsakmpSaState.EXPIRED) {
                log(IkeLog.Level.INFO, "phase1 negotiation failed due to time up " + endpoints() + " " + cookies());
                daemon.recordFailure(peer.name(), "phase 1 as responder did not complete: the initiator stopped sending");
                die("time up");
            }
            return;
        }
        if (now >= modeCfgPushAt) {
            modeCfgPushAt = Long.MAX_VALUE;
            if (modeCfgPending) ModeCfgServer.push(this);
            if (state != IsakmpSaState.ESTABLISHED) return;
        }
        if (natLocal && now - lastOutbound >= daemon.settings.natKeepalive().toMillis()) {
            lastOutbound = now;
            daemon.sendKeepalive(local, remote);
        }
        Phase2Lifecycle.onTick(this, now);
        Dpd.onTick(this, now);
        if (state != IsakmpSaState.ESTABLISHED) return;
        if (now >= expireAt) {
            log(IkeLog.Level.INFO, "ISAKMP SA " + cookies() + " reached its lifetime, deleting");
            Informational.send(this, List.of(Informational.deleteIsakmp(this)));
            transitionTo(IsakmpSaState.EXPIRED);
            die("lifetime");
        } else if (now >= rekeyAt && !rekeyQueued) {
            rekeyQueued = true;
            daemon.rekeyPhase1(this);
        }
    }

    private void timeUp(Exchange x) {
        log(IkeLog.Level.INFO, x.timeUpMessage() + " " + endpoints() + " " + cookies());
        if (x.messageId == 0) {
            String why = "no reply from " + remote.getAddress().getHostAddress() + " to " + x.expected().name().replace("MM", "main mode message ").replace("AM", "aggressive mode message ")
                    + " after " + x.tries + " retransmissions: ";
            if (x.expected() == ExchangeRules.Step.MM6)
                why = "the peer answered main mode up to message 4 but never accepted our encrypted message 5: most likely the pre-shared keys differ (" + why.trim() + ")";
            else why += "check the address, firewall (UDP 500/4500) and NAT between the peers";
            daemon.recordFailure(peer.name(), why);
            die("time up");
        } else if (x instanceof ModeCfgClient || x instanceof ModeCfgServer) {
            // without the address the road warrior's policies do not exist: nothing to keep the ISAKMP SA for
            daemon.recordFailure(peer.name(), "mode-config: " + (x instanceof ModeCfgClient ? "the responder did not answer our REQUEST" : "the client did not acknowledge our SET")
                    + " after " + x.tries + " retransmissions");
            die("mode-config time up");
        } else if (x instanceof XauthServer) {
            daemon.recordFailure(peer.name(), "the XAuth client did not answer after " + x.tries + " retransmissions");
            die("xauth time up");
        } else {
            daemon.recordFailure(peer.name(), "quick mode got no answer after " + x.tries + " retransmissions");
            exchanges.remove(x.messageId);
        }
    }

    void die(String reason) {
        if (state == IsakmpSaState.DEAD) return;
        for (Phase2Sa c : children) uninstall(c, reason);
        children.clear();
        exchanges.clear();
        if (leasePool != null) {
            daemon.pools.release(leasePool, assignedAddress);
            log(IkeLog.Level.DEBUG, "mode-config: " + assignedAddress.getHostAddress() + " back to pool " + leasePool);
            leasePool = null;
        }
        transitionTo(IsakmpSaState.DEAD);
        daemon.forget(this);
    }

    // ---- phase-2 SAs (installer calls happen only here) ----

    void installInbound(Phase2Sa c) {
        if (!children.contains(c)) children.add(c);
        if (c.inboundInstalled) return;
        c.inboundInstalled = true;
        daemon.installer.installInbound(c.sa);
    }

    /** Make-before-break: {@code c}'s outbound replaces the policy's current one, which is retired after a delay. */
    void installOutbound(Phase2Sa c) {
        Phase2Sa old = null;
        for (Phase2Sa o : children) if (o != c && o.policy.equals(c.policy) && o.state == Phase2Sa.State.INSTALLED && o.outboundInstalled) old = o;
        if (!c.outboundInstalled) {
            c.outboundInstalled = true;
            daemon.installer.installOutbound(c.sa, old == null ? null : old.sa);
        }
        c.state = Phase2Sa.State.INSTALLED;
        log(IkeLog.Level.INFO, (old == null ? "IPsec SA established: " : "IPsec SA rekeyed: " + old.sa + " -> ") + c.sa);
        if (old != null) {
            old.state = Phase2Sa.State.REKEYED;
            // the side that made the new SA deletes the old one (RFC 2409 gives no rule; this is racoon's and strongSwan's)
            old.retireAt = c.weInitiated ? daemon.clock.nowMillis() + daemon.settings.rekeyRetireDelay().toMillis() : old.expireAt;
        }
    }

    void removeChild(Phase2Sa c, String reason) {
        children.remove(c);
        uninstall(c, reason);
    }

    private void uninstall(Phase2Sa c, String reason) {
        if (c.inboundInstalled || c.outboundInstalled) daemon.installer.remove(c.sa, reason);
        c.inboundInstalled = c.outboundInstalled = false;
    }

    Phase2Sa childByInbound(int spi) {
        for (Phase2Sa c : children) if (c.sa.inboundSpi() == spi) return c;
        return null;
    }

    Phase2Sa childByOutbound(int spi) {
        for (Phase2Sa c : children) if (c.sa.outboundSpi() == spi) return c;
        return null;
    }

    List<NegotiatedChildSa> activeChildren() {
        List<NegotiatedChildSa> l = new ArrayList<>();
        for (Phase2Sa c : children) if (c.state == Phase2Sa.State.INSTALLED) l.add(c.sa);
        return l;
    }
}
