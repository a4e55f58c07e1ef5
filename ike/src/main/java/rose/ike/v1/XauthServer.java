package rose.ike.v1;

import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.*;

/**
 * XAuth server side ({@link Xauth}): the phase-1 responder whose identity is pre-shared-key-xauth.
 * One instance per transaction exchange: first REQUEST/REPLY, then SET/ACK with a new message ID.
 * The user name and password are checked against {@code /ip ipsec user} ({@link V1Daemon#setXauthUsers}).
 */
final class XauthServer extends Exchange {
    private final boolean statusStage, ok;
    private String user = "";

    private XauthServer(IsakmpSa sa, int mid, boolean statusStage, boolean ok) {
        super(sa, mid);
        this.statusStage = statusStage;
        this.ok = ok;
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    /** Phase 1 is up: ask for the user name and password. */
    static void start(IsakmpSa sa) {
        XauthServer x = new XauthServer(sa, sa.newMessageId(), false, false);
        sa.exchanges.put(x.messageId, x);
        Xauth.send(x, new AttributePayload(AttributePayload.REQUEST, 0, List.of(DataAttribute.basic(AttributePayload.XAUTH_TYPE, 0),
                Xauth.text(AttributePayload.XAUTH_USER_NAME, ""), Xauth.text(AttributePayload.XAUTH_USER_PASSWORD, ""))), true);
    }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.TX; }
    @Override int exchangeType() { return V1ExchangeType.TRANSACTION; }
    @Override String timeUpMessage() { return "xauth negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        AttributePayload a = Xauth.open(this, chain);
        if (a == null) return new V1Result.Ignore("transaction with a HASH that does not verify");
        if (!statusStage) {
            if (a.cfgType() != AttributePayload.REPLY) return new V1Result.Ignore("expected an XAuth REPLY, got configuration type " + a.cfgType());
            user = String.valueOf(Xauth.text(a.attr(AttributePayload.XAUTH_USER_NAME)));
            String password = Xauth.text(a.attr(AttributePayload.XAUTH_USER_PASSWORD));
            String want = sa.daemon.xauthPassword(user);
            boolean good = want != null && password != null && java.security.MessageDigest.isEqual(
                    want.getBytes(java.nio.charset.StandardCharsets.UTF_8), password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!good) {
                String why = want == null ? "xauth user " + user + " not found in /ip ipsec user" : "xauth user " + user + " gave a wrong password";
                sa.log(IkeLog.Level.ERROR, why);
                sa.daemon.recordFailure(sa.peer.name(), why);
            }
            XauthServer status = new XauthServer(sa, sa.newMessageId(), true, good);
            status.user = user;
            sa.exchanges.put(status.messageId, status);
            Xauth.send(status, new AttributePayload(AttributePayload.SET, 0, List.of(DataAttribute.basic(AttributePayload.XAUTH_STATUS, good ? 1 : 0))), true);
            return V1Result.DONE;
        }
        if (a.cfgType() != AttributePayload.ACK) return new V1Result.Ignore("expected an XAuth ACK, got configuration type " + a.cfgType());
        if (!ok) {
            Informational.send(sa, List.of(Informational.deleteIsakmp(sa)));
            sa.die("xauth failed");
            return V1Result.DONE;
        }
        sa.xauthPending = false;
        sa.log(IkeLog.Level.INFO, "xauth user " + user + " authenticated");
        sa.authenticated();
        return V1Result.DONE;
    }
}
