package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7296 §3.3.1 Proposal substructure.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |         Proposal Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SPI (variable)                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        <Transforms>                           ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Proposal(int number, int protocolId, byte[] spi, List<Transform> transforms) {
    public static final int PROTO_IKE = 1, PROTO_AH = 2, PROTO_ESP = 3;

    public Proposal { transforms = List.copyOf(transforms); }

    public List<Transform> ofType(int transformType) {
        List<Transform> out = new ArrayList<>();
        for (Transform t : transforms) if (t.transformType() == transformType) out.add(t);
        return out;
    }

    static Proposal decode(Reader r, boolean[] last) throws IkeException {
        r.need(8);
        int lastFlag = r.u8();
        r.skip(1);
        int len = r.u16();
        if (lastFlag != 0 && lastFlag != 2) throw IkeException.syntax("Proposal: last-substructure " + lastFlag);
        if (len < 8) throw IkeException.syntax("Proposal length " + len);
        Reader p = r.slice(len - 4, "Proposal");
        int num = p.u8();
        int proto = p.u8();
        int spiSize = p.u8();
        int nt = p.u8();
        if (proto < PROTO_IKE || proto > PROTO_ESP) throw IkeException.syntax("Proposal: protocol " + proto);
        if (spiSize != 0 && spiSize != 4 && spiSize != 8) throw IkeException.syntax("Proposal: SPI size " + spiSize);
        byte[] spi = p.bytes(spiSize);
        List<Transform> ts = new ArrayList<>(nt);
        boolean[] tlast = new boolean[1];
        for (int i = 0; i < nt; i++) {
            if (tlast[0]) throw IkeException.syntax("Proposal: transform after the last one");
            ts.add(Transform.decode(p, tlast));
        }
        if (nt > 0 && !tlast[0]) throw IkeException.syntax("Proposal: last transform not flagged last");
        if (p.remaining() != 0) throw IkeException.syntax("Proposal: " + p.remaining() + " trailing bytes after " + nt + " transforms");
        last[0] = lastFlag == 0;
        return new Proposal(num, proto, spi, ts);
    }

    void encode(Writer w, boolean last) {
        Writer body = new Writer();
        for (int i = 0; i < transforms.size(); i++) transforms.get(i).encode(body, i == transforms.size() - 1);
        byte[] tb = body.toByteArray();
        w.u8(last ? 0 : 2).u8(0).u16(8 + spi.length + tb.length)
                .u8(number).u8(protocolId).u8(spi.length).u8(transforms.size()).bytes(spi).bytes(tb);
    }
}
