package rose.dataplane.trafficgen;

import java.util.List;
import java.util.Random;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;

/**
 * One {@code /tool traffic-generator packet-template}: the header stack and its fields. Frames are
 * built once per size, with the signature's place left for the sender to fill per packet.
 * Addresses are IPv4 ints; a MAC of -1 means "not given": the source is then the port's own MAC
 * and the destination is resolved by ARP for {@link #nextHop()}.
 *
 * <p>{@code packet-size} counts from the first header of the stack to the end of the payload, the
 * Ethernet FCS excluded (the wire adds it), so a 64-octet RouterOS test frame is
 * {@code packet-size=60} here when the stack starts with {@code mac}.
 */
public record TgTemplate(String name, List<Header> stack, long macSrc, long macDst, int vlanId, int vlanPriority,
                         int ipSrc, int ipDst, int ipGateway, int ipProtocol, int ipTtl, int ipDscp, int ipId,
                         int udpSrcPort, int udpDstPort, Data data, int dataByte) {

    public enum Header { MAC, VLAN, IP, UDP }

    /** RouterOS's {@code data=} fill of the payload after the signature. */
    public enum Data { UNINITIALIZED, RANDOM, SPECIFIC_BYTE, INCREMENTING }

    public TgTemplate {
        stack = List.copyOf(stack);
        if (!stack.contains(Header.IP)) throw new IllegalArgumentException("header-stack of " + name + " has no ip header: its packets could not be recognised when they return");
        if (stack.get(0) != Header.MAC) throw new IllegalArgumentException("header-stack of " + name + " must start with mac on an ethernet port");
        int ip = stack.indexOf(Header.IP), udp = stack.indexOf(Header.UDP);
        for (int i = 1; i < ip; i++) if (stack.get(i) != Header.VLAN) throw new IllegalArgumentException("header-stack of " + name + ": only vlan may come between mac and ip");
        if (stack.lastIndexOf(Header.IP) != ip || stack.indexOf(Header.MAC) != stack.lastIndexOf(Header.MAC))
            throw new IllegalArgumentException("header-stack of " + name + ": one mac and one ip header");
        if (udp >= 0 && (udp != ip + 1 || udp != stack.size() - 1)) throw new IllegalArgumentException("header-stack of " + name + ": udp must follow ip and end the stack");
        if (udp < 0 && ip != stack.size() - 1) throw new IllegalArgumentException("header-stack of " + name + ": ip must end the stack when there is no udp");
    }

    /** The address whose MAC the frames are sent to: the gateway, or the destination itself. */
    public int nextHop() { return ipGateway != 0 ? ipGateway : ipDst; }

    /** Octets of headers before the signature. */
    public int headerBytes() {
        int n = 0;
        for (Header h : stack) n += h == Header.MAC ? 14 : h == Header.VLAN ? 4 : h == Header.IP ? 20 : 8;
        return n;
    }

    /** The smallest packet-size that holds the headers and the signature. */
    public int minSize() { return headerBytes() + TgSignature.LENGTH; }

    private int protocol() { return stack.contains(Header.UDP) ? 17 : ipProtocol; }

    /** A complete frame of {@code size} octets from {@code src} to {@code dst}; the signature's octets are left zero. */
    public byte[] frame(int size, long src, long dst) {
        if (size < minSize()) throw new IllegalArgumentException("packet-size " + size + " is too small for template " + name + " (minimum " + minSize() + ")");
        byte[] f = new byte[size];
        int p = 0;
        int vlans = 0;
        for (Header h : stack) if (h == Header.VLAN) vlans++;
        Bytes.put48(f, 0, dst);
        Bytes.put48(f, 6, src);
        p = 12;
        for (int v = 0; v < vlans; v++) {
            Bytes.put16(f, p, 0x8100);
            Bytes.put16(f, p + 2, (vlanPriority & 7) << 13 | (vlanId & 0xfff));
            p += 4;
        }
        Bytes.put16(f, p, 0x0800);
        int l3 = p + 2;
        Ip4.writeHeader(f, l3, size - l3, ipId, 0, ipTtl, protocol(), ipSrc, ipDst);
        f[l3 + 1] = (byte) (ipDscp << 2);
        Ip4.setChecksum(f, l3);
        int sig = l3 + 20;
        if (stack.contains(Header.UDP)) {
            Bytes.put16(f, sig, udpSrcPort);
            Bytes.put16(f, sig + 2, udpDstPort);
            Bytes.put16(f, sig + 4, size - sig);
            // checksum 0: "none computed", allowed for UDP over IPv4 (RFC 768), as the signature changes per packet
            sig += 8;
        }
        fill(f, sig + TgSignature.LENGTH);
        return f;
    }

    /** Offset of the signature in frames of this template. */
    public int signatureOffset() { return headerBytes(); }

    private void fill(byte[] f, int from) {
        switch (data) {
            case RANDOM: {
                Random r = new Random(name.hashCode());
                for (int i = from; i < f.length; i++) f[i] = (byte) r.nextInt(256);
                break;
            }
            case SPECIFIC_BYTE:
                for (int i = from; i < f.length; i++) f[i] = (byte) dataByte;
                break;
            case INCREMENTING:
                for (int i = from; i < f.length; i++) f[i] = (byte) (i - from);
                break;
            default:   // uninitialized: whatever the buffer held; ours are zeroed
                break;
        }
    }
}
