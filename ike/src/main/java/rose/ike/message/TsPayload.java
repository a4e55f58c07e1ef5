package rose.ike.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7296 §3.13 Traffic Selector payloads (TSi = 44, TSr = 45).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of TSs |                 RESERVED                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       <Traffic Selectors>                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record TsPayload(boolean initiator, List<TrafficSelector> selectors) implements Payload {
    public TsPayload { selectors = List.copyOf(selectors); }

    public int type() { return initiator ? PayloadType.TSI : PayloadType.TSR; }

    public static TsPayload decode(boolean initiator, Reader r) throws IkeException {
        r.need(4);
        int n = r.u8();
        r.skip(3);
        if (n == 0) throw IkeException.syntax("TS payload with no selectors");
        List<TrafficSelector> ts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ts.add(TrafficSelector.decode(r));
        if (r.remaining() != 0) throw IkeException.syntax("TS: " + r.remaining() + " trailing bytes");
        return new TsPayload(initiator, ts);
    }

    public void encodeBody(Writer w) {
        w.u8(selectors.size()).u8(0).u16(0);
        for (TrafficSelector t : selectors) t.encode(w);
    }
}
