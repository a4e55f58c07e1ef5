package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.config.Policy;
import rose.ike.core.Datagram;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.KeyExchange;
import rose.ike.v1.message.*;

/**
 * Quick mode, initiator (RFC 2409 §5.5), one per policy; also the make-before-break rekey of
 * a phase-2 SA ({@code rekeyOf}).
 * <pre>
 *   1 -> HDR*, HASH(1), SA, Ni [, KE] , IDci, IDcr
 *   2 <- HDR*, HASH(2), SA, Nr [, KE] , IDci, IDcr [, N(RESPONDER-LIFETIME)]
 *        install inbound, then outbound (replacing the policy's old outbound SA)
 *   3 -> HDR*, HASH(3)
 * </pre>
 */
final class QuickModeInitiator extends Exchange {
    final Policy policy;
    private final Phase2Sa rekeyOf;
    private int spi;
    private byte[] ni;
    private KeyExchange ke;
    private SaPayload offer;
    private IdPayload idci, idcr;

    QuickModeInitiator(IsakmpSa sa, int mid, Policy policy, Phase2Sa rekeyOf) {
        super(sa, mid);
        this.policy = policy;
        this.rekeyOf = rekeyOf;
        this.iv = Phase1Keys.phase2Iv(sa.suite, sa.lastPhase1Block, mid);
    }

    @Override ExchangeRules.Step expected() { return ExchangeRules.Step.QM2; }
    @Override int exchangeType() { return V1ExchangeType.QUICK; }
    @Override String timeUpMessage() { return "phase2 negotiation failed due to time up"; }

    void start() {
        spi = sa.daemon.newChildSpi();
        ni = sa.daemon.randomBytes(Phase1.NONCE_LENGTH);
        offer = V1Proposals.phase2Offer(policy.proposal(), spi, policy.tunnel(), sa.natDetected(), policy.ah());
        DhGroup pfs = V1Proposals.pfsGroup(policy.proposal());
        idci = QuickMode.localId(policy);
        idcr = QuickMode.remoteId(policy);
        List<V1Payload> rest = new ArrayList<>(List.of(offer, new NoncePayload(ni)));
        if (pfs != null) {
            ke = pfs.newExchange(sa.daemon.random);
            rest.add(new KePayload(ke.publicValue()));
        }
        rest.add(idci);
        rest.add(idcr);
        List<V1Payload> out = new ArrayList<>();
        out.add(new HashPayload(QuickMode.hash1(sa, messageId, V1PayloadChain.encode(rest))));
        out.addAll(rest);
        sa.send(this, out, true, true);
    }

    @Override V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d) {
        if (!java.security.MessageDigest.isEqual(chain.first(HashPayload.class).data(), QuickMode.hash2(sa, messageId, ni, chain.after(0))))
            return new V1Result.Ignore("HASH(2) mismatch");
        try {
            return complete(chain);
        } catch (IsakmpException e) {
            return new V1Result.Failed(e.notifyType(), "phase 2 (" + policy.srcAddress() + " <=> " + policy.dstAddress() + "): " + e.reason());
        }
    }

    private V1Result complete(V1PayloadChain chain) throws IsakmpException {
        SaPayload chosen = chain.first(SaPayload.class);
        if (chosen.proposals().size() != 1 || chosen.proposals().get(0).transforms().size() != 1 || chosen.proposals().get(0).spi().length != 4)
            throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "responder chose " + V1Proposals.describePhase2(chosen));
        V1Transform t = chosen.proposals().get(0).transforms().get(0);
        int protocol = offer.proposals().get(0).protocolId();
        ChildSuite s = chosen.proposals().get(0).protocolId() == protocol ? V1Proposals.phase2Suite(protocol, t) : null;
        boolean offered = false;
        for (V1Transform o : offer.proposals().get(0).transforms()) if (s != null && s.equals(V1Proposals.phase2Suite(protocol, o))) offered = true;
        if (!offered) throw new IsakmpException(V1NotifyType.NO_PROPOSAL_CHOSEN, "responder chose " + V1Proposals.describePhase2(chosen) + " which we did not offer");
        List<IdPayload> ids = chain.all(IdPayload.class);
        if (ids.size() != 2 || !ids.get(0).equals(idci) || !ids.get(1).equals(idcr))
            throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "responder changed the quick mode IDs");
        byte[] gqm = null;
        if (s.pfsGroup() != null) {
            KePayload theirs = chain.first(KePayload.class);
            if (ke == null || theirs == null || s.pfsGroup() != ke.group())
                throw new IsakmpException(V1NotifyType.NO_PROPOSAL_CHOSEN, "responder chose PFS group " + s.pfsGroup().routerOsName() + " without a matching KE");
            try { gqm = ke.sharedSecret(theirs.data()); } catch (rose.ike.message.IkeException e) { throw new IsakmpException(V1NotifyType.INVALID_KEY_INFORMATION, e.reason()); }
        }
        long life = V1Proposals.phase2Lifetime(t);
        NotificationPayload rl = chain.notify(V1NotifyType.RESPONDER_LIFETIME);
        if (rl != null) life = Math.min(life, responderLifetime(rl.data(), life));
        byte[] nr = chain.first(NoncePayload.class).data();
        int peerSpi = V1Proposals.spiOf(chosen.proposals().get(0).spi());
        boolean tunnel = V1Proposals.tunnelMode(V1Proposals.encapsulationMode(t));
        Phase2Sa c = new Phase2Sa(QuickMode.build(sa, policy, s, protocol, tunnel, spi, peerSpi, gqm, ni, nr, life,
                List.of(QuickMode.selector(idci)), List.of(QuickMode.selector(idcr)), true), policy, true, sa.daemon.clock.nowMillis());
        sa.send(this, List.of(new HashPayload(QuickMode.hash3(sa, messageId, ni, nr))), true, false);
        sa.installInbound(c);
        sa.installOutbound(c);
        return V1Result.DONE;
    }

    /** RFC 2407 §4.6.3.1: the data are SA attributes (life type, duration). */
    private static long responderLifetime(byte[] data, long fallback) {
        long type = -1;
        int i = 0;
        while (i + 4 <= data.length) {
            int t = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            int l = ((data[i + 2] & 0xff) << 8) | (data[i + 3] & 0xff);
            long v;
            if ((t & 0x8000) != 0) { v = l; i += 4; }
            else {
                if (i + 4 + l > data.length || l > 8) return fallback;
                v = 0;
                for (int k = 0; k < l; k++) v = (v << 8) | (data[i + 4 + k] & 0xff);
                i += 4 + l;
            }
            if ((t & 0x7fff) == V1Attributes.SA_LIFE_TYPE) type = v;
            else if ((t & 0x7fff) == V1Attributes.SA_LIFE_DURATION && type == V1Attributes.LIFE_SECONDS) return v;
        }
        return fallback;
    }
}
