package rose.ike.core;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import rose.ike.crypto.ChildSuite;
import rose.ike.crypto.DhGroup;
import rose.ike.crypto.Encryption;
import rose.ike.crypto.IkeSuite;
import rose.ike.crypto.Integrity;
import rose.ike.crypto.Prf;
import rose.ike.message.IkeException;
import rose.ike.message.NotifyType;
import rose.ike.message.Proposal;
import rose.ike.message.SaPayload;
import rose.ike.message.Transform;

/**
 * Proposal selection (RFC 7296 §2.7, §3.3.6) and the words that explain a mismatch.
 * The responder walks the initiator's proposals in the initiator's order and, inside each,
 * takes the first transform of each type that it also configured. A proposal that carries a
 * transform type we do not configure, or lacks one we require, does not match.
 */
final class ProposalMatcher {
    private ProposalMatcher() {}

    /** Responder: choose, or return null. {@code preferredDh} (the KE group sent) wins if acceptable. */
    static Proposal select(List<Proposal> theirs, List<Proposal> ours, int preferredDh) {
        for (Proposal t : theirs) {
            for (Proposal o : ours) {
                if (t.protocolId() != o.protocolId()) continue;
                Proposal chosen = intersect(t, o, preferredDh);
                if (chosen != null) return chosen;
            }
        }
        return null;
    }

    private static Proposal intersect(Proposal t, Proposal o, int preferredDh) {
        List<Transform> picked = new ArrayList<>();
        for (int type = Transform.TYPE_ENCR; type <= Transform.TYPE_ESN; type++) {
            List<Transform> ot = o.ofType(type), tt = t.ofType(type);
            if (ot.isEmpty() && tt.isEmpty()) continue;
            if (type == Transform.TYPE_DH && ot.isEmpty() && allNone(tt)) continue; // IKE_AUTH child SA may carry DH NONE
            Transform hit = null;
            if (type == Transform.TYPE_DH && preferredDh > 0) {
                for (Transform x : tt) if (x.id() == preferredDh && ot.contains(x)) hit = x;
            }
            for (Transform x : tt) { if (hit == null && ot.contains(x)) hit = x; }
            if (hit == null) return null;
            picked.add(hit);
        }
        return new Proposal(t.number(), t.protocolId(), t.spi(), picked);
    }

    private static boolean allNone(List<Transform> ts) {
        for (Transform x : ts) if (x.id() != 0) return false;
        return true;
    }

    /** Initiator: the responder's choice must be one transform per type out of one of our proposals. */
    static Proposal checkChoice(SaPayload sa, List<Proposal> ours) throws IkeException {
        if (sa.proposals().size() != 1) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "responder chose " + sa.proposals().size() + " proposals");
        Proposal c = sa.proposals().get(0);
        for (Proposal o : ours) {
            if (o.number() != c.number() || o.protocolId() != c.protocolId()) continue;
            Proposal again = intersect(c, o, 0);
            if (again != null && again.transforms().size() == c.transforms().size()) return c;
        }
        throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "responder chose " + describe(c) + " which we did not offer");
    }

    static IkeSuite ikeSuite(Proposal p) throws IkeException {
        Transform e = one(p, Transform.TYPE_ENCR), prf = one(p, Transform.TYPE_PRF), dh = one(p, Transform.TYPE_DH);
        Encryption enc = Encryption.byId(e.id());
        Integrity integ = p.ofType(Transform.TYPE_INTEG).isEmpty() ? Integrity.NONE : Integrity.byId(one(p, Transform.TYPE_INTEG).id());
        if (enc == null || !enc.ike || integ == null || Prf.byId(prf.id()) == null || DhGroup.byId(dh.id()) == null)
            throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "unsupported IKE transform in " + describe(p));
        if (enc.aead() != (integ == Integrity.NONE)) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "AEAD/integrity mix in " + describe(p));
        return new IkeSuite(enc, keyBits(enc, e), integ, Prf.byId(prf.id()), DhGroup.byId(dh.id()));
    }

    static ChildSuite childSuite(Proposal p) throws IkeException {
        if (p.protocolId() == Proposal.PROTO_AH) return ahSuite(p);
        Transform e = one(p, Transform.TYPE_ENCR);
        Encryption enc = Encryption.byId(e.id());
        Integrity integ = p.ofType(Transform.TYPE_INTEG).isEmpty() ? Integrity.NONE : Integrity.byId(one(p, Transform.TYPE_INTEG).id());
        List<Transform> dh = p.ofType(Transform.TYPE_DH);
        List<Transform> esn = p.ofType(Transform.TYPE_ESN);
        if (enc == null || integ == null) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "unsupported ESP transform in " + describe(p));
        DhGroup g = dh.isEmpty() || dh.get(0).id() == 0 ? null : DhGroup.byId(dh.get(0).id());
        return new ChildSuite(enc, keyBits(enc, e), integ, g, !esn.isEmpty() && esn.get(0).id() == 1);
    }

    /** AH (RFC 7296 §3.3.3): one integrity algorithm, no encryption; the suite says NULL encryption. */
    private static ChildSuite ahSuite(Proposal p) throws IkeException {
        if (!p.ofType(Transform.TYPE_ENCR).isEmpty()) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "AH proposal with encryption: " + describe(p));
        Integrity integ = Integrity.byId(one(p, Transform.TYPE_INTEG).id());
        if (integ == null || integ == Integrity.NONE) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "AH without integrity: " + describe(p));
        List<Transform> dh = p.ofType(Transform.TYPE_DH);
        List<Transform> esn = p.ofType(Transform.TYPE_ESN);
        DhGroup g = dh.isEmpty() || dh.get(0).id() == 0 ? null : DhGroup.byId(dh.get(0).id());
        return new ChildSuite(Encryption.NULL, 0, integ, g, !esn.isEmpty() && esn.get(0).id() == 1);
    }

    private static int keyBits(Encryption enc, Transform e) throws IkeException {
        int bits = e.keyLength() != 0 ? e.keyLength() : enc.keyBits[0];
        if (!enc.acceptsKeyBits(bits)) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, enc + " with a " + bits + "-bit key");
        if (enc.keyLengthAttribute && e.keyLength() == 0) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, enc + " without a key length");
        return bits;
    }

    private static Transform one(Proposal p, int type) throws IkeException {
        List<Transform> l = p.ofType(type);
        if (l.size() != 1) throw new IkeException(NotifyType.NO_PROPOSAL_CHOSEN, "chosen proposal has " + l.size() + " transforms of type " + type);
        return l.get(0);
    }

    /** RouterOS-flavoured words: {@code aes-cbc-256,3des/sha256/prf-sha256/modp2048,ecp256}. */
    static String describe(Proposal p) {
        StringJoiner out = new StringJoiner("/");
        for (int type = Transform.TYPE_ENCR; type <= Transform.TYPE_DH; type++) {
            StringJoiner alts = new StringJoiner(",");
            for (Transform t : p.ofType(type)) alts.add(name(t));
            if (alts.length() > 0) out.add(alts.toString());
        }
        return out.toString();
    }

    static String describe(List<Proposal> ps) {
        StringJoiner j = new StringJoiner(" | ", "[", "]");
        for (Proposal p : ps) j.add(describe(p));
        return j.toString();
    }

    private static String name(Transform t) {
        switch (t.transformType()) {
            case Transform.TYPE_ENCR: {
                Encryption e = Encryption.byId(t.id());
                if (e == null) return "encr" + t.id();
                String n = e.name().toLowerCase().replace('_', '-');
                return t.keyLength() != 0 ? n + "-" + t.keyLength() : n;
            }
            case Transform.TYPE_PRF: { Prf p = Prf.byId(t.id()); return p == null ? "prf" + t.id() : "prf-" + p.routerOsName; }
            case Transform.TYPE_INTEG: { Integrity i = Integrity.byId(t.id()); return i == null ? "integ" + t.id() : i.routerOsName; }
            case Transform.TYPE_DH: { DhGroup g = DhGroup.byId(t.id()); return t.id() == 0 ? "none" : g == null ? "dh" + t.id() : g.routerOsName(); }
            default: return "esn" + t.id();
        }
    }
}
