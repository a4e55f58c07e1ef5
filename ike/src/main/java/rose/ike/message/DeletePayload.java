package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7296 §3.11 Delete payload. For the IKE SA the SPI size is 0 and there are no SPIs.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Protocol ID   |   SPI Size    |          Num of SPIs          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record DeletePayload(int protocolId, List<Long> spis) implements Payload {
    public static final int PROTO_IKE = 1, PROTO_AH = 2, PROTO_ESP = 3;

    public DeletePayload { spis = List.copyOf(spis); }

    public int type() { return PayloadType.DELETE; }

    public static DeletePayload decode(Reader r) throws IkeException {
        r.need(4);
        int proto = r.u8();
        int spiSize = r.u8();
        int n = r.u16();
        if (proto == PROTO_IKE) {
            if (spiSize != 0 || n != 0) throw IkeException.syntax("Delete IKE: SPI size " + spiSize + ", " + n + " SPIs");
        } else if (proto == PROTO_AH || proto == PROTO_ESP) {
            if (spiSize != 4) throw IkeException.syntax("Delete ESP/AH: SPI size " + spiSize);
        } else {
            throw IkeException.syntax("Delete: protocol " + proto);
        }
        if (r.remaining() != n * spiSize) throw IkeException.syntax("Delete: " + n + " SPIs of " + spiSize + " bytes in " + r.remaining());
        List<Long> spis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) spis.add(r.u32());
        return new DeletePayload(proto, spis);
    }

    public void encodeBody(Writer w) {
        w.u8(protocolId).u8(protocolId == PROTO_IKE ? 0 : 4).u16(spis.size());
        for (long s : spis) w.u32(s);
    }
}
