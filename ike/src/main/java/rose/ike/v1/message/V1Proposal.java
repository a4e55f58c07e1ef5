package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.5 Proposal payload (inside an SA, next payload 2 or 0).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                        SPI (variable)                         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Protocol ids (RFC 2407 §4.4.1): ISAKMP 1, AH 2, ESP 3, IPCOMP 4.
 */
public record V1Proposal(int number, int protocolId, byte[] spi, List<V1Transform> transforms) {
    public static final int PROTO_ISAKMP = 1, PROTO_AH = 2, PROTO_ESP = 3;

    public V1Proposal { spi = spi.clone(); transforms = List.copyOf(transforms); }

    @Override public byte[] spi() { return spi.clone(); }

    static V1Proposal decode(V1Reader r) throws IsakmpException {
        int num = r.u8(), proto = r.u8(), spiSize = r.u8(), n = r.u8();
        byte[] spi = r.bytes(spiSize);
        List<V1Transform> ts = new ArrayList<>();
        int next = V1PayloadType.TRANSFORM;
        for (int i = 0; i < n; i++) {
            if (next != V1PayloadType.TRANSFORM) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "transform " + i + " of " + n + " missing");
            r.need(4);
            next = r.u8();
            r.u8();
            int len = r.u16();
            if (len < 8) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "transform length " + len);
            ts.add(V1Transform.decode(r.slice(len - 4, "Transform")));
        }
        if (next != 0) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "last transform has next payload " + next);
        if (r.remaining() != 0) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, r.remaining() + " bytes after the last transform");
        if (ts.isEmpty()) throw new IsakmpException(V1NotifyType.BAD_PROPOSAL_SYNTAX, "proposal without transforms");
        return new V1Proposal(num, proto, spi, ts);
    }

    void encode(Writer w, boolean last) {
        Writer b = new Writer();
        b.u8(number).u8(protocolId).u8(spi.length).u8(transforms.size()).bytes(spi);
        for (int i = 0; i < transforms.size(); i++) transforms.get(i).encode(b, i == transforms.size() - 1);
        byte[] body = b.toByteArray();
        w.u8(last ? 0 : V1PayloadType.PROPOSAL).u8(0).u16(4 + body.length).bytes(body);
    }
}
