package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.XauthCredentials;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.*;

/**
 * XAuth client side ({@link Xauth}): the phase-1 initiator whose identity is pre-shared-key-xauth
 * answers the server's REQUEST with its username/password and ACKs the server's SET; quick modes
 * start once the status is 1. One instance per transaction exchange the server opens.
 */
final class XauthClient extends Exchange {
    XauthClient(IsakmpSa sa, int mid) {
        super(sa, mid);
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.TX; }
    @Override int exchangeType() { return V1ExchangeType.TRANSACTION; }
    @Override String timeUpMessage() { return "xauth negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        AttributePayload a = Xauth.open(this, chain);
        if (a == null) return new V1Result.Ignore("transaction with a HASH that does not verify");
        if (a.cfgType() == AttributePayload.REQUEST) return reply(a);
        if (a.cfgType() == AttributePayload.SET && a.attr(AttributePayload.XAUTH_STATUS) != null) return status(a);
        return new V1Result.Ignore("XAuth configuration type " + a.cfgType() + " not expected by a client");
    }

    private V1Result reply(AttributePayload req) {
        XauthCredentials c = sa.peer.identity().xauth();
        if (c == null)
            return new V1Result.Failed(V1NotifyType.AUTHENTICATION_FAILED, "the XAuth server asks for a user name but the identity has no username/password");
        List<DataAttribute> out = new ArrayList<>();
        if (req.attr(AttributePayload.XAUTH_TYPE) != null) out.add(DataAttribute.basic(AttributePayload.XAUTH_TYPE, 0));
        out.add(Xauth.text(AttributePayload.XAUTH_USER_NAME, c.login()));
        out.add(Xauth.text(AttributePayload.XAUTH_USER_PASSWORD, c.password()));
        Xauth.send(this, new AttributePayload(AttributePayload.REPLY, req.identifier(), out), false);
        return V1Result.DONE;
    }

    private V1Result status(AttributePayload set) {
        long st = set.attr(AttributePayload.XAUTH_STATUS).longValue();
        Xauth.send(this, new AttributePayload(AttributePayload.ACK, set.identifier(), List.of(DataAttribute.basic(AttributePayload.XAUTH_STATUS, (int) st))), false);
        if (st != 1) {
            String why = "the XAuth server refused user " + sa.peer.identity().xauth().login() + " (wrong username or password)";
            sa.log(IkeLog.Level.ERROR, why);
            sa.daemon.recordFailure(sa.peer.name(), why);
            sa.die("xauth failed");
            return V1Result.DONE;
        }
        sa.xauthPending = false;
        sa.log(IkeLog.Level.INFO, "xauth authentication of " + sa.peer.identity().xauth().login() + " succeeded");
        sa.authenticated();
        return V1Result.DONE;
    }
}
