package rose.dataplane.ipsec;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.CryptoStatus;

/**
 * What AH and ESP do alike once the engine has opened a vector (RFC 4302 §3.4.3-4, RFC 4303
 * §3.4.3-4): the ICV verdict and the replay window update, then the inner packet's way back into
 * {@code ip4-input}. One instance per decrypt node, holding that node's drop reasons, so the
 * counters keep saying which protocol dropped the packet.
 */
final class Decapsulation {
    private final DropReason replay, badIcv, cryptoError, noPolicy, blocked, templateMismatch;

    Decapsulation(DropReason replay, DropReason badIcv, DropReason cryptoError,
                  DropReason noPolicy, DropReason blocked, DropReason templateMismatch) {
        this.replay = replay;
        this.badIcv = badIcv;
        this.cryptoError = cryptoError;
        this.noPolicy = noPolicy;
        this.blocked = blocked;
        this.templateMismatch = templateMismatch;
    }

    /**
     * Whether batch slot {@code k} (packet {@code i}, sequence number {@code seq}) verified and
     * moves the replay window; otherwise the packet is dropped and the SA's counter raised. The
     * window moves only now, after the ICV: a forged packet must not advance it (RFC 4303 §3.4.3).
     */
    boolean verified(CryptoBatch b, int k, SaRuntime r, long seq, PacketVector v, int i) {
        if (!b.ok(k)) {
            if (b.status(k) == CryptoStatus.BAD_ICV) { r.integrityFailures++; v.drop(i, badIcv); }
            else v.drop(i, cryptoError);
            return false;
        }
        if (!r.window.update(seq)) { r.replayDrops++; v.drop(i, replay); return false; }
        return true;
    }

    /**
     * Transport mode: the outer IPv4 header of {@code hl} octets moves from {@code l3} up to
     * {@code inner}, in front of the payload, and becomes the inner packet's header with the
     * AH/ESP next header as its protocol.
     */
    static void moveHeaderUp(byte[] a, int l3, int inner, int hl, int innerLen, int nh) {
        System.arraycopy(a, l3, a, inner, hl);
        a[inner + Ip4.PROTOCOL] = (byte) nh;
        Bytes.put16(a, inner + Ip4.TOTAL_LENGTH, innerLen);
        Ip4.setChecksum(a, inner);
    }

    /**
     * The inner packet at {@code inner} passes RouterOS's inbound policy check
     * ({@link InboundPolicyCheck}) or is dropped; if it passes it re-enters at {@code ip4-input}
     * (next {@code nextInput}) flagged as decrypted, for the firewall's {@code ipsec-policy=in,ipsec},
     * with no connection yet: conntrack sees the inner flow afresh.
     */
    void reenter(PacketMeta m, byte[] a, PacketVector v, int i, int h, int inner, int innerLen, SaEntry e, IpsecTables t,
                 int nextInput) {
        switch (InboundPolicyCheck.check(a, inner, innerLen, e, t)) {     // by if_id for an SA of an /interface ipsec
            case InboundPolicyCheck.NO_POLICY: v.drop(i, noPolicy); return;
            case InboundPolicyCheck.BLOCKED: v.drop(i, blocked); return;
            case InboundPolicyCheck.TEMPLATE_MISMATCH: v.drop(i, templateMismatch); return;
            default: break;
        }
        m.start(h, inner);
        m.l3(h, inner);
        m.length(h, innerLen);
        m.l4(h, inner + Ip4.headerLength(a, inner));
        m.flags(h, DataplaneIpsecBackend.F_IPSEC_IN);
        InboundPolicyCheck.appearOn(m, h, e, t);
        m.conn(h, PacketMeta.NONE);
        m.connInfo(h, 0);
        m.aux(h, 0);
        v.next(i, nextInput);
    }
}
