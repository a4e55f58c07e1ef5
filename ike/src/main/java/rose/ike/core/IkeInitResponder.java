package rose.ike.core;

import java.util.List;
import rose.ike.config.IkeProfile;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.KeyExchange;
import rose.ike.crypto.SkCipher;
import rose.ike.message.*;

/**
 * IKE_SA_INIT, responder side: pick a proposal (explaining a mismatch in the log with both
 * sides' lists), insist on the KE group of the chosen proposal (INVALID_KE_PAYLOAD otherwise,
 * §1.2), answer SA, KE, Nr, NAT detection and IKEV2_FRAGMENTATION_SUPPORTED when both want it (RFC 7383 §2.3).
 */
final class IkeInitResponder implements ResponderTask {
    private final IkeSa sa;
    private List<Payload> response = List.of();

    IkeInitResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        IkeProfile p = sa.peer.profile();
        List<Proposal> ours = RouterOsAlgorithms.ikeProposals(p.hashAlgorithms(), p.prfAlgorithm(), p.encAlgorithms(), p.dhGroups());
        SaPayload theirs = IkeMessage.first(payloads, SaPayload.class);
        KePayload ke = IkeMessage.first(payloads, KePayload.class);
        Proposal chosen = ProposalMatcher.select(theirs.proposals(), ours, ke.group());
        if (chosen == null) {
            sa.log(IkeLog.Level.ERROR, "no suitable proposal found");
            String why = "no suitable proposal found: peer " + sa.remote.getAddress().getHostAddress() + " offered "
                    + ProposalMatcher.describe(theirs.proposals()) + ", profile accepts " + ProposalMatcher.describe(ours);
            response = List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
            return TaskResult.failed(NotifyType.NO_PROPOSAL_CHOSEN, why);
        }
        try {
            IkeSuite suite = ProposalMatcher.ikeSuite(chosen);
            if (ke.group() != suite.dhGroup().id()) {
                response = List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte) (suite.dhGroup().id() >> 8), (byte) suite.dhGroup().id()}));
                sa.log(IkeLog.Level.INFO, "peer sent KE for group " + ke.group() + ", asking for " + suite.dhGroup().routerOsName());
                return TaskResult.failed(NotifyType.INVALID_KE_PAYLOAD, "asked peer to retry with DH group " + suite.dhGroup().routerOsName());
            }
            sa.ni = IkeMessage.first(payloads, NoncePayload.class).nonce();
            KeyExchange mine = suite.dhGroup().newExchange(sa.daemon.random);
            byte[] gir = mine.sharedSecret(ke.data());
            sa.ke = mine;
            sa.nr = sa.daemon.randomBytes(32);
            sa.suite = suite;
            sa.keys = IkeKeys.derive(suite, IkeKeys.skeyseed(suite.prf(), sa.ni, sa.nr, gir), sa.ni, sa.nr, sa.spiI, sa.spiR);
            sa.outCipher = new SkCipher(suite, sa.keys.skEr(), sa.keys.skAr());
            sa.inCipher = new SkCipher(suite, sa.keys.skEi(), sa.keys.skAi());
            NotifyPayload src = IkeMessage.notify(payloads, NotifyType.NAT_DETECTION_SOURCE_IP);
            NotifyPayload dst = IkeMessage.notify(payloads, NotifyType.NAT_DETECTION_DESTINATION_IP);
            if (src != null) sa.natRemote = !java.util.Arrays.equals(src.data(), NatDetection.hash(sa.spiI, 0, sa.remote));
            if (dst != null) sa.natLocal = !java.util.Arrays.equals(dst.data(), NatDetection.hash(sa.spiI, 0, sa.local));
            sa.fragmentation = sa.daemon.settings.fragmentation() && IkeMessage.notify(payloads, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED) != null;
            List<Payload> out = new java.util.ArrayList<>(List.of(new SaPayload(List.of(chosen)), new KePayload(suite.dhGroup().id(), mine.publicValue()),
                    new NoncePayload(sa.nr),
                    NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, NatDetection.hash(sa.spiI, sa.spiR, sa.local)),
                    NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, NatDetection.hash(sa.spiI, sa.spiR, sa.remote))));
            if (sa.fragmentation) out.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
            NotifyPayload hashes = IkeMessage.notify(payloads, NotifyType.SIGNATURE_HASH_ALGORITHMS);
            if (hashes != null) {   // RFC 7427 §4: answer with ours, remember theirs for signing our AUTH
                sa.peerSignatureHashes = rose.ike.auth.HashAlgorithm.decode(hashes.data());
                out.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, rose.ike.auth.HashAlgorithm.encode(rose.ike.auth.HashAlgorithm.SUPPORTED)));
            }
            CertReqPayload certReq = CertificateAuth.certReq(sa.peer.identity());
            if (certReq != null) out.add(certReq);   // ask for the initiator's certificate (strongSwan sends it only when asked)
            response = out;
            sa.transitionTo(IkeSaState.INIT_RESPONDED);
            return TaskResult.DONE;
        } catch (IkeException e) {
            response = List.of(NotifyPayload.of(e.notifyType()));
            return TaskResult.failed(e.notifyType(), "IKE_SA_INIT from " + sa.remote.getAddress().getHostAddress() + ": " + e.reason());
        }
    }

    @Override public List<Payload> response() { return response; }
}
