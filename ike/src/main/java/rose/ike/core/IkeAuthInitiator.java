package rose.ike.core;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import rose.ike.config.Identity;
import rose.ike.config.Policy;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.IkeKeys;
import rose.ike.crypto.PskAuth;
import rose.ike.message.*;

/**
 * IKE_AUTH, initiator side (RFC 7296 §1.2): IDi, [INITIAL_CONTACT], [IDr], AUTH (PSK, §2.15)
 * and the first CHILD_SA (SA, TSi, TSr) for the peer's first policy. The IKE SA is up when the
 * responder's AUTH verifies, even if the CHILD_SA part was refused (§1.2, error notify).
 */
final class IkeAuthInitiator implements InitiatorTask {
    private final IkeSa sa;
    private final Policy policy;
    private List<Proposal> offer;
    private int childSpi;
    private TrafficSelector tsi, tsr;
    /** Mode-config client: the dynamic policy (our given address/32 <=> the narrowed TSr) the first CHILD_SA serves. */
    private Policy childPolicy;
    /** We sent SA_RESOURCE_INFO with the first Child SA (more than one dataplane worker, RFC 9611). */
    private boolean resourcesOffered;

    IkeAuthInitiator(IkeSa sa) {
        this.sa = sa;
        this.policy = ModeConfigExchange.client(sa.peer.identity()) ? ModeConfigExchange.clientPolicy(sa)
                : sa.peer.policies().isEmpty() ? null : sa.peer.policies().get(0);
    }

    @Override public ExchangeType exchange() { return ExchangeType.IKE_AUTH; }

    @Override public List<Payload> buildRequest() throws IkeException {
        Identity id = sa.peer.identity();
        boolean certs = id.authMethod() == Identity.AuthMethod.DIGITAL_SIGNATURE;
        if (id.authMethod() != Identity.AuthMethod.PRE_SHARED_KEY && !certs)
            throw new IkeException(NotifyType.AUTHENTICATION_FAILED, "auth-method " + id.authMethod() + " is not implemented for IKEv2 yet");
        sa.transitionTo(IkeSaState.AUTH_SENT);
        IdPayload idi = certs ? CertificateAuth.myId(sa, id, true) : Identities.toPayload(true, id.myId(), sa.local.getAddress());
        List<Payload> ps = new ArrayList<>();
        ps.add(idi);
        if (certs) ps.addAll(CertificateAuth.certs(id));
        if (sa.peer.sendInitialContact()) ps.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT));
        if (certs) ps.add(CertificateAuth.certReq(id));
        switch (id.remoteId().kind()) {
            case FQDN: case USER_FQDN: case KEY_ID: case ADDRESS: ps.add(Identities.toPayload(false, id.remoteId(), sa.remote.getAddress())); break;
            case DN: if (!id.remoteId().value().isEmpty()) ps.add(Identities.toPayload(false, id.remoteId(), sa.remote.getAddress())); break;
            default: break;
        }
        ps.add(certs ? CertificateAuth.auth(sa, id, idi, true)
                : new AuthPayload(AuthPayload.SHARED_KEY_MIC, PskAuth.authData(sa.suite.prf(), id.secret(), sa.initRequestRaw, sa.nr, sa.keys.skPi(), idi.body())));
        if (policy != null) {
            if (!policy.tunnel()) ps.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE));
            childSpi = sa.daemon.newChildSpi();
            offer = ChildSaNegotiation.offer(policy, childSpi, false);
            boolean client = ModeConfigExchange.client(id);
            if (client) ps.add(rose.ike.message.CfgAttributes.request());
            tsi = client ? ModeConfigExchange.clientTsi(policy) : ChildSaNegotiation.localTs(policy);
            tsr = ChildSaNegotiation.remoteTs(policy);
            resourcesOffered = !client && PerCpuChildSas.offered(sa.daemon);
            if (resourcesOffered) ps.add(PerCpuChildSas.notifyPayload());
            ps.add(new SaPayload(offer));
            ps.add(new TsPayload(true, List.of(tsi)));
            ps.add(new TsPayload(false, List.of(tsr)));
        }
        return ps;
    }

    @Override public TaskResult onResponse(List<Payload> payloads, IkeMessage m) {
        IdPayload idr = IkeMessage.first(payloads, IdPayload.class);
        AuthPayload auth = IkeMessage.first(payloads, AuthPayload.class);
        NotifyPayload err = IkeMessage.firstError(payloads);
        if (idr == null || auth == null) {
            int n = err == null ? NotifyType.AUTHENTICATION_FAILED : err.notifyType();
            String why = n == NotifyType.AUTHENTICATION_FAILED
                    ? "peer refused our authentication (AUTHENTICATION_FAILED): " + (sa.peer.identity().authMethod() == Identity.AuthMethod.DIGITAL_SIGNATURE
                    ? "it does not trust our certificate, or my-id does not match its remote-id" : "the pre-shared key or my-id does not match the peer's identity")
                    : "IKE_AUTH refused by peer: " + NotifyType.name(n);
            return TaskResult.failed(n, why);
        }
        Identity id = sa.peer.identity();
        if (id.authMethod() == Identity.AuthMethod.DIGITAL_SIGNATURE) {
            try {
                CertificateAuth.verifyPeer(sa, id, payloads, idr, auth, false);
            } catch (IkeException e) {
                sa.log(IkeLog.Level.ERROR, "responder's certificate authentication failed: " + e.reason());
                return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, e.reason());
            }
            return established(payloads, idr, err);
        }
        if (!Identities.matches(id.remoteId(), idr, sa.remote.getAddress()))
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, "peer identified as " + Identities.describe(idr) + " but remote-id is " + id.remoteId());
        byte[] expected = PskAuth.authData(sa.suite.prf(), id.secret(), sa.initResponseRaw, sa.ni, sa.keys.skPr(), idr.body());
        if (auth.method() != AuthPayload.SHARED_KEY_MIC || !MessageDigest.isEqual(expected, auth.data())) {
            sa.log(IkeLog.Level.ERROR, "parsing packet failed, possible cause: wrong password");
            return TaskResult.failed(NotifyType.AUTHENTICATION_FAILED, "responder's AUTH does not verify: wrong pre-shared key");
        }
        return established(payloads, idr, err);
    }

    private TaskResult established(List<Payload> payloads, IdPayload idr, NotifyPayload err) {
        sa.transitionTo(IkeSaState.ESTABLISHED);
        sa.remoteIdentity = idr.body();
        sa.createsChildren = true;
        sa.log(IkeLog.Level.INFO, "IKE SA established " + sa.endpoints() + " " + sa.spis() + " " + sa.suite);
        if (policy != null && IkeMessage.first(payloads, SaPayload.class) != null && ModeConfigExchange.client(sa.peer.identity())) {
            try {
                TsPayload rR = ChildSaNegotiation.ts(payloads, false);
                childPolicy = ModeConfigExchange.clientReply(sa, payloads, policy, rR == null ? List.of() : rR.selectors());
            } catch (IkeException e) {
                return TaskResult.failed(e.notifyType(), e.reason());
            }
        }
        if (policy != null) completeChild(payloads, err);
        // one CHILD_SA per further policy of this peer (§1.3.1)
        List<Policy> all = sa.peer.policies();
        for (int i = 1; i < all.size(); i++) sa.enqueue(new ChildCreateInitiator(sa, all.get(i)));
        return TaskResult.DONE;
    }

    private void completeChild(List<Payload> payloads, NotifyPayload err) {
        SaPayload chosenSa = IkeMessage.first(payloads, SaPayload.class);
        if (chosenSa == null) {
            String why = "CHILD_SA refused by peer: " + (err == null ? "no SA payload" : NotifyType.name(err.notifyType()))
                    + "; we offered " + ProposalMatcher.describe(offer) + " for " + tsi + " <=> " + tsr;
            sa.log(IkeLog.Level.ERROR, why);
            sa.daemon.recordFailure(sa.peer.name(), why);
            return;
        }
        try {
            ChildSa c = ChildSaNegotiation.complete(sa, childPolicy != null ? childPolicy : policy, offer, childSpi, null, null, payloads, tsi, tsr);
            sa.perCpuSas = resourcesOffered && IkeMessage.notify(payloads, NotifyType.SA_RESOURCE_INFO) != null;
            if (sa.perCpuSas) c.sa = c.sa.withCpu(NegotiatedChildSa.FALLBACK);
            sa.addChild(c);
            if (sa.perCpuSas) PerCpuChildSas.openFor(sa, c.policy);
        } catch (IkeException e) {
            sa.log(IkeLog.Level.ERROR, "CHILD_SA not installed: " + e.reason());
            sa.daemon.recordFailure(sa.peer.name(), "CHILD_SA not installed: " + e.reason());
        }
    }
}
