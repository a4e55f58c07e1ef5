package rose.ike.v1;

import static rose.ike.v1.V1Attributes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import rose.ike.config.ChildProposal;
import rose.ike.config.IkeProfile;
import rose.ike.config.RouterOsAlgorithms;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.Integrity;
import rose.ike.v1.message.DataAttribute;
import rose.ike.v1.message.SaPayload;
import rose.ike.v1.message.V1Proposal;
import rose.ike.v1.message.V1Transform;

/**
 * RouterOS profile and proposal values to IKEv1 SA payloads and back. Phase 1 (RFC 2409
 * Appendix A) has one proposal whose transforms are every enc x hash x dh-group combination,
 * in the profile's order; the responder takes the first of the initiator's transforms it
 * accepts. Quick mode (RFC 2407 §4.5) likewise: one ESP proposal, one transform per
 * enc-algorithm x auth-algorithm, the responder applying {@code proposal-check} to lifetimes.
 */
final class V1Proposals {
    private V1Proposals() {}

    static final long DEFAULT_PHASE2_LIFETIME = 28800; // RFC 2407 §4.5 when no SA Life Duration is sent

    // ---- phase 1 ----

    static SaPayload phase1Offer(IkeProfile p, int authMethod, boolean firstGroupOnly) {
        List<V1Transform> ts = new ArrayList<>();
        List<String> groups = firstGroupOnly ? p.dhGroups().subList(0, 1) : p.dhGroups();
        for (String enc : p.encAlgorithms()) {
            RouterOsAlgorithms.Cipher c = RouterOsAlgorithms.profileCipher(enc);
            int encId = v1EncId(c.encryption());
            if (encId < 0) continue; // AEAD profile ciphers have no IKEv1 phase-1 number
            for (String h : p.hashAlgorithms())
                for (String g : groups) {
                    List<DataAttribute> as = new ArrayList<>();
                    as.add(DataAttribute.basic(ENCRYPTION, encId));
                    if (c.encryption().keyLengthAttribute) as.add(DataAttribute.basic(KEY_LENGTH, c.keyBits()));
                    as.add(DataAttribute.basic(HASH, V1Hash.byRouterOsName(h).id));
                    as.add(DataAttribute.basic(AUTH_METHOD, authMethod));
                    as.add(DataAttribute.basic(GROUP, DhGroup.byRouterOsName(g).id()));
                    long life = p.lifetime() == null ? 0 : p.lifetime().getSeconds();
                    if (life > 0) { as.add(DataAttribute.basic(LIFE_TYPE, LIFE_SECONDS)); as.add(DataAttribute.number(LIFE_DURATION, life)); }
                    if (p.lifebytes() > 0) { as.add(DataAttribute.basic(LIFE_TYPE, LIFE_KILOBYTES)); as.add(DataAttribute.number(LIFE_DURATION, Math.max(1, p.lifebytes() / 1024))); }
                    ts.add(new V1Transform(ts.size() + 1, V1Transform.KEY_IKE, as));
                }
        }
        if (ts.isEmpty()) throw new IllegalArgumentException("no enc-algorithm usable with IKEv1 in " + p.encAlgorithms());
        return SaPayload.ipsec(List.of(new V1Proposal(1, V1Proposal.PROTO_ISAKMP, new byte[0], ts)));
    }

    /** A phase-1 transform as a suite, or null when it names something we do not implement. */
    static Phase1Suite phase1Suite(V1Transform t) {
        Encryption e = v1Enc(t.attr(ENCRYPTION));
        V1Hash h = V1Hash.byId(t.attr(HASH));
        DhGroup g = DhGroup.byId((int) t.attr(GROUP));
        int auth = (int) t.attr(AUTH_METHOD);
        if (e == null || h == null || g == null || t.transformId() != V1Transform.KEY_IKE) return null;
        int bits = e.keyLengthAttribute ? (int) t.attr(KEY_LENGTH) : e.keyBits[0];
        if (!e.acceptsKeyBits(bits)) return null;
        long secs = 0, kb = 0;
        long type = -1;
        for (DataAttribute a : t.attributes()) {
            if (a.attributeType() == LIFE_TYPE) type = a.longValue();
            else if (a.attributeType() == LIFE_DURATION) {
                if (type == LIFE_SECONDS) secs = a.longValue();
                else if (type == LIFE_KILOBYTES) kb = a.longValue();
            }
        }
        return new Phase1Suite(e, bits, h, g, auth, secs, kb);
    }

    /** Responder: the first of their transforms (in their order) that our profile accepts; null when none. */
    static V1Transform phase1Select(SaPayload theirs, IkeProfile ours, int authMethod, int requiredGroup) {
        List<Phase1Suite> mine = suites(phase1Offer(ours, authMethod, false));
        if (theirs.proposals().size() != 1 || theirs.proposals().get(0).protocolId() != V1Proposal.PROTO_ISAKMP) return null;
        for (V1Transform t : theirs.proposals().get(0).transforms()) {
            Phase1Suite s = phase1Suite(t);
            if (s == null || (requiredGroup != 0 && s.group().id() != requiredGroup)) continue;
            for (Phase1Suite m : mine) if (m.sameAlgorithms(s)) return t;
        }
        return null;
    }

    static List<Phase1Suite> suites(SaPayload sa) {
        List<Phase1Suite> l = new ArrayList<>();
        for (V1Proposal p : sa.proposals()) for (V1Transform t : p.transforms()) { Phase1Suite s = phase1Suite(t); if (s != null) l.add(s); }
        return l;
    }

    /** RouterOS-flavoured list of a phase-1 SA: {@code [aes-128/sha1/modp2048 3des/sha1/modp1024]}. */
    static String describePhase1(SaPayload sa) {
        StringJoiner j = new StringJoiner(" ", "[", "]");
        for (V1Proposal p : sa.proposals())
            for (V1Transform t : p.transforms()) {
                Phase1Suite s = phase1Suite(t);
                j.add(s != null ? s.describe() : "enc" + t.attr(ENCRYPTION) + "/hash" + t.attr(HASH) + "/group" + t.attr(GROUP));
            }
        return j.toString();
    }

    static int v1EncId(Encryption e) {
        switch (e) {
            case DES_CBC: return ENC_DES;
            case BLOWFISH_CBC: return ENC_BLOWFISH;
            case TRIPLE_DES_CBC: return ENC_3DES;
            case AES_CBC: return ENC_AES;
            default: return -1; // Camellia (8) has no JCE cipher here; AEAD has no phase-1 number
        }
    }

    static Encryption v1Enc(long id) {
        if (id == ENC_DES) return Encryption.DES_CBC;
        if (id == ENC_BLOWFISH) return Encryption.BLOWFISH_CBC;
        if (id == ENC_3DES) return Encryption.TRIPLE_DES_CBC;
        if (id == ENC_AES) return Encryption.AES_CBC;
        return null;
    }

    static String cipherName(Encryption e, int bits) {
        switch (e) {
            case DES_CBC: return "des";
            case TRIPLE_DES_CBC: return "3des";
            case BLOWFISH_CBC: return "blowfish";
            case AES_CBC: return "aes-" + bits;
            default: return e.name().toLowerCase().replace('_', '-') + "-" + bits;
        }
    }

    // ---- quick mode ----

    static SaPayload phase2Offer(ChildProposal cp, int spi, boolean tunnel, boolean udp) {
        DhGroup pfs = pfsGroup(cp);
        int mode = tunnel ? (udp ? MODE_UDP_TUNNEL : MODE_TUNNEL) : (udp ? MODE_UDP_TRANSPORT : MODE_TRANSPORT);
        List<V1Transform> ts = new ArrayList<>();
        for (String enc : cp.encAlgorithms()) {
            RouterOsAlgorithms.Cipher c = RouterOsAlgorithms.proposalCipher(enc);
            List<Integer> auths = new ArrayList<>();
            if (c.encryption().aead()) auths.add(0);
            else for (String a : cp.authAlgorithms()) auths.add(qmAuthId(Integrity.byRouterOsName(a)));
            if (auths.isEmpty()) auths.add(0);
            for (int auth : auths) {
                List<DataAttribute> as = new ArrayList<>();
                long life = cp.lifetime().getSeconds();
                if (life > 0) { as.add(DataAttribute.basic(SA_LIFE_TYPE, LIFE_SECONDS)); as.add(DataAttribute.number(SA_LIFE_DURATION, life)); }
                if (pfs != null) as.add(DataAttribute.basic(GROUP_DESCRIPTION, pfs.id()));
                as.add(DataAttribute.basic(ENCAPSULATION_MODE, mode));
                if (auth != 0) as.add(DataAttribute.basic(AUTH_ALGORITHM, auth));
                if (c.encryption().keyLengthAttribute) as.add(DataAttribute.basic(QM_KEY_LENGTH, c.keyBits()));
                ts.add(new V1Transform(ts.size() + 1, c.encryption().id, as));
            }
        }
        return SaPayload.ipsec(List.of(new V1Proposal(1, V1Proposal.PROTO_ESP, spiBytes(spi), ts)));
    }

    /**
     * Our quick-mode offer for a policy: ESP from the proposal's enc- and auth-algorithms, or with
     * {@code ipsec-protocols=ah} one AH transform per auth-algorithm (RFC 2407 §4.4.3; the
     * Authentication Algorithm attribute must accompany it, §4.5). AH is never UDP-encapsulated.
     */
    static SaPayload phase2Offer(ChildProposal cp, int spi, boolean tunnel, boolean udp, boolean ah) {
        if (!ah) return phase2Offer(cp, spi, tunnel, udp);
        DhGroup pfs = pfsGroup(cp);
        List<V1Transform> ts = new ArrayList<>();
        for (String a : cp.authAlgorithms()) {
            Integrity i = Integrity.byRouterOsName(a);
            if (i == Integrity.NONE) continue;
            List<DataAttribute> as = new ArrayList<>();
            long life = cp.lifetime().getSeconds();
            if (life > 0) { as.add(DataAttribute.basic(SA_LIFE_TYPE, LIFE_SECONDS)); as.add(DataAttribute.number(SA_LIFE_DURATION, life)); }
            if (pfs != null) as.add(DataAttribute.basic(GROUP_DESCRIPTION, pfs.id()));
            as.add(DataAttribute.basic(ENCAPSULATION_MODE, tunnel ? MODE_TUNNEL : MODE_TRANSPORT));
            as.add(DataAttribute.basic(AUTH_ALGORITHM, qmAuthId(i)));
            ts.add(new V1Transform(ts.size() + 1, ahTransformId(i), as));
        }
        return SaPayload.ipsec(List.of(new V1Proposal(1, V1Proposal.PROTO_AH, spiBytes(spi), ts)));
    }

    /** RFC 2407 §4.4.3 AH transform ids: AH_MD5 2, AH_SHA 3, AH_SHA2-256 5, -384 6, -512 7. */
    static int ahTransformId(Integrity i) {
        switch (i) {
            case HMAC_MD5_96: return 2;
            case HMAC_SHA1_96: return 3;
            case HMAC_SHA2_256_128: return 5;
            case HMAC_SHA2_384_192: return 6;
            case HMAC_SHA2_512_256: return 7;
            default: return -1;
        }
    }

    /** A transform of a proposal of {@code protocolId} (ESP or AH) as a suite, or null when we cannot do it. */
    static ChildSuite phase2Suite(int protocolId, V1Transform t) {
        if (protocolId == V1Proposal.PROTO_ESP) return phase2Suite(t);
        if (protocolId != V1Proposal.PROTO_AH) return null;
        Integrity i = null;
        for (Integrity x : Integrity.values()) if (x != Integrity.NONE && ahTransformId(x) == t.transformId()) i = x;
        long a = t.attr(AUTH_ALGORITHM);
        if (i == null || (a >= 0 && qmIntegrity(a) != i)) return null;    // the attribute must agree with the transform id
        long g = t.attr(GROUP_DESCRIPTION);
        DhGroup pfs = g < 0 ? null : DhGroup.byId((int) g);
        if (g >= 0 && pfs == null) return null;
        return new ChildSuite(Encryption.NULL, 0, i, pfs, false);
    }

    static DhGroup pfsGroup(ChildProposal cp) {
        return cp.pfsGroup() == null || cp.pfsGroup().equals("none") ? null : DhGroup.byRouterOsName(cp.pfsGroup());
    }

    /** An ESP transform as a suite, or null when we cannot do it. */
    static ChildSuite phase2Suite(V1Transform t) {
        Encryption e = Encryption.byId(t.transformId());
        if (e == null) return null;
        int bits = e.keyLengthAttribute ? (int) t.attr(QM_KEY_LENGTH) : e.keyBits[0];
        if (e.keyLengthAttribute && bits < 0) bits = e == Encryption.AES_CBC ? 128 : -1; // RFC 3602 §5: AES default 128
        if (!e.acceptsKeyBits(bits)) return null;
        long a = t.attr(AUTH_ALGORITHM);
        Integrity i = a < 0 ? Integrity.NONE : qmIntegrity(a);
        if (i == null || (e.aead() && i != Integrity.NONE)) return null; // AEAD carries its own ICV (RFC 4106 §7)
        long g = t.attr(GROUP_DESCRIPTION);
        DhGroup pfs = g < 0 ? null : DhGroup.byId((int) g);
        if (g >= 0 && pfs == null) return null;
        return new ChildSuite(e, bits, i, pfs, false);
    }

    static long phase2Lifetime(V1Transform t) {
        long type = -1, secs = -1;
        for (DataAttribute a : t.attributes()) {
            if (a.attributeType() == SA_LIFE_TYPE) type = a.longValue();
            else if (a.attributeType() == SA_LIFE_DURATION && type == LIFE_SECONDS) secs = a.longValue();
        }
        return secs < 0 ? DEFAULT_PHASE2_LIFETIME : secs;
    }

    static int encapsulationMode(V1Transform t) {
        long m = t.attr(ENCAPSULATION_MODE);
        return m < 0 ? MODE_TUNNEL : (int) m;
    }

    static boolean tunnelMode(int mode) { return mode == MODE_TUNNEL || mode == MODE_UDP_TUNNEL || mode == MODE_UDP_TUNNEL_DRAFT; }

    static boolean udpMode(int mode) { return mode >= MODE_UDP_TUNNEL; }

    static String describePhase2(SaPayload sa) {
        StringJoiner j = new StringJoiner(" ", "[", "]");
        for (V1Proposal p : sa.proposals())
            for (V1Transform t : p.transforms()) {
                ChildSuite s = phase2Suite(p.protocolId(), t);
                String proto = p.protocolId() == V1Proposal.PROTO_AH ? "ah " : "";
                String suite = s == null ? (proto.isEmpty() ? "esp" : "") + t.transformId() : proto.isEmpty() ? s.toString() : s.toString().replace("NULL-0/", "");
                j.add(proto + suite + " " + phase2Lifetime(t) + "s");
            }
        return j.toString();
    }

    static int qmAuthId(Integrity i) {
        switch (i) {
            case HMAC_MD5_96: return AUTH_HMAC_MD5;
            case HMAC_SHA1_96: return AUTH_HMAC_SHA1;
            case HMAC_SHA2_256_128: return AUTH_HMAC_SHA2_256;
            case HMAC_SHA2_384_192: return AUTH_HMAC_SHA2_384;
            case HMAC_SHA2_512_256: return AUTH_HMAC_SHA2_512;
            default: return 0;
        }
    }

    static Integrity qmIntegrity(long id) {
        for (Integrity i : Integrity.values()) if (i != Integrity.NONE && qmAuthId(i) == id) return i;
        return null;
    }

    static byte[] spiBytes(int spi) { return new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi}; }

    static int spiOf(byte[] s) { return ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff); }
}
