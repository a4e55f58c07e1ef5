package rose.ike.core;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import rose.ike.config.Identity;
import rose.ike.config.PeerConfig;
import rose.ike.crypto.PskAuth;
import rose.ike.message.*;

/**
 * IKE_AUTH, responder side: check IDi against remote-id, verify the initiator's PSK AUTH
 * (a mismatch is logged as RouterOS does: "parsing packet failed, possible cause: wrong
 * password"), answer IDr and our AUTH, then the CHILD_SA with narrowed selectors.
 */
final class IkeAuthResponder implements ResponderTask {
    private final IkeSa sa;
    private List<Payload> response = List.of();

    IkeAuthResponder(IkeSa sa) { this.sa = sa; }

    @Override public TaskResult onRequest(List<Payload> payloads, IkeMessage m) {
        IdPayload idi = IkeMessage.first(payloads, IdPayload.class);
        PeerConfig byId = sa.daemon.peerForIdentity(sa.peer, idi, sa.remote.getAddress());
        if (byId != sa.peer) {
            sa.log(IkeLog.Level.INFO, "IDi " + Identities.describe(idi) + " matches remote-id of peer " + byId.name() + ", switching to it");
            PeerConfig was = sa.peer;
            sa.peer = byId;
            sa.daemon.peerChanged(sa, was);
        }
        Identity id = sa.peer.identity();
        AuthPayload auth = IkeMessage.first(payloads, AuthPayload.class);
        if (auth != null && id.authMethod() == Identity.AuthMethod.DIGITAL_SIGNATURE && auth.method() != AuthPayload.SHARED_KEY_MIC)
            return certificates(payloads, m, idi, auth, id);
        if (auth == null || id.authMethod() != Identity.AuthMethod.PRE_SHARED_KEY || auth.method() != AuthPayload.SHARED_KEY_MIC) {
            response = List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED));
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, "peer uses auth method " + (auth == null ? "EAP" : auth.method())
                    + ", identity expects " + id.authMethod());
        }
        if (!Identities.matches(id.remoteId(), idi, sa.remote.getAddress())) {
            sa.log(IkeLog.Level.ERROR, "identity not found for peer: " + Identities.describe(idi));
            response = List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED));
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, "peer identified as " + Identities.describe(idi) + " but remote-id is " + id.remoteId());
        }
        byte[] expected = PskAuth.authData(sa.suite.prf(), id.secret(), sa.initRequestRaw, sa.nr, sa.keys.skPi(), idi.body());
        if (!MessageDigest.isEqual(expected, auth.data())) {
            sa.log(IkeLog.Level.ERROR, "parsing packet failed, possible cause: wrong password");
            response = List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED));
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, "initiator's AUTH does not verify: the pre-shared keys differ");
        }
        IdPayload idr = Identities.toPayload(false, id.myId(), sa.local.getAddress());
        List<Payload> out = new ArrayList<>();
        out.add(idr);
        out.add(new AuthPayload(AuthPayload.SHARED_KEY_MIC, PskAuth.authData(sa.suite.prf(), id.secret(), sa.initResponseRaw, sa.ni, sa.keys.skPr(), idr.body())));
        return established(payloads, idi, out);
    }

    /** auth-method digital-signature: the initiator's certificate, ID and signature, then our ID, CERT and AUTH. */
    private TaskResult certificates(List<Payload> payloads, IkeMessage m, IdPayload idi, AuthPayload auth, Identity id) {
        List<Payload> out = new ArrayList<>();
        try {
            CertificateAuth.verifyPeer(sa, id, payloads, idi, auth, true);
            IdPayload idr = CertificateAuth.myId(sa, id, false);
            out.add(idr);
            out.addAll(CertificateAuth.certs(id));
            out.add(CertificateAuth.auth(sa, id, idr, false));
        } catch (IkeException e) {
            sa.log(IkeLog.Level.ERROR, "initiator's certificate authentication failed: " + e.reason());
            response = List.of(NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED));
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, e.reason());
        }
        return established(payloads, idi, out);
    }

    private TaskResult established(List<Payload> payloads, IdPayload idi, List<Payload> out) {
        sa.transitionTo(IkeSaState.ESTABLISHED);
        sa.remoteIdentity = idi.body();
        sa.log(IkeLog.Level.INFO, "IKE SA established " + sa.endpoints() + " " + sa.spis() + " " + sa.suite);
        if (IkeMessage.notify(payloads, NotifyType.INITIAL_CONTACT) != null) sa.daemon.initialContact(sa);
        SaPayload childSa = IkeMessage.first(payloads, SaPayload.class);
        try {
            CpPayload reply = ModeConfigExchange.respond(sa, payloads);
            if (reply != null) out.add(reply);
        } catch (IkeException e) {
            // §3.15.4: no address, no CHILD_SA; the IKE SA stays (the client may ask again or give up)
            sa.log(IkeLog.Level.ERROR, e.reason());
            sa.daemon.recordFailure(sa.peer.name(), e.reason());
            out.add(NotifyPayload.of(e.notifyType()));
            childSa = null;
        }
        if (childSa != null) {
            TsPayload tsi = null, tsr = null;
            for (Payload p : payloads) if (p instanceof TsPayload t) { if (t.initiator()) tsi = t; else tsr = t; }
            boolean transport = IkeMessage.notify(payloads, NotifyType.USE_TRANSPORT_MODE) != null;
            ChildSaNegotiation.Answer a = ChildSaNegotiation.respond(sa, childSa, tsi, tsr, transport);
            if (a.child() != null) {
                // RFC 9611: both ends have several workers; this first SA is the fallback, the initiator adds per-CPU ones
                sa.perCpuSas = IkeMessage.notify(payloads, NotifyType.SA_RESOURCE_INFO) != null && PerCpuChildSas.offered(sa.daemon);
                if (sa.perCpuSas) {
                    a.child().sa = a.child().sa.withCpu(NegotiatedChildSa.FALLBACK);
                    out.add(PerCpuChildSas.notifyPayload());
                }
                sa.addChild(a.child());
            }
            out.addAll(a.payloads());
        }
        response = out;
        return TaskResult.DONE;
    }

    @Override public List<Payload> response() { return response; }
}
