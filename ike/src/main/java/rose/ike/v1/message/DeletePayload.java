package rose.ike.v1.message;

import java.util.ArrayList;
import java.util.List;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.15 Delete payload: SPIs of one protocol, all of the same size (16 for ISAKMP,
 * the cookie pair; 4 for ESP/AH). The sender lists its inbound SPIs.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !              Domain of Interpretation  (DOI)                  !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record DeletePayload(long doi, int protocolId, int spiSize, List<byte[]> spis) implements V1Payload {
    public DeletePayload {
        List<byte[]> c = new ArrayList<>();
        for (byte[] s : spis) c.add(s.clone());
        spis = List.copyOf(c);
    }

    public int type() { return V1PayloadType.DELETE; }

    static DeletePayload decode(V1Reader r) throws IsakmpException {
        r.need(8);
        long doi = r.u32();
        int proto = r.u8(), size = r.u8(), n = r.u16();
        if (n == 0) throw IsakmpException.malformed("Delete without SPIs");
        if (size == 0) throw new IsakmpException(V1NotifyType.INVALID_SPI, "Delete with SPI size 0");
        if (r.remaining() != size * n) throw IsakmpException.malformed("Delete of " + n + " SPIs of " + size + " bytes in " + r.remaining() + " bytes");
        List<byte[]> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(r.bytes(size));
        return new DeletePayload(doi, proto, size, l);
    }

    public void encodeBody(Writer w) {
        w.u32(doi).u8(protocolId).u8(spiSize).u16(spis.size());
        for (byte[] s : spis) w.bytes(s);
    }
}
