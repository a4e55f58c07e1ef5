package rose.ike.v1;

import rose.ike.core.Datagram;
import rose.ike.v1.message.*;

/**
 * Mode-config client side ({@link ModeCfg}): one transaction exchange, either our REQUEST and the
 * server's REPLY (pull), or the server's SET and our ACK (push).
 */
final class ModeCfgClient extends Exchange {
    private final boolean pulling;

    private ModeCfgClient(IsakmpSa sa, int mid, boolean pulling) {
        super(sa, mid);
        this.pulling = pulling;
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    /** Authenticated: ask for an address. */
    static void pull(IsakmpSa sa) {
        ModeCfgClient x = new ModeCfgClient(sa, sa.newMessageId(), true);
        sa.exchanges.put(x.messageId, x);
        Xauth.send(x, ModeCfg.request(sa.daemon.random.nextInt(0x10000)), true);
    }

    /** A transaction the server opened: its SET (push). */
    static ModeCfgClient pushed(IsakmpSa sa, int mid) { return new ModeCfgClient(sa, mid, false); }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.TX; }
    @Override int exchangeType() { return V1ExchangeType.TRANSACTION; }
    @Override String timeUpMessage() { return "mode-config negotiation failed due to time up"; }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        AttributePayload a = Xauth.open(this, chain);
        if (a == null) return new V1Result.Ignore("transaction with a HASH that does not verify");
        int want = pulling ? AttributePayload.REPLY : AttributePayload.SET;
        if (a.cfgType() != want) return new V1Result.Ignore("mode-config: expected configuration type " + want + ", got " + a.cfgType());
        rose.ike.message.CfgAttributes got;
        try {
            got = ModeCfg.parse(a);
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), e.reason());
        }
        if (!pulling) Xauth.send(this, ModeCfg.ack(a), false);
        ModeCfg.received(sa, got);
        return V1Result.DONE;
    }
}
