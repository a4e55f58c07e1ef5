package rose.ike.message;

import java.util.List;

/** One instance of every payload, for round-trip and fuzz tests. */
public final class Samples {
    private Samples() {}

    static byte[] n(int len, int seed) { byte[] b = new byte[len]; for (int i = 0; i < len; i++) b[i] = (byte) (seed + i); return b; }

    public static SaPayload sa() {
        return new SaPayload(List.of(
                new Proposal(1, Proposal.PROTO_IKE, new byte[0], List.of(
                        new Transform(Transform.TYPE_ENCR, 12, 256), new Transform(Transform.TYPE_PRF, 5, 0),
                        new Transform(Transform.TYPE_INTEG, 12, 0), new Transform(Transform.TYPE_DH, 14, 0))),
                new Proposal(2, Proposal.PROTO_IKE, new byte[0], List.of(
                        new Transform(Transform.TYPE_ENCR, 20, 128), new Transform(Transform.TYPE_PRF, 2, 0),
                        new Transform(Transform.TYPE_DH, 31, 0)))));
    }

    public static SaPayload espSa() {
        return new SaPayload(List.of(new Proposal(1, Proposal.PROTO_ESP, n(4, 7), List.of(
                new Transform(Transform.TYPE_ENCR, 12, 128), new Transform(Transform.TYPE_INTEG, 2, 0),
                new Transform(Transform.TYPE_ESN, 0, 0)))));
    }

    public static TsPayload ts(boolean i) {
        return new TsPayload(i, List.of(TrafficSelector.ofPrefix(new byte[] {10, 1, 0, 0}, 24, 0, 0),
                TrafficSelector.of(n(16, 1), n(16, 2), 6, 80, 443)));
    }

    /** Every payload type that can appear inside SK, plus SA/KE/Nonce. */
    public static List<Payload> all() {
        return List.of(sa(), new KePayload(14, n(256, 3)), new NoncePayload(n(32, 9)),
                new IdPayload(true, IdPayload.ID_FQDN, "seattle.example".getBytes()), new IdPayload(false, IdPayload.ID_IPV4_ADDR, new byte[] {1, 2, 3, 4}),
                new CertPayload(4, n(100, 1)), new CertReqPayload(4, n(40, 2)), new AuthPayload(AuthPayload.SHARED_KEY_MIC, n(32, 5)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, n(20, 4)), new NotifyPayload(3, n(4, 1), NotifyType.REKEY_SA, new byte[0]),
                new DeletePayload(DeletePayload.PROTO_ESP, List.of(0x12345678L, 0xfedcba98L)), new DeletePayload(DeletePayload.PROTO_IKE, List.of()),
                new VendorIdPayload(n(16, 8)), ts(true), ts(false),
                new CpPayload(CpPayload.CFG_REQUEST, List.of(new CpPayload.Attribute(CpPayload.INTERNAL_IP4_ADDRESS, new byte[0]),
                        new CpPayload.Attribute(CpPayload.INTERNAL_IP4_DNS, new byte[] {8, 8, 8, 8}))));
    }
}
