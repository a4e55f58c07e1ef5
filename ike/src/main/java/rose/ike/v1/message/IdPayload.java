package rose.ike.v1.message;

import java.util.Arrays;
import rose.ike.message.Writer;

/**
 * RFC 2408 §3.8 Identification payload with the IPsec DOI fields (RFC 2407 §4.6.2).
 * Phase 1: who we are (protocol/port 0 or UDP/500). Quick Mode: IDci/IDcr, the traffic
 * selectors (addresses, subnets, ranges; protocol and port).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !   ID Type     !  Protocol ID  !             Port              !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                     Identification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IdPayload(int idType, int protocol, int port, byte[] data) implements V1Payload {
    public static final int ID_IPV4_ADDR = 1, ID_FQDN = 2, ID_USER_FQDN = 3, ID_IPV4_ADDR_SUBNET = 4, ID_IPV6_ADDR = 5,
            ID_IPV6_ADDR_SUBNET = 6, ID_IPV4_ADDR_RANGE = 7, ID_IPV6_ADDR_RANGE = 8, ID_DER_ASN1_DN = 9, ID_DER_ASN1_GN = 10, ID_KEY_ID = 11;

    public IdPayload { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    public int type() { return V1PayloadType.ID; }

    static IdPayload decode(V1Reader r) throws IsakmpException {
        r.need(4);
        int t = r.u8(), proto = r.u8(), port = r.u16();
        byte[] d = r.rest();
        int want = fixedLength(t);
        if (want >= 0 && d.length != want)
            throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "ID type " + t + " with " + d.length + " bytes, expected " + want);
        if (d.length == 0) throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, "empty ID of type " + t);
        return new IdPayload(t, proto, port, d);
    }

    private static int fixedLength(int t) {
        switch (t) {
            case ID_IPV4_ADDR: return 4;
            case ID_IPV4_ADDR_SUBNET: case ID_IPV4_ADDR_RANGE: return 8;
            case ID_IPV6_ADDR: return 16;
            case ID_IPV6_ADDR_SUBNET: case ID_IPV6_ADDR_RANGE: return 32;
            default: return -1;
        }
    }

    public void encodeBody(Writer w) { w.u8(idType).u8(protocol).u16(port).bytes(data); }

    @Override public boolean equals(Object o) {
        return o instanceof IdPayload p && p.idType == idType && p.protocol == protocol && p.port == port && Arrays.equals(p.data, data);
    }

    @Override public int hashCode() { return Arrays.hashCode(data) * 31 + idType; }
}
