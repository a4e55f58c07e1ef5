package rose.ike.v1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.v1.message.*;

/**
 * Informational exchanges (RFC 2408 §4.8, RFC 2409 §5.7): one message, never acknowledged,
 * protected once phase 1 is up with HASH(1) = prf(SKEYID_a, M-ID | N/D) and its own IV
 * (hash(last phase-1 block | M-ID)). Carries Delete (ISAKMP or ESP SPIs), DPD R-U-THERE and
 * R-U-THERE-ACK (RFC 3706), INITIAL-CONTACT and error notifications. Before phase 1 has keys
 * only plain error notifications are accepted (that is how a refusal arrives).
 */
final class Informational {
    private Informational() {}

    static void send(IsakmpSa sa, List<V1Payload> body) {
        if (sa.keys == null || sa.lastPhase1Block == null) return;
        int mid = sa.newMessageId();
        byte[] rest = V1PayloadChain.encode(body);
        List<V1Payload> out = new ArrayList<>();
        out.add(new HashPayload(QuickMode.hash1(sa, mid, rest)));
        out.addAll(body);
        byte[] ct = V1Cipher.encrypt(sa.suite.encryption(), sa.keys.encKey(), Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid), V1PayloadChain.encode(out));
        sa.transmit(IsakmpMessage.encodeEncrypted(sa.ckyI, sa.ckyR, V1PayloadType.HASH, V1ExchangeType.INFORMATIONAL, mid, ct));
    }

    static DeletePayload deleteIsakmp(IsakmpSa sa) {
        return new DeletePayload(SaPayload.DOI_IPSEC, V1Proposal.PROTO_ISAKMP, 16, List.of(sa.cookieBytes()));
    }

    /** Delete for phase-2 SAs: we list our inbound SPIs (the peer's outbound ones), one payload per protocol (ESP, AH). */
    static List<V1Payload> deletePhase2(List<NegotiatedChildSa> sas) {
        List<byte[]> esp = new ArrayList<>(), ah = new ArrayList<>();
        for (NegotiatedChildSa s : sas) (s.protocol() == NegotiatedChildSa.Protocol.AH ? ah : esp).add(V1Proposals.spiBytes(s.inboundSpi()));
        List<V1Payload> out = new ArrayList<>();
        if (!esp.isEmpty()) out.add(new DeletePayload(SaPayload.DOI_IPSEC, V1Proposal.PROTO_ESP, 4, esp));
        if (!ah.isEmpty()) out.add(new DeletePayload(SaPayload.DOI_IPSEC, V1Proposal.PROTO_AH, 4, ah));
        return out;
    }

    static void receive(IsakmpSa sa, IsakmpMessage m, Datagram d) {
        V1PayloadChain chain;
        if (!m.header().encrypted()) {
            if (sa.keys != null && sa.lastPhase1Block != null) { sa.log(IkeLog.Level.DEBUG, "unprotected informational ignored"); return; }
            chain = m.chain();
            try { ExchangeRules.check(ExchangeRules.Step.INFO, chain); } catch (IsakmpException e) { return; }
            sa.peerError(chain);
            return;
        }
        if (sa.keys == null || sa.lastPhase1Block == null) { sa.log(IkeLog.Level.DEBUG, "encrypted informational before phase 1 completed, dropped"); return; }
        try {
            byte[] plain = V1Cipher.decrypt(sa.suite.encryption(), sa.keys.encKey(), Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, m.header().messageId()), m.body());
            chain = V1PayloadChain.decode(m.header().nextPayload(), plain, 0, plain.length, true);
            ExchangeRules.check(ExchangeRules.Step.INFO, chain);
            HashPayload h = chain.first(HashPayload.class);
            if (h == null || chain.indexOf(HashPayload.class) != 0
                    || !java.security.MessageDigest.isEqual(h.data(), QuickMode.hash1(sa, m.header().messageId(), chain.after(0))))
                throw new IsakmpException(V1NotifyType.INVALID_HASH_INFORMATION, "informational HASH(1) missing or wrong");
        } catch (IsakmpException e) {
            sa.log(IkeLog.Level.DEBUG, "dropping informational: " + e.reason());
            return;
        }
        sa.lastInbound = sa.daemon.clock.nowMillis();
        for (V1Payload p : chain.payloads()) {
            if (p instanceof DeletePayload del) onDelete(sa, del);
            else if (p instanceof NotificationPayload n) onNotify(sa, n);
            if (sa.state() == IsakmpSaState.DEAD) return;
        }
    }

    private static void onDelete(IsakmpSa sa, DeletePayload del) {
        if (del.protocolId() == V1Proposal.PROTO_ISAKMP) {
            sa.log(IkeLog.Level.INFO, "peer deleted ISAKMP SA " + sa.cookies());
            // IPsec SAs outlive their ISAKMP SA in IKEv1: after a phase-1 rekey they belong to the new one
            IsakmpSa next = sa.daemon.newestEstablished(sa.peer.name(), sa);
            if (next != null) {
                next.children.addAll(sa.children);
                sa.children.clear();
            }
            sa.die("deleted by peer");
            return;
        }
        if ((del.protocolId() != V1Proposal.PROTO_ESP && del.protocolId() != V1Proposal.PROTO_AH) || del.spiSize() != 4) return;
        for (byte[] s : del.spis()) {
            Phase2Sa c = sa.childByOutbound(V1Proposals.spiOf(s));
            if (c == null) continue;
            sa.log(IkeLog.Level.INFO, "peer deleted IPsec SA " + c.sa);
            sa.removeChild(c, "deleted by peer");
        }
    }

    private static void onNotify(IsakmpSa sa, NotificationPayload n) {
        switch (n.notifyType()) {
            case V1NotifyType.R_U_THERE:
                if (n.data().length == 4)
                    send(sa, List.of(NotificationPayload.of(V1Proposal.PROTO_ISAKMP, sa.cookieBytes(), V1NotifyType.R_U_THERE_ACK, n.data())));
                return;
            case V1NotifyType.R_U_THERE_ACK:
                if (n.data().length == 4) Dpd.onAck(sa, ByteBuffer.wrap(n.data()).getInt());
                return;
            case V1NotifyType.INITIAL_CONTACT:
                sa.daemon.initialContact(sa);
                return;
            default:
                if (V1NotifyType.isError(n.notifyType())) {
                    String why = "peer reported " + V1NotifyType.name(n.notifyType()) + " for phase 2";
                    sa.log(IkeLog.Level.ERROR, why);
                    sa.daemon.recordFailure(sa.peer.name(), why + (n.notifyType() == V1NotifyType.NO_PROPOSAL_CHOSEN ? ": no suitable proposal found on the peer" : ""));
                }
        }
    }
}
