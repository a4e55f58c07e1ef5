package rose.dataplane.firewall;

import rose.dataplane.buffer.Bytes;

/**
 * The header fields and metadata a rule can look at, parsed once per packet into a per-worker
 * scratch object (never one per packet). Public fields: the firewall, conntrack and NAT read and
 * write them in tight loops. {@link #parse} reads IPv4/TCP/UDP/ICMP straight from the buffer.
 */
public final class PacketFields {
    // where the packet is
    public byte[] buf;
    public int l3;                 // offset of the IPv4 header in buf
    public int capLength;          // bytes available from l3

    // IPv4
    public int ihl;                // header length in bytes
    public int totalLength;
    public int tos, ttl, proto, srcIp, dstIp;
    public boolean fragment;       // MF set or offset != 0 (RouterOS fragment=yes)
    public boolean laterFragment;  // offset != 0: no L4 header here

    // L4 (valid when l4Valid)
    public boolean l4Valid;
    public int l4;                 // offset of the L4 header in buf
    public int srcPort, dstPort;   // TCP/UDP; for ICMP echo: id in both
    public int tcpFlags;
    public int tcpMss;             // -1 when absent (only SYN carries it)
    public int icmpType = -1, icmpCode = -1, icmpId;
    public int payload;            // offset of the L4 payload (content, layer7); == payloadEnd when none
    public int payloadEnd;         // l3 + totalLength

    // metadata from the graph and conntrack
    public int inIf = -1, outIf = -1;
    public long srcMac;            // Ethernet source of the received frame, 0 when none
    public int packetMark, routingMark, connMark;   // interned ids, 0 = no-mark
    public int priority;           // packet priority 0..63 (set-priority), 0 by default
    public int ingressPriority;    // priority as received 0..63
    public int connState;          // one ConnStates bit; 0 when conntrack has not run
    public int natState;           // ConnStates.NAT_* bits of the connection
    public int connRef = -1;       // conntrack entry reference, -1 none
    public int connDir;            // 0 original, 1 reply
    public int connType;           // ConnectionType id of the connection, 0 = none (connection-type)
    public boolean helper;         // a conntrack helper reads this connection's packets
    public boolean connFasttrack;  // the connection is fasttracked (set by conntrack's track)
    public boolean decryptedByIpsec;
    public long now;               // nanoTime of this vector

    /** Parses the IPv4 header at {@code off}. False when it is not a well-formed IPv4 packet. */
    public boolean parse(byte[] b, int off, int len) {
        // the arena is the same for every packet of a worker: storing the reference anyway costs
        // G1's card-marking barrier (a StoreLoad fence on this long-lived object) per packet
        if (buf != b) buf = b;
        l3 = off; capLength = len;
        l4Valid = false; tcpFlags = 0; tcpMss = -1; icmpType = -1; icmpCode = -1; srcPort = 0; dstPort = 0; icmpId = 0;
        if (len < 20) return false;
        int vihl = b[off] & 0xff;
        if ((vihl >>> 4) != 4) return false;
        ihl = (vihl & 0x0f) * 4;
        if (ihl < 20 || ihl > len) return false;
        tos = b[off + 1] & 0xff;
        totalLength = u16(b, off + 2);
        if (totalLength < ihl || totalLength > len) return false;
        int frag = u16(b, off + 6);
        laterFragment = (frag & 0x1fff) != 0;
        fragment = laterFragment || (frag & 0x2000) != 0;
        ttl = b[off + 8] & 0xff;
        proto = b[off + 9] & 0xff;
        srcIp = i32(b, off + 12);
        dstIp = i32(b, off + 16);
        payload = off + ihl;
        payloadEnd = off + totalLength;
        if (!laterFragment) parseL4(b, off + ihl, totalLength - ihl);
        return true;
    }

    private void parseL4(byte[] b, int o, int n) {
        l4 = o;
        switch (proto) {
            case Protocols.TCP:
                if (n < 20) return;
                srcPort = u16(b, o); dstPort = u16(b, o + 2);
                tcpFlags = b[o + 13] & 0xff;
                int doff = ((b[o + 12] & 0xff) >>> 4) * 4;
                if (doff < 20 || doff > n) return;
                if ((tcpFlags & TcpFlagsMatch.SYN) != 0) tcpMss = TcpOptions.findMss(b, o + 20, doff - 20);
                payload = o + doff;
                l4Valid = true;
                return;
            case Protocols.UDP: case 132: case 33: case 136:
                if (n < 8) return;
                srcPort = u16(b, o); dstPort = u16(b, o + 2);
                payload = o + 8;
                l4Valid = true;
                return;
            case Protocols.ICMP:
                if (n < 8) return;
                icmpType = b[o] & 0xff; icmpCode = b[o + 1] & 0xff;
                icmpId = u16(b, o + 4);
                payload = o + 8;
                l4Valid = true;
                return;
            case Protocols.GRE:
                // enhanced GRE (PPTP, RFC 2637 §4.1): version 1 with the key bit; the key's low half is
                // the receiver's call ID, which conntrack uses as a port once the PPTP helper mapped the call
                if (n >= 8 && (b[o + 1] & 0x07) == 1 && (b[o] & 0x20) != 0) dstPort = u16(b, o + 6);
                l4Valid = true;
                return;
            default:
                l4Valid = true;   // no L4 fields to match; protocol-only rules still apply
        }
    }

    /** Payload length of the IP packet (what packet-size compares: RouterOS uses the IP total length). */
    public int ipLength() { return totalLength; }

    public static int u16(byte[] b, int o) { return Bytes.u16(b, o); }

    public static int i32(byte[] b, int o) { return Bytes.i32(b, o); }

    public static void put16(byte[] b, int o, int v) { Bytes.put16(b, o, v); }

    public static void put32(byte[] b, int o, int v) { Bytes.put32(b, o, v); }
}
