package rose.ike.v1;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rose.ike.config.IdSpec;
import rose.ike.config.IpPrefix;
import rose.ike.core.Datagram;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.*;

/**
 * What main mode and aggressive mode share: vendor IDs, NAT-D (RFC 3947 §3), phase-1 IDs,
 * the key computation and HASH_I / HASH_R (RFC 2409 §5):
 * <pre>
 *   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 * </pre>
 */
final class Phase1 {
    private Phase1() {}

    static final byte[] VID_RFC3947 = hex("4a131c81070358455c5728f20e95452f");
    static final byte[] VID_NATT_DRAFT_02 = hex("90cb80913ebb696e086381b5ec427b1f");
    static final byte[] VID_DPD = hex("afcad71368a1f1c96b8696fc77570100");
    static final byte[] VID_XAUTH = hex("09002689dfd6b712");
    static final int NONCE_LENGTH = 32;

    /**
     * The phase-1 Authentication Method attribute we offer and accept: RSA signatures, pre-shared
     * key, or XAUTHInitPreShared (the initiator is the XAuth client, draft-beaulieu-ike-xauth-02 §4).
     */
    static int authMethod(IsakmpSa sa) {
        if (Phase1Signature.enabled(sa)) return Phase1Signature.authMethod(sa);
        return Xauth.enabled(sa) ? V1Attributes.AUTH_XAUTH_INIT_PSK : V1Attributes.AUTH_PSK;
    }

    static List<V1Payload> vendorIds(IsakmpSa sa) {
        List<V1Payload> l = new ArrayList<>();
        if (sa.peer.profile().natTraversal()) { l.add(new VendorIdPayload(VID_RFC3947)); l.add(new VendorIdPayload(VID_NATT_DRAFT_02)); }
        if (sa.peer.profile().dpdInterval() != null) l.add(new VendorIdPayload(VID_DPD));
        if (Xauth.enabled(sa)) l.add(new VendorIdPayload(VID_XAUTH));
        return l;
    }

    static void readVendorIds(IsakmpSa sa, V1PayloadChain chain) {
        for (VendorIdPayload v : chain.all(VendorIdPayload.class)) {
            if (Arrays.equals(v.data(), VID_RFC3947) && sa.peer.profile().natTraversal()) sa.peerNatT = true;
            if (Arrays.equals(v.data(), VID_DPD)) sa.peerDpd = true;
        }
    }

    /** NAT-D payloads as sent: the peer's address first, then ours (RFC 3947 §3.2). */
    static List<V1Payload> natD(IsakmpSa sa) {
        if (!sa.peerNatT) return List.of();
        return List.of(new NatDPayload(natHash(sa, sa.remote)), new NatDPayload(natHash(sa, sa.local)));
    }

    static byte[] natHash(IsakmpSa sa, InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        return sa.suite.hash().digest(ByteBuffer.allocate(16 + ip.length + 2).putLong(sa.ckyI).putLong(sa.ckyR).put(ip).putShort((short) a.getPort()).array());
    }

    /** RFC 3947 §3.2: the first NAT-D is how the peer saw us, the others how it sees itself. */
    static void detectNat(IsakmpSa sa, V1PayloadChain chain, Datagram d) {
        List<NatDPayload> ds = chain.all(NatDPayload.class);
        if (!sa.peerNatT || ds.size() < 2 || d == null) return;
        sa.natLocal = !Arrays.equals(ds.get(0).data(), natHash(sa, d.destination()));
        boolean seen = false;
        for (NatDPayload p : ds.subList(1, ds.size())) if (Arrays.equals(p.data(), natHash(sa, d.source()))) seen = true;
        sa.natRemote = !seen;
        if (sa.natDetected()) sa.log(IkeLog.Level.DEBUG, "NAT detected: " + (sa.natLocal ? "we are behind NAT" : "") + (sa.natRemote ? " peer is behind NAT" : ""));
    }

    static IdPayload myId(IsakmpSa sa) {
        IdSpec id = sa.peer.identity().myId();
        switch (id.kind()) {
            case FQDN: return new IdPayload(IdPayload.ID_FQDN, 0, 0, id.value().getBytes(StandardCharsets.US_ASCII));
            case USER_FQDN: return new IdPayload(IdPayload.ID_USER_FQDN, 0, 0, id.value().getBytes(StandardCharsets.US_ASCII));
            case KEY_ID: return new IdPayload(IdPayload.ID_KEY_ID, 0, 0, id.value().getBytes(StandardCharsets.UTF_8));
            case ADDRESS: return address(IpPrefix.parse(id.value()).address().getAddress());
            // dn:CN=x: that name (ID_DER_ASN1_DN); plain dn is a certificate's subject, which a PSK identity has not: our address
            case DN: if (!id.value().isEmpty()) return new IdPayload(IdPayload.ID_DER_ASN1_DN, 0, 0, new javax.security.auth.x500.X500Principal(id.value()).getEncoded());
                return address(sa.local.getAddress().getAddress());
            default: return address(sa.local.getAddress().getAddress());
        }
    }

    private static IdPayload address(byte[] a) { return new IdPayload(a.length == 4 ? IdPayload.ID_IPV4_ADDR : IdPayload.ID_IPV6_ADDR, 0, 0, a); }

    /** remote-id: auto and ignore accept anything with PSK; otherwise type and value must match. */
    static boolean remoteIdAccepted(IsakmpSa sa, IdPayload got) {
        IdSpec want = sa.peer.identity().remoteId();
        if (want.kind() == IdSpec.Kind.AUTO || want.kind() == IdSpec.Kind.IGNORE) return true;
        if (want.kind() == IdSpec.Kind.DN) {
            if (got.idType() != IdPayload.ID_DER_ASN1_DN) return false;
            if (want.value().isEmpty()) return true;
            try {   // RDN spacing and case of the type names may differ from the text we were given
                return rose.ike.auth.CertificateIds.sameDn(new javax.security.auth.x500.X500Principal(got.data()), new javax.security.auth.x500.X500Principal(want.value()));
            } catch (IllegalArgumentException e) { return false; }
        }
        IdPayload w;
        switch (want.kind()) {
            case FQDN: w = new IdPayload(IdPayload.ID_FQDN, 0, 0, want.value().getBytes(StandardCharsets.US_ASCII)); break;
            case USER_FQDN: w = new IdPayload(IdPayload.ID_USER_FQDN, 0, 0, want.value().getBytes(StandardCharsets.US_ASCII)); break;
            case KEY_ID: w = new IdPayload(IdPayload.ID_KEY_ID, 0, 0, want.value().getBytes(StandardCharsets.UTF_8)); break;
            default: w = address(IpPrefix.parse(want.value()).address().getAddress());
        }
        return w.idType() == got.idType() && Arrays.equals(w.data(), got.data());
    }

    /** g^xy and every key of the ISAKMP SA, once both KE payloads and nonces are known. */
    static void computeKeys(IsakmpSa sa, byte[] peerKe) throws IsakmpException {
        if (peerKe.length != sa.suite.group().publicValueLength())
            throw new IsakmpException(V1NotifyType.INVALID_KEY_INFORMATION, "KE of " + peerKe.length + " bytes for " + sa.suite.group().routerOsName());
        byte[] gxy;
        try {
            gxy = sa.ke.sharedSecret(peerKe);
        } catch (rose.ike.message.IkeException e) {
            throw new IsakmpException(V1NotifyType.INVALID_KEY_INFORMATION, e.reason());
        }
        byte[] mine = sa.ke.publicValue();
        sa.gxi = sa.initiator ? mine : peerKe;
        sa.gxr = sa.initiator ? peerKe : mine;
        sa.keys = Phase1Keys.derive(sa.suite, Phase1Signature.enabled(sa) ? null : sa.peer.identity().secret(), sa.ni, sa.nr, gxy, sa.ckyI, sa.ckyR, sa.gxi, sa.gxr);
    }

    static byte[] hashI(IsakmpSa sa, byte[] idiiBody) {
        byte[] c = sa.cookieBytes();
        return sa.suite.hash().prf.compute(sa.keys.skeyid(), sa.gxi, sa.gxr, Arrays.copyOfRange(c, 0, 8), Arrays.copyOfRange(c, 8, 16), sa.saiBody, idiiBody);
    }

    static byte[] hashR(IsakmpSa sa, byte[] idirBody) {
        byte[] c = sa.cookieBytes();
        return sa.suite.hash().prf.compute(sa.keys.skeyid(), sa.gxr, sa.gxi, Arrays.copyOfRange(c, 8, 16), Arrays.copyOfRange(c, 0, 8), sa.saiBody, idirBody);
    }

    /** The peer's ID and HASH (HASH_I when we are responder): checked against remote-id and the key. */
    static V1Result verifyPeer(IsakmpSa sa, V1PayloadChain chain) {
        if (Phase1Signature.enabled(sa)) return Phase1Signature.verifyPeer(sa, chain);
        int idx = chain.indexOf(IdPayload.class);
        HashPayload h = chain.first(HashPayload.class);
        if (idx < 0 || h == null) return new V1Result.Failed(V1NotifyType.AUTHENTICATION_FAILED, "phase 1: peer sent no ID/HASH (a SIG instead? our identity uses pre-shared-key)");
        byte[] body = chain.body(idx);
        byte[] want = sa.initiator ? hashR(sa, body) : hashI(sa, body);
        if (!java.security.MessageDigest.isEqual(want, h.data())) {
            sa.log(IkeLog.Level.ERROR, "parsing packet failed, possible cause: wrong password");
            return new V1Result.Failed(V1NotifyType.AUTHENTICATION_FAILED, "wrong pre-shared key: the peer's " + (sa.initiator ? "HASH_R" : "HASH_I") + " does not match the one computed from our secret");
        }
        IdPayload id = (IdPayload) chain.payloads().get(idx);
        if (!remoteIdAccepted(sa, id))
            return new V1Result.Failed(V1NotifyType.INVALID_ID_INFORMATION, "phase 1: peer's ID does not match remote-id " + sa.peer.identity().remoteId());
        sa.remoteId = body;
        return null;
    }

    /** RouterOS's words, and both lists for {@code explain}. */
    static V1Result noProposal(IsakmpSa sa, SaPayload theirs) {
        sa.log(IkeLog.Level.ERROR, "no suitable proposal found");
        return new V1Result.Failed(V1NotifyType.NO_PROPOSAL_CHOSEN, "phase 1: no suitable proposal found: peer offered "
                + V1Proposals.describePhase1(theirs) + ", profile accepts " + V1Proposals.describePhase1(V1Proposals.phase1Offer(sa.peer.profile(), Phase1.authMethod(sa), false)));
    }

    static NotificationPayload initialContact(IsakmpSa sa) {
        return NotificationPayload.of(V1Proposal.PROTO_ISAKMP, sa.cookieBytes(), V1NotifyType.INITIAL_CONTACT, new byte[0]);
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}
