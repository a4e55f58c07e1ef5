package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.IkeProfile;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.SkCipher;
import rose.ike.message.*;

/**
 * IKE_SA_INIT, initiator side (RFC 7296 §1.2): SA, KE, Ni, NAT detection. Handles
 * INVALID_KE_PAYLOAD (retry with the group the responder asks for, if we offer it) and COOKIE
 * (§2.6: resend with the cookie first), both with message ID 0 again.
 */
final class IkeInitInitiator implements InitiatorTask {
    private final IkeSa sa;
    private final List<Proposal> proposals;
    private DhGroup group;
    private byte[] cookie;

    IkeInitInitiator(IkeSa sa) {
        this.sa = sa;
        IkeProfile p = sa.peer.profile();
        this.proposals = RouterOsAlgorithms.ikeProposals(p.hashAlgorithms(), p.prfAlgorithm(), p.encAlgorithms(), p.dhGroups());
        this.group = DhGroup.byRouterOsName(p.dhGroups().get(0));
    }

    @Override public ExchangeType exchange() { return ExchangeType.IKE_SA_INIT; }

    @Override public List<Payload> buildRequest() {
        if (sa.state() == IkeSaState.CREATED) sa.transitionTo(IkeSaState.INIT_SENT);
        if (sa.ke == null || sa.ke.group() != group) sa.ke = group.newExchange(sa.daemon.random);
        if (sa.ni == null) sa.ni = sa.daemon.randomBytes(32);
        List<Payload> ps = new ArrayList<>();
        if (cookie != null) ps.add(NotifyPayload.of(NotifyType.COOKIE, cookie));
        ps.add(new SaPayload(proposals));
        ps.add(new KePayload(group.id(), sa.ke.publicValue()));
        ps.add(new NoncePayload(sa.ni));
        ps.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, NatDetection.hash(sa.spiI, 0, sa.local)));
        ps.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, NatDetection.hash(sa.spiI, 0, sa.remote)));
        if (sa.daemon.settings.fragmentation()) ps.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        if (sa.peer.identity().authMethod() == rose.ike.config.Identity.AuthMethod.DIGITAL_SIGNATURE)
            ps.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, rose.ike.auth.HashAlgorithm.encode(rose.ike.auth.HashAlgorithm.SUPPORTED)));
        return ps;
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        NotifyPayload c = IkeMessage.notify(payloads, NotifyType.COOKIE);
        if (c != null && IkeMessage.first(payloads, SaPayload.class) == null) {
            // The same COOKIE again answers a retransmission of the request without it, sent before the
            // first COOKIE arrived (a loaded responder answers both): our retry is already on its way.
            // If the responder really refuses our cookie, the retry times out like any request.
            if (cookie != null && java.util.Arrays.equals(cookie, c.data())) return TaskResult.STALE;
            cookie = c.data();
            sa.spiR = 0;
            sa.log(IkeLog.Level.INFO, "responder is under load and asked for a COOKIE, retrying with it");
            return TaskResult.NEED_MORE;
        }
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (err != null) return onError(err);
        try {
            Proposal chosen = ProposalMatcher.checkChoice(IkeMessage.first(payloads, SaPayload.class), proposals);
            IkeSuite suite = ProposalMatcher.ikeSuite(chosen);
            KePayload ke = IkeMessage.first(payloads, KePayload.class);
            if (suite.dhGroup() != group || ke.group() != group.id())
                return TaskResult.failed(NotifyType.INVALID_KE_PAYLOAD, "responder chose DH group " + suite.dhGroup().routerOsName() + " but answered KE " + ke.group());
            if (m.header().spiR() == 0) return TaskResult.failed(NotifyType.INVALID_SYNTAX, "IKE_SA_INIT response with a zero responder SPI");
            sa.nr = IkeMessage.first(payloads, NoncePayload.class).nonce();
            byte[] gir = sa.ke.sharedSecret(ke.data());
            sa.suite = suite;
            sa.keys = IkeKeys.derive(suite, IkeKeys.skeyseed(suite.prf(), sa.ni, sa.nr, gir), sa.ni, sa.nr, sa.spiI, sa.spiR);
            sa.outCipher = new SkCipher(suite, sa.keys.skEi(), sa.keys.skAi());
            sa.inCipher = new SkCipher(suite, sa.keys.skEr(), sa.keys.skAr());
            detectNat(payloads);
            sa.fragmentation = sa.daemon.settings.fragmentation() && IkeMessage.notify(payloads, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED) != null;
            NotifyPayload hashes = IkeMessage.notify(payloads, NotifyType.SIGNATURE_HASH_ALGORITHMS);
            if (hashes != null) sa.peerSignatureHashes = rose.ike.auth.HashAlgorithm.decode(hashes.data());
            if (sa.natDetected()) sa.floatToNatT();
            sa.log(IkeLog.Level.DEBUG, "IKE_SA_INIT done: " + suite + (sa.natDetected() ? ", NAT detected" : ""));
            return TaskResult.DONE;
        } catch (IkeException e) {
            return TaskResult.failed(e.notifyType(), e.reason());
        }
    }

    private TaskResult onError(NotifyPayload err) {
        if (err.notifyType() == NotifyType.INVALID_KE_PAYLOAD && err.data().length == 2) {
            int wanted = ((err.data()[0] & 0xff) << 8) | (err.data()[1] & 0xff);
            DhGroup g = DhGroup.byId(wanted);
            if (g != null && g != group && sa.peer.profile().dhGroups().contains(g.routerOsName())) {
                sa.log(IkeLog.Level.INFO, "peer requested DH group " + g.routerOsName() + ", retrying");
                group = g;
                sa.spiR = 0; // §1.2: the retry is a new IKE_SA_INIT, the responder kept no state
                return TaskResult.NEED_MORE;
            }
            return TaskResult.failed(err.notifyType(), "peer wants DH group " + wanted + " which is not in our dh-group " + sa.peer.profile().dhGroups());
        }
        if (err.notifyType() == NotifyType.NO_PROPOSAL_CHOSEN)
            return TaskResult.failed(err.notifyType(), "peer found no suitable proposal (NO_PROPOSAL_CHOSEN); we offered " + ProposalMatcher.describe(proposals));
        return TaskResult.failed(err.notifyType(), "IKE_SA_INIT refused by peer: " + NotifyType.name(err.notifyType()));
    }

    private void detectNat(List<Payload> payloads) {
        NotifyPayload src = IkeMessage.notify(payloads, NotifyType.NAT_DETECTION_SOURCE_IP);
        NotifyPayload dst = IkeMessage.notify(payloads, NotifyType.NAT_DETECTION_DESTINATION_IP);
        if (src != null) sa.natRemote = !java.util.Arrays.equals(src.data(), NatDetection.hash(sa.spiI, sa.spiR, sa.remote));
        if (dst != null) sa.natLocal = !java.util.Arrays.equals(dst.data(), NatDetection.hash(sa.spiI, sa.spiR, sa.local));
    }
}
