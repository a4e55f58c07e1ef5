package rose.ike.v1;

import java.net.InetAddress;
import java.util.List;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.*;

/**
 * Mode-config server side ({@link ModeCfg}): one transaction exchange, either the client's
 * REQUEST and our REPLY (pull), or our SET and the client's ACK (push).
 */
final class ModeCfgServer extends Exchange {
    private final boolean pushing;

    private ModeCfgServer(IsakmpSa sa, int mid, boolean pushing) {
        super(sa, mid);
        this.pushing = pushing;
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    /** A transaction the client opened: its REQUEST (pull). */
    static ModeCfgServer asked(IsakmpSa sa, int mid) { return new ModeCfgServer(sa, mid, false); }

    /** The client has not asked: push the address. */
    static void push(IsakmpSa sa) {
        InetAddress a = ModeCfg.give(sa);
        if (a == null) { ModeCfg.refuse(sa); return; }
        ModeCfgServer x = new ModeCfgServer(sa, sa.newMessageId(), true);
        sa.exchanges.put(x.messageId, x);
        sa.log(IkeLog.Level.INFO, "mode-config: the client did not ask, pushing " + a.getHostAddress());
        Xauth.send(x, ModeCfg.answer(AttributePayload.SET, 0, sa.peer.identity().modeConfig(), a), true);
    }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.TX; }
    @Override int exchangeType() { return V1ExchangeType.TRANSACTION; }
    @Override String timeUpMessage() { return "mode-config negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        AttributePayload a = Xauth.open(this, chain);
        if (a == null) return new V1Result.Ignore("transaction with a HASH that does not verify");
        if (pushing) {
            if (a.cfgType() != AttributePayload.ACK) return new V1Result.Ignore("mode-config: expected the client's ACK, got configuration type " + a.cfgType());
            return V1Result.DONE;
        }
        if (a.cfgType() != AttributePayload.REQUEST) return new V1Result.Ignore("mode-config: expected a REQUEST, got configuration type " + a.cfgType());
        try {
            ModeCfg.parse(a);   // what the client asks for is checked like any attribute list
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), e.reason());
        }
        InetAddress given = ModeCfg.give(sa);
        if (given == null) {
            ModeCfg.refuse(sa);
            return V1Result.DONE;
        }
        Xauth.send(this, ModeCfg.answer(AttributePayload.REPLY, a.identifier(), sa.peer.identity().modeConfig(), given), false);
        return V1Result.DONE;
    }
}
