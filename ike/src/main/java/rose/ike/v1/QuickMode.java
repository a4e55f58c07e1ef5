package rose.ike.v1;

import java.nio.ByteBuffer;
import java.util.List;
import rose.ike.config.IpPrefix;
import rose.ike.config.Policy;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.Prf;
import rose.ike.message.TrafficSelector;
import rose.ike.v1.message.IdPayload;
import rose.ike.v1.message.IsakmpException;
import rose.ike.v1.message.V1NotifyType;
import rose.ike.v1.message.V1Proposal;

/**
 * What both quick-mode roles share (RFC 2409 §5.5):
 * <pre>
 *   HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ])
 *   HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ])
 *   HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
 *   KEYMAT  = K1 | K2 | ...,  K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b),
 *                             Kn = prf(SKEYID_d, Kn-1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
 * </pre>
 * (the payloads after the HASH, generic headers included; the SPI of KEYMAT is the one chosen by
 * the receiving side of that direction). IDci/IDcr are the policy's selectors (RFC 2407 §4.6.2).
 */
final class QuickMode {
    private QuickMode() {}

    static byte[] mid(int m) { return ByteBuffer.allocate(4).putInt(m).array(); }

    static byte[] hash1(IsakmpSa sa, int m, byte[] rest) { return sa.suite.hash().prf.compute(sa.keys.skeyidA(), mid(m), rest); }

    static byte[] hash2(IsakmpSa sa, int m, byte[] ni, byte[] rest) { return sa.suite.hash().prf.compute(sa.keys.skeyidA(), mid(m), ni, rest); }

    static byte[] hash3(IsakmpSa sa, int m, byte[] ni, byte[] nr) { return sa.suite.hash().prf.compute(sa.keys.skeyidA(), new byte[] {0}, mid(m), ni, nr); }

    /** RFC 2409 §5.5: KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded. */
    static byte[] keymat(IsakmpSa sa, byte[] gqm, int protocolId, int spi, byte[] ni, byte[] nr, int length) {
        Prf prf = sa.suite.hash().prf;
        byte[] seed = Phase1Keys.concat(gqm == null ? new byte[0] : gqm, new byte[] {(byte) protocolId}, V1Proposals.spiBytes(spi), ni, nr);
        byte[] out = new byte[length];
        byte[] k = new byte[0];
        for (int off = 0; off < length; ) {
            k = prf.compute(sa.keys.skeyidD(), k, seed);
            int c = Math.min(k.length, length - off);
            System.arraycopy(k, 0, out, off, c);
            off += c;
        }
        return out;
    }

    static IdPayload id(IpPrefix p, int protocol, int port) {
        byte[] a = p.address().getAddress();
        boolean v4 = a.length == 4;
        if (p.length() == a.length * 8) return new IdPayload(v4 ? IdPayload.ID_IPV4_ADDR : IdPayload.ID_IPV6_ADDR, protocol, port, a);
        byte[] mask = new byte[a.length];
        for (int bit = 0; bit < p.length(); bit++) mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        byte[] net = a.clone();
        for (int i = 0; i < a.length; i++) net[i] &= mask[i];
        return new IdPayload(v4 ? IdPayload.ID_IPV4_ADDR_SUBNET : IdPayload.ID_IPV6_ADDR_SUBNET, protocol, port, Phase1Keys.concat(net, mask));
    }

    /** An IDci/IDcr as a traffic selector (port 0 = any). */
    static TrafficSelector selector(IdPayload id) throws IsakmpException {
        byte[] d = id.data();
        int n;
        switch (id.idType()) {
            case IdPayload.ID_IPV4_ADDR: case IdPayload.ID_IPV6_ADDR:
                return TrafficSelector.ofPrefix(d, d.length * 8, id.protocol(), id.port());
            case IdPayload.ID_IPV4_ADDR_SUBNET: case IdPayload.ID_IPV6_ADDR_SUBNET: {
                n = d.length / 2;
                byte[] a = java.util.Arrays.copyOf(d, n);
                int len = 0;
                for (int i = n; i < d.length; i++) len += Integer.bitCount(d[i] & 0xff);
                return TrafficSelector.ofPrefix(a, len, id.protocol(), id.port());
            }
            case IdPayload.ID_IPV4_ADDR_RANGE: case IdPayload.ID_IPV6_ADDR_RANGE: {
                n = d.length / 2;
                TrafficSelector any = TrafficSelector.ofPrefix(java.util.Arrays.copyOf(d, n), 0, id.protocol(), id.port());
                return TrafficSelector.of(java.util.Arrays.copyOf(d, n), java.util.Arrays.copyOfRange(d, n, d.length), id.protocol(), any.startPort(), any.endPort());
            }
            default: throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "quick mode ID of type " + id.idType());
        }
    }

    static IdPayload localId(Policy p) { return id(p.srcAddress(), p.protocol(), p.srcPort()); }

    static IdPayload remoteId(Policy p) { return id(p.dstAddress(), p.protocol(), p.dstPort()); }

    /**
     * The pair of ESP or AH SAs. {@code weInitiated} decides which nonce is Ni; rekeying starts at
     * 80-90 % of the lifetime on the side that negotiated it, at 95 % on the other (IKEv1 has
     * no collision rule, so the two sides should not race).
     */
    static NegotiatedChildSa build(IsakmpSa sa, Policy pol, ChildSuite s, int protocolId, boolean tunnel, int inSpi, int outSpi, byte[] gqm,
                                   byte[] ni, byte[] nr, long lifeSeconds, List<TrafficSelector> local, List<TrafficSelector> remote, boolean weInitiated) {
        int encLen = s.encKeyMaterialLength(), len = encLen + s.integrity().keyLength;
        byte[] in = keymat(sa, gqm, protocolId, inSpi, ni, nr, len), out = keymat(sa, gqm, protocolId, outSpi, ni, nr, len);
        long soft = lifeSeconds == 0 ? 0 : weInitiated
                ? lifeSeconds * 8 / 10 + (lifeSeconds / 10 == 0 ? 0 : sa.daemon.random.nextInt((int) Math.min(Integer.MAX_VALUE, lifeSeconds / 10)))
                : lifeSeconds * 95 / 100;
        return new NegotiatedChildSa(sa.peer.name(), sa.ckyI, sa.ckyR, inSpi, outSpi,
                tunnel ? NegotiatedChildSa.Mode.TUNNEL : NegotiatedChildSa.Mode.TRANSPORT,
                sa.natDetected() ? NegotiatedChildSa.Encapsulation.UDP : NegotiatedChildSa.Encapsulation.NONE, sa.local, sa.remote,
                s.encryption(), s.keyBits(), s.integrity(), false,
                java.util.Arrays.copyOf(in, encLen), java.util.Arrays.copyOfRange(in, encLen, len),
                java.util.Arrays.copyOf(out, encLen), java.util.Arrays.copyOfRange(out, encLen, len),
                local, remote, soft, lifeSeconds,
                protocolId == V1Proposal.PROTO_AH ? NegotiatedChildSa.Protocol.AH : NegotiatedChildSa.Protocol.ESP);
    }
}
