package rose.ike.core;

import java.util.List;
import rose.ike.message.*;

/**
 * CHILD_SA rekey, responder side (§1.3.3). The new SA gets only its inbound half now; its
 * outbound half replaces the old one's when the initiator deletes the old SA (by then the
 * initiator has installed its inbound half, so nothing we send is lost). A request for an SA we
 * already replaced gets TEMPORARY_FAILURE, one for an unknown SA CHILD_SA_NOT_FOUND (§2.25).
 * A request crossing our own rekey of the same SA is answered normally and remembered in
 * {@code old.peerRekey}; {@link ChildRekeyInitiator} settles the collision.
 */
final class ChildRekeyResponder implements ResponderTask {
    private final IkeSa sa;
    private List<Payload> response = List.of();

    ChildRekeyResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        NotifyPayload rekey = IkeMessage.notify(payloads, NotifyType.REKEY_SA);
        TsPayload tsi = ChildSaNegotiation.ts(payloads, true), tsr = ChildSaNegotiation.ts(payloads, false);
        if (rekey.spi().length != 4 || tsi == null) {
            response = List.of(NotifyPayload.of(NotifyType.INVALID_SYNTAX));
            return TaskResult.DONE;
        }
        long spi = ((rekey.spi()[0] & 0xffL) << 24) | ((rekey.spi()[1] & 0xff) << 16) | ((rekey.spi()[2] & 0xff) << 8) | (rekey.spi()[3] & 0xff);
        ChildSa old = sa.childByOutbound(spi);
        if (old == null) {
            response = List.of(new NotifyPayload(rekey.protocolId(), rekey.spi(), NotifyType.CHILD_SA_NOT_FOUND, new byte[0]));
            return TaskResult.DONE;
        }
        if (!old.active() || (old.peerRekey != null && sa.children.contains(old.peerRekey))) {
            response = List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE));
            return TaskResult.DONE;
        }
        ChildSaNegotiation.Answer a = ChildSaNegotiation.respond(sa, IkeMessage.first(payloads, SaPayload.class), IkeMessage.first(payloads, KePayload.class),
                tsi, tsr, IkeMessage.notify(payloads, NotifyType.USE_TRANSPORT_MODE) != null,
                IkeMessage.first(payloads, NoncePayload.class).nonce(), sa.daemon.randomBytes(32), old.policy);
        response = a.payloads();
        if (a.child() == null) return TaskResult.DONE;
        ChildSa n = a.child();
        n.sa = n.sa.withCpu(old.sa.cpu());   // a per-CPU SA's replacement stays on its worker (RFC 9611)
        if (old.sa.cpu() != NegotiatedChildSa.ANY_CPU) {
            List<Payload> out = new java.util.ArrayList<>(response);
            out.add(0, PerCpuChildSas.notifyPayload());
            response = out;
        }
        n.rekeyOf = old;
        old.peerRekey = n;
        if (old.state == ChildSa.State.REKEYING) sa.log(IkeLog.Level.INFO, "CHILD SA rekey collision on " + old.sa + ", answered the peer's rekey too");
        sa.addInboundOnly(n);
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
