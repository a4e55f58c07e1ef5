package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7296 §3.3 Security Association payload: one or more {@link Proposal}s, numbered from 1.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                          <Proposals>                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SaPayload(List<Proposal> proposals) implements Payload {
    public SaPayload { proposals = List.copyOf(proposals); }

    public int type() { return PayloadType.SA; }

    public static SaPayload decode(Reader r) throws IkeException {
        List<Proposal> ps = new ArrayList<>();
        boolean[] last = new boolean[1];
        while (!last[0]) {
            if (r.remaining() == 0) throw IkeException.syntax("SA: proposals end without a last proposal");
            Proposal p = Proposal.decode(r, last);
            int expected = ps.isEmpty() ? 1 : ps.get(ps.size() - 1).number();
            // §3.3.1: the first proposal is 1; each next one has the same number (AND, AH+ESP) or one more.
            if (p.number() != expected && p.number() != expected + 1) throw IkeException.syntax("SA: proposal number " + p.number() + " after " + expected);
            if (ps.isEmpty() && p.number() != 1) throw IkeException.syntax("SA: first proposal numbered " + p.number());
            ps.add(p);
        }
        if (r.remaining() != 0) throw IkeException.syntax("SA: " + r.remaining() + " bytes after the last proposal");
        return new SaPayload(ps);
    }

    public void encodeBody(Writer w) {
        for (int i = 0; i < proposals.size(); i++) proposals.get(i).encode(w, i == proposals.size() - 1);
    }
}
