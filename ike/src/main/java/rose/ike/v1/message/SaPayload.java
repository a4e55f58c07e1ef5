package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.4 Security Association payload, IPsec DOI (RFC 2407 §4.6.1): DOI 1,
 * situation SIT_IDENTITY_ONLY (1), followed by Proposal payloads.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                           Situation                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SaPayload(long doi, long situation, List<V1Proposal> proposals) implements V1Payload {
    public static final long DOI_IPSEC = 1, SIT_IDENTITY_ONLY = 1;

    public SaPayload { proposals = List.copyOf(proposals); }

    public static SaPayload ipsec(List<V1Proposal> ps) { return new SaPayload(DOI_IPSEC, SIT_IDENTITY_ONLY, ps); }

    public int type() { return V1PayloadType.SA; }

    static SaPayload decode(V1Reader r) throws IsakmpException {
        r.need(8);
        long doi = r.u32(), sit = r.u32();
        if (doi != DOI_IPSEC) throw new IsakmpException(V1NotifyType.DOI_NOT_SUPPORTED, "DOI " + doi);
        if (sit != SIT_IDENTITY_ONLY) throw new IsakmpException(V1NotifyType.SITUATION_NOT_SUPPORTED, "situation " + sit);
        List<V1Proposal> ps = new ArrayList<>();
        int next = V1PayloadType.PROPOSAL;
        while (next == V1PayloadType.PROPOSAL) {
            if (ps.size() >= 64) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "more than 64 proposals");
            r.need(4);
            next = r.u8();
            r.u8();
            int len = r.u16();
            if (len < 8) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "proposal length " + len);
            ps.add(V1Proposal.decode(r.slice(len - 4, "Proposal")));
        }
        if (next != 0) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "proposal followed by payload " + next);
        if (r.remaining() != 0) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, r.remaining() + " bytes after the last proposal");
        return new SaPayload(doi, sit, ps);
    }

    public void encodeBody(Writer w) {
        w.u32(doi).u32(situation);
        for (int i = 0; i < proposals.size(); i++) proposals.get(i).encode(w, i == proposals.size() - 1);
    }
}
